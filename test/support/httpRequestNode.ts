/**
 * A test node that calls a credential the way other nodes do: the legacy shape of n8n's HTTP
 * Request node (`requestWithAuthentication` with `uri`, `qs`, `form`/`body`, `json: true`), or
 * the current one (`httpRequestWithAuthentication` with `url`/`baseURL`, `qs`, `body`).
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

export const HTTP_TEST_NODE = 'harness.credentialRequest';

export class CredentialRequestNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Credential Request',
		name: 'credentialRequest',
		group: ['transform'],
		version: 1,
		description: 'Sends one request through a credential',
		defaults: { name: 'Credential Request' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [
			{ name: 'alibabaCloudAccessKeyApi', required: false },
			{ name: 'huaweiCloudIamApi', required: false },
		],
		properties: [
			{ displayName: 'Credential Type', name: 'credentialType', type: 'string', default: '' },
			{ displayName: 'Shape', name: 'shape', type: 'string', default: 'legacy' },
			{ displayName: 'Request', name: 'request', type: 'json', default: '{}' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const credentialType = this.getNodeParameter('credentialType', 0) as string;
		const shape = this.getNodeParameter('shape', 0) as string;
		const raw = this.getNodeParameter('request', 0);
		const request = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject;
		const response =
			shape === 'legacy'
				? await this.helpers.requestWithAuthentication.call(this, credentialType, request as never)
				: await this.helpers.httpRequestWithAuthentication.call(this, credentialType, request as never);
		return [[{ json: (typeof response === 'string' ? JSON.parse(response) : response) as IDataObject, pairedItem: { item: 0 } }]];
	}
}
