import { randomUUID } from 'crypto';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { formatAlibabaTimestamp, signAcs3, signRpcParams } from './alibabaCloudSignature';
import { requestUrl, withSignedParts, type AnyRequestOptions } from './requestShape';
import { canonicalQuery, percentDecode } from './rfc3986';

/** Parameters that belong to a previous signature: dropped so that re-signing starts clean. */
const RPC_SIGNATURE_PARAMS = [
	'AccessKeyId',
	'Signature',
	'SignatureMethod',
	'SignatureNonce',
	'SignatureVersion',
	'SecurityToken',
	'Timestamp',
];

export class AlibabaCloudAccessKeyApi implements ICredentialType {
	name = 'alibabaCloudAccessKeyApi';

	displayName = 'Alibaba Cloud AccessKey API';

	documentationUrl = 'https://www.alibabacloud.com/help/en/ram/user-guide/create-an-accesskey-pair';

	icon = { light: 'file:../icons/alibabaCloud.svg', dark: 'file:../icons/alibabaCloud.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'AccessKey ID',
			name: 'accessKeyId',
			type: 'string',
			required: true,
			default: '',
			description: 'The AccessKey ID of a RAM user (or of an STS temporary credential)',
		},
		{
			displayName: 'AccessKey Secret',
			name: 'accessKeySecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
		},
		{
			displayName: 'Security Token',
			name: 'securityToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Only for STS temporary credentials (AssumeRole): the SecurityToken that came with the temporary AccessKey pair',
		},
		{
			displayName: 'Signature Version',
			name: 'signatureVersion',
			type: 'options',
			options: [
				{
					name: 'V3 (ACS3-HMAC-SHA256)',
					value: 'v3',
					description: 'The signature Alibaba Cloud recommends',
				},
				{
					name: 'RPC (HMAC-SHA1)',
					value: 'rpc',
					description: 'The classic RPC signature (SignatureVersion 1.0)',
				},
			],
			default: 'v3',
		},
		{
			displayName: 'Endpoint Override',
			name: 'endpoint',
			type: 'string',
			default: '',
			placeholder: 'https://openanalytics-vpc.cn-hangzhou.aliyuncs.com',
			description:
				'Leave empty to use the public endpoint of each region. Set it to call a VPC or private endpoint, or a local emulator (e.g. http://127.0.0.1:8787). The credential test is sent here too.',
		},
	];

	authenticate = signAlibabaCloudRequest;

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ $credentials.endpoint ? $credentials.endpoint : "https://sts.aliyuncs.com" }}',
			url: '/',
			method: 'POST',
			body: { Action: 'GetCallerIdentity', Version: '2015-04-01' },
		},
		// n8n's credential test shows only the HTTP status text otherwise
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 400,
					message:
						'Alibaba Cloud rejected the signature: check the AccessKey secret, the security token (STS) and the clock of the n8n host',
				},
			},
			{
				type: 'responseCode',
				properties: { value: 403, message: 'The AccessKey is disabled or not allowed to call STS GetCallerIdentity' },
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'Alibaba Cloud does not know this AccessKey ID, or the endpoint override does not answer RPC calls',
				},
			},
		],
	};
}

/**
 * Signs an Alibaba Cloud RPC request. The RPC parameters (`Action`, `Version` and the API's own)
 * may come in the URL, `qs`, `form` or `body`; they are all gathered, signed, and sent as the
 * query (GET) or a form body (otherwise). A fresh timestamp and nonce are used on every call.
 */
export async function signAlibabaCloudRequest(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const request = requestOptions as AnyRequestOptions;
	const target = new URL(requestUrl(request));
	const method = (request.method ?? 'GET').toUpperCase();
	const params = collectRpcParams(target, request);
	for (const name of RPC_SIGNATURE_PARAMS) delete params[name];
	// a request signed before (n8n re-authenticates before resending) has them in x-acs-* headers
	for (const [name, value] of Object.entries(request.headers ?? {})) {
		const lower = name.toLowerCase();
		if (lower === 'x-acs-action') params.Action ??= String(value);
		if (lower === 'x-acs-version') params.Version ??= String(value);
	}

	const accessKeyId = String(credentials.accessKeyId ?? '').trim();
	const accessKeySecret = String(credentials.accessKeySecret ?? '');
	const securityToken = String(credentials.securityToken ?? '').trim() || undefined;
	const now = new Date();
	const nonce = randomUUID().replace(/-/g, '');
	const endpoint = `${target.origin}${target.pathname}`;
	const headers = withoutSigningHeaders(request.headers);

	let url: string;
	let body: string | undefined;
	if (credentials.signatureVersion === 'rpc') {
		const signed = signRpcParams({
			method,
			params: { Format: 'JSON', ...params },
			accessKeyId,
			accessKeySecret,
			securityToken,
			timestamp: formatAlibabaTimestamp(now),
			nonce,
		});
		if (method === 'GET') {
			url = `${endpoint}?${canonicalQuery(signed)}`;
		} else {
			url = endpoint;
			body = canonicalQuery(signed);
			headers['content-type'] = 'application/x-www-form-urlencoded';
		}
	} else {
		const { Action: action, Version: version, ...apiParams } = params;
		if (!action || !version) {
			throw new Error('An Alibaba Cloud RPC request needs the parameters Action and Version');
		}
		const query = method === 'GET' ? apiParams : {};
		body = method === 'GET' ? undefined : canonicalQuery(apiParams);
		const contentType = body === undefined ? undefined : 'application/x-www-form-urlencoded';
		Object.assign(
			headers,
			signAcs3({
				method,
				host: target.host,
				// the URL keeps the path percent-encoded; the canonical URI encodes it itself
				path: percentDecode(target.pathname),
				query,
				body: body ?? '',
				contentType,
				action,
				version,
				date: formatAlibabaTimestamp(now),
				nonce,
				accessKeyId,
				accessKeySecret,
				securityToken,
			}),
		);
		const queryString = canonicalQuery(query);
		url = queryString ? `${endpoint}?${queryString}` : endpoint;
	}

	return withSignedParts({ ...request, method: method as IHttpRequestOptions['method'] }, { url, headers, body });
}

function collectRpcParams(target: URL, request: AnyRequestOptions): Record<string, string> {
	// no prototype: any parameter name, __proto__ included, is just a name
	const params: Record<string, string> = Object.create(null);
	target.searchParams.forEach((value, name) => (params[name] = value));
	addParams(params, request.qs);
	addParams(params, request.form);
	if (typeof request.body === 'string') {
		new URLSearchParams(request.body).forEach((value, name) => (params[name] = value));
	} else if (request.body instanceof URLSearchParams) {
		request.body.forEach((value, name) => (params[name] = value));
	} else if (request.body && typeof request.body === 'object' && !Buffer.isBuffer(request.body)) {
		addParams(params, request.body as IDataObject);
	}
	return params;
}

function addParams(params: Record<string, string>, source: IDataObject | undefined): void {
	for (const [name, value] of Object.entries(source ?? {})) {
		if (value === undefined || value === null) continue;
		// RPC parameters are strings; structured values travel as JSON (e.g. Component)
		params[name] = typeof value === 'object' ? JSON.stringify(value) : String(value);
	}
}

function withoutSigningHeaders(headers: IDataObject | undefined): Record<string, string> {
	const kept: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers ?? {})) {
		const lower = name.toLowerCase();
		if (lower === 'authorization' || lower === 'host' || lower.startsWith('x-acs-')) continue;
		if (lower === 'content-type') continue;
		if (value !== undefined && value !== null) kept[lower] = String(value);
	}
	return kept;
}
