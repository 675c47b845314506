import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { runItems } from '../shared/items';
import { readRequestSettings } from '../shared/requestOptions';
import { alibabaDlaProperties } from './description';
import { ALIBABA_CREDENTIAL_TYPE, dlaOperation } from './operations';

export class AlibabaCloudDataLakeAnalytics implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba Cloud Data Lake Analytics',
		name: 'alibabaCloudDataLakeAnalytics',
		icon: { light: 'file:../../icons/alibabaCloud.svg', dark: 'file:../../icons/alibabaCloud.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Create and release Alibaba Cloud Data Lake Analytics instances',
		defaults: { name: 'Alibaba Cloud Data Lake Analytics' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: ALIBABA_CREDENTIAL_TYPE, required: true }],
		properties: alibabaDlaProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const credentials = await this.getCredentials(ALIBABA_CREDENTIAL_TYPE);
		const endpointOverride = String(credentials.endpoint ?? '').trim();
		const settings = readRequestSettings(this);
		return await runItems(this, dlaOperation(this, endpointOverride, settings), settings);
	}
}
