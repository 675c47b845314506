import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { runItems } from '../shared/items';
import { readRequestSettings } from '../shared/requestOptions';
import { lakeFormationProperties } from './description';
import { HUAWEI_CREDENTIAL_TYPE, lakeFormationOperation } from './operations';

export class HuaweiCloudLakeFormation implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Huawei Cloud LakeFormation',
		name: 'huaweiCloudLakeFormation',
		icon: { light: 'file:../../icons/huaweiCloud.svg', dark: 'file:../../icons/huaweiCloud.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Create and manage Huawei Cloud LakeFormation instances',
		defaults: { name: 'Huawei Cloud LakeFormation' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: HUAWEI_CREDENTIAL_TYPE, required: true }],
		properties: lakeFormationProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const credentials = await this.getCredentials(HUAWEI_CREDENTIAL_TYPE);
		const settings = readRequestSettings(this);
		return await runItems(this, lakeFormationOperation(this, credentials, settings), settings);
	}
}
