import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { LAKEFORMATION_REGIONS, iamEndpoint } from '../nodes/HuaweiCloudLakeFormation/regions';
import { sdkSignedHeaders } from './huaweiCloudSignature';
import { requestUrl, withSignedParts, type AnyRequestOptions } from './requestShape';
import { percentEncode } from './rfc3986';

const forMode = (mode: string) => ({ show: { authType: [mode] } });

export class HuaweiCloudIamApi implements ICredentialType {
	name = 'huaweiCloudIamApi';

	displayName = 'Huawei Cloud IAM API';

	documentationUrl = 'https://support.huaweicloud.com/intl/en-us/api-iam/iam_30_0001.html';

	icon = { light: 'file:../icons/huaweiCloud.svg', dark: 'file:../icons/huaweiCloud.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Authentication',
			name: 'authType',
			type: 'options',
			options: [
				{
					name: 'IAM User Password',
					value: 'password',
					description: 'Obtain an IAM token with an IAM user\'s password, and keep it until it expires',
				},
				{
					name: 'Token',
					value: 'token',
					description: 'Use an IAM token you obtained yourself (e.g. through an agency)',
				},
				{
					name: 'Access Key (AK/SK)',
					value: 'accessKey',
					description: 'Sign every request with an access key (SDK-HMAC-SHA256)',
				},
			],
			default: 'password',
		},
		{
			displayName: 'Account Name',
			name: 'domainName',
			type: 'string',
			required: true,
			default: '',
			displayOptions: forMode('password'),
			description: 'The account (domain) name the IAM user belongs to',
		},
		{
			displayName: 'IAM User Name',
			name: 'userName',
			type: 'string',
			required: true,
			default: '',
			displayOptions: forMode('password'),
			description: 'An IAM user of the account. A HUAWEI ID cannot obtain tokens: create an IAM user.',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			displayOptions: forMode('password'),
		},
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			displayOptions: forMode('token'),
			description: 'A project-scoped IAM token (the X-Subject-Token of a token request). It expires after 24 hours.',
		},
		{
			displayName: 'Access Key ID',
			name: 'accessKey',
			type: 'string',
			required: true,
			default: '',
			displayOptions: forMode('accessKey'),
		},
		{
			displayName: 'Secret Access Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			displayOptions: forMode('accessKey'),
		},
		{
			displayName: 'Security Token',
			name: 'securityToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: forMode('accessKey'),
			description: 'Only for a temporary access key: the security token that came with it',
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: LAKEFORMATION_REGIONS.map((region) => ({
				name: region.name === region.id ? region.id : `${region.name} (${region.id})`,
				value: region.id,
			})),
			default: 'cn-north-4',
			description: 'The region of the LakeFormation instances; the token is scoped to its project',
		},
		{
			displayName: 'Project ID',
			name: 'projectId',
			type: 'string',
			default: '',
			description:
				'Leave empty to take it from the token, or to look it up in IAM by the region name. Set it to use another project.',
		},
		{
			displayName: 'IAM Endpoint Override',
			name: 'iamEndpoint',
			type: 'string',
			default: '',
			placeholder: 'https://iam.cn-north-4.myhuaweicloud.com',
			description: 'Leave empty for the region\'s IAM endpoint. Set it for a private endpoint or a local emulator.',
		},
		{
			displayName: 'LakeFormation Endpoint Override',
			name: 'lakeFormationEndpoint',
			type: 'string',
			default: '',
			placeholder: 'https://lakeformation.cn-north-4.myhuaweicloud.com',
			description:
				'Leave empty for the region\'s LakeFormation endpoint. Set it for a private endpoint or a local emulator.',
		},
		// Kept by n8n between executions (encrypted with the credential): see preAuthentication.
		{ displayName: 'Session', name: 'session', type: 'hidden', typeOptions: { expirable: true }, default: '' },
		{ displayName: 'Session Project ID', name: 'sessionProjectId', type: 'hidden', default: '' },
		{ displayName: 'Session Expires At', name: 'sessionExpiresAt', type: 'hidden', default: '' },
	];

	preAuthentication = obtainHuaweiSession;

	authenticate = authorizeHuaweiRequest;

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ $credentials.lakeFormationEndpoint ? $credentials.lakeFormationEndpoint : "https://lakeformation." + $credentials.region + ".myhuaweicloud.com" }}',
			url: '/v1/{project_id}/instances',
			qs: { limit: 1 },
			method: 'GET',
		},
	};
}

type HttpHelper = IHttpRequestHelper['helpers'];

/**
 * Runs when the session is empty, and again when a LakeFormation call answers 401. n8n stores
 * what it returns in the credential, so every item and every later execution reuses it:
 * - password: an IAM token (`X-Subject-Token`, valid 24 h) and the project ID in its body;
 * - token: the pasted token, validated, with its project ID;
 * - access key: the project ID of the region, looked up once.
 */
export async function obtainHuaweiSession(
	this: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<IDataObject> {
	const region = text(credentials.region);
	const iam = withoutTrailingSlash(text(credentials.iamEndpoint) || iamEndpoint(region));
	const mode = text(credentials.authType) || 'password';

	if (mode === 'password') {
		const response = await iamCall(this.helpers, {
			method: 'POST',
			url: `${iam}/v3/auth/tokens?nocatalog=true`,
			headers: { 'Content-Type': 'application/json;charset=utf8' },
			body: JSON.stringify({
				auth: {
					identity: {
						methods: ['password'],
						password: {
							user: {
								name: text(credentials.userName),
								password: String(credentials.password ?? ''),
								domain: { name: text(credentials.domainName) },
							},
						},
					},
					scope: { project: { name: region } },
				},
			}),
		}, 'obtain a token with the IAM user password');
		const token = response.headers['x-subject-token'];
		if (!token) throw new Error('IAM answered without an X-Subject-Token header: no token was issued');
		return { session: token, ...tokenDetails(response.body) };
	}

	if (mode === 'token') {
		const token = text(credentials.token);
		const response = await iamCall(this.helpers, {
			method: 'GET',
			url: `${iam}/v3/auth/tokens?nocatalog=true`,
			headers: { 'X-Auth-Token': token, 'X-Subject-Token': token },
		}, 'validate the token');
		const details = tokenDetails(response.body);
		if (!details.sessionProjectId && !text(credentials.projectId)) {
			details.sessionProjectId = await lookUpProjectId(this.helpers, iam, region, { 'X-Auth-Token': token });
		}
		return { session: token, ...details };
	}

	const accessKey = text(credentials.accessKey);
	let projectId = text(credentials.projectId);
	if (!projectId) {
		const url = `${iam}/v3/projects?name=${percentEncode(region)}`;
		const headers = sdkSignedHeaders({
			method: 'GET',
			url,
			headers: {},
			body: '',
			accessKey,
			secretKey: String(credentials.secretKey ?? ''),
			securityToken: text(credentials.securityToken) || undefined,
			date: new Date(),
		});
		projectId = await lookUpProjectId(this.helpers, iam, region, headers, url);
	}
	return { session: accessKey, sessionProjectId: projectId, sessionExpiresAt: '' };
}

async function lookUpProjectId(
	helpers: HttpHelper,
	iam: string,
	region: string,
	headers: Record<string, string>,
	url = `${iam}/v3/projects?name=${percentEncode(region)}`,
): Promise<string> {
	const response = await iamCall(helpers, { method: 'GET', url, headers }, `look up the project of ${region}`);
	const projects = (response.body as { projects?: Array<{ id?: string; name?: string }> }).projects ?? [];
	const project = projects.find((candidate) => candidate.name === region) ?? projects[0];
	if (!project?.id) throw new Error(`IAM lists no project named ${region}: set the Project ID in the credential`);
	return project.id;
}

function tokenDetails(body: unknown): { sessionProjectId: string; sessionExpiresAt: string } {
	const token = (body as { token?: { expires_at?: string; project?: { id?: string } } })?.token;
	return { sessionProjectId: token?.project?.id ?? '', sessionExpiresAt: token?.expires_at ?? '' };
}

/**
 * An IAM call whose failure is reported without the request: n8n's HTTP errors carry the request
 * options, and here those hold the password or a token.
 */
async function iamCall(
	helpers: HttpHelper,
	request: IHttpRequestOptions,
	purpose: string,
): Promise<{ headers: Record<string, string>; body: unknown }> {
	let response: { statusCode: number; headers: Record<string, string>; body: unknown };
	try {
		response = (await helpers.httpRequest({
			...request,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as typeof response;
	} catch (error) {
		const code = (error as { code?: string }).code;
		throw new Error(`Could not ${purpose}: IAM did not answer (${code ?? 'network error'})`);
	}
	if (response.statusCode < 200 || response.statusCode >= 300) {
		const body = response.body as { error?: { message?: string; code?: unknown }; error_msg?: string; error_code?: string };
		const message = body?.error?.message ?? body?.error_msg ?? 'no message';
		throw new Error(`Could not ${purpose}: IAM answered ${response.statusCode}: ${message}`);
	}
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(response.headers ?? {})) headers[name.toLowerCase()] = String(value);
	return { headers, body: response.body };
}

const AUTH_HEADERS = new Set(['x-auth-token', 'authorization', 'x-sdk-date', 'x-project-id', 'x-security-token']);

/**
 * Adds the token (password and token modes) or the AK/SK signature, and fills `{project_id}` in
 * the URL, as the API reference writes paths (`/v1/{project_id}/instances`). The query is written
 * into the URL so that what is signed is exactly what is sent.
 */
export async function authorizeHuaweiRequest(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const request = requestOptions as AnyRequestOptions;
	const projectId = text(credentials.projectId) || text(credentials.sessionProjectId);
	let url = requestUrl(request);
	if (/\{project_id\}|%7Bproject_id%7D/i.test(url)) {
		if (!projectId) throw new Error('The project ID is not known: set Project ID in the Huawei Cloud credential');
		url = url.replace(/\{project_id\}|%7Bproject_id%7D/gi, percentEncode(projectId));
	}
	url = withQuery(url, request.qs);

	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(request.headers ?? {})) {
		if (!AUTH_HEADERS.has(name.toLowerCase()) && value !== undefined && value !== null) headers[name] = String(value);
	}
	const body = bodyAsSent(request.body, headers);
	if (text(credentials.authType) === 'accessKey') {
		Object.assign(
			headers,
			sdkSignedHeaders({
				method: (request.method ?? 'GET').toUpperCase(),
				url,
				headers,
				body: body ?? '',
				accessKey: text(credentials.accessKey),
				secretKey: String(credentials.secretKey ?? ''),
				securityToken: text(credentials.securityToken) || undefined,
				projectId: projectId || undefined,
				date: new Date(),
			}),
		);
	} else {
		headers['X-Auth-Token'] = text(credentials.session) || text(credentials.token);
	}

	return withSignedParts(request, { url, headers, body });
}

function withQuery(url: string, qs: IDataObject | undefined): string {
	const pairs: string[] = [];
	for (const [name, value] of Object.entries(qs ?? {})) {
		for (const item of Array.isArray(value) ? value : [value]) {
			if (item === undefined || item === null) continue;
			pairs.push(`${percentEncode(name)}=${percentEncode(typeof item === 'object' ? JSON.stringify(item) : String(item))}`);
		}
	}
	if (pairs.length === 0) return url;
	return url + (url.includes('?') ? '&' : '?') + pairs.join('&');
}

/**
 * The body as the bytes that will be sent, so that AK/SK signs exactly them: a plain object
 * becomes JSON (or a form, when that is its Content-Type), as n8n would send it.
 */
function bodyAsSent(body: unknown, headers: Record<string, string>): string | Buffer | undefined {
	if (body === undefined || body === null) return undefined;
	if (typeof body === 'string' || Buffer.isBuffer(body)) return body;
	if (body instanceof URLSearchParams) return body.toString();
	const contentType = Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
	if (contentType === undefined) headers['Content-Type'] = 'application/json';
	else if (/x-www-form-urlencoded/i.test(contentType)) {
		return new URLSearchParams(body as Record<string, string>).toString();
	}
	return JSON.stringify(body);
}

function withoutTrailingSlash(url: string): string {
	return url.replace(/\/+$/, '');
}

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : value === undefined || value === null ? '' : String(value);
}
