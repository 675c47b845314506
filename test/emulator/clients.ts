/**
 * Test-side clients of the emulator, signing with the OFFICIAL signers (never the project's
 * own): `@alicloud/openapi-util` for Alibaba RPC / ACS3 and `AKSKSigner` for Huawei.
 * Each `sign*` function returns the URL and fetch init so a test can tamper with them.
 */
import { randomUUID } from 'node:crypto';

import OpenApiUtil from '@alicloud/openapi-util';
import { AKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner';
import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials';

import { sha256Hex } from './http';

export interface HttpAnswer {
	status: number;
	headers: Headers;
	text: string;
	/** Parsed JSON, or undefined when the body is not JSON. */
	body: Record<string, unknown> | undefined;
}

export interface SignedRequest {
	url: string;
	init: RequestInit & { headers: Record<string, string>; method: string };
}

export async function call(url: string, init: RequestInit = {}): Promise<HttpAnswer> {
	const response = await fetch(url, init);
	const text = await response.text();
	let body: Record<string, unknown> | undefined;
	try {
		body = JSON.parse(text) as Record<string, unknown>;
	} catch {
		body = undefined;
	}
	return { status: response.status, headers: response.headers, text, body };
}

export function send(request: SignedRequest): Promise<HttpAnswer> {
	return call(request.url, request.init);
}

// ---------------------------------------------------------------- Alibaba

export interface AlibabaCredentials {
	accessKeyId: string;
	accessKeySecret: string;
	securityToken?: string;
}

/** `yyyy-MM-ddTHH:mm:ssZ` */
export function alibabaTimestamp(date = new Date()): string {
	return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface AlibabaRpcInput {
	baseUrl: string;
	credentials: AlibabaCredentials;
	action: string;
	version?: string;
	params?: Record<string, string>;
	method?: 'GET' | 'POST';
	/** POST only: `split` (default) puts common parameters in the query and the action's in the body. */
	placement?: 'query' | 'body' | 'split';
	timestamp?: string;
	nonce?: string;
	/** Default `JSON`; null leaves Format out (the real API then answers XML). */
	format?: string | null;
}

/** An RPC (HMAC-SHA1) request signed by `OpenApiUtil.getRPCSignature`. */
export function signAlibabaRpc(input: AlibabaRpcInput): SignedRequest & { params: Record<string, string> } {
	const method = input.method ?? 'POST';
	const common: Record<string, string> = {
		Action: input.action,
		Version: input.version ?? '2018-06-19',
		AccessKeyId: input.credentials.accessKeyId,
		SignatureMethod: 'HMAC-SHA1',
		SignatureVersion: '1.0',
		SignatureNonce: input.nonce ?? randomUUID(),
		Timestamp: input.timestamp ?? alibabaTimestamp(),
	};
	if (input.format !== null) common.Format = input.format ?? 'JSON';
	if (input.credentials.securityToken !== undefined) common.SecurityToken = input.credentials.securityToken;
	const business = input.params ?? {};
	const all = { ...common, ...business };
	const signature = OpenApiUtil.getRPCSignature(all, method, input.credentials.accessKeySecret);
	const params = { ...all, Signature: signature };

	const placement = method === 'GET' ? 'query' : (input.placement ?? 'split');
	const inQuery =
		placement === 'query' ? params : placement === 'body' ? {} : { ...common, Signature: signature };
	const inBody = placement === 'query' ? {} : placement === 'body' ? params : business;
	const url = `${input.baseUrl}/?${new URLSearchParams(inQuery).toString()}`;
	const headers: Record<string, string> = {};
	let body: string | undefined;
	if (method === 'POST') {
		headers['content-type'] = 'application/x-www-form-urlencoded';
		body = OpenApiUtil.toForm(inBody);
	}
	return { url, params, init: { method, headers, body } };
}

export function callAlibabaRpc(input: AlibabaRpcInput): Promise<HttpAnswer> {
	return send(signAlibabaRpc(input));
}

export interface AlibabaAcs3Input {
	baseUrl: string;
	credentials: AlibabaCredentials;
	action: string;
	version?: string;
	query?: Record<string, string>;
	/** Sent as an `application/x-www-form-urlencoded` body. */
	form?: Record<string, string>;
	date?: string;
	nonce?: string;
}

/** An ACS3-HMAC-SHA256 request signed by `OpenApiUtil.getAuthorization`. */
export function signAlibabaAcs3(input: AlibabaAcs3Input): SignedRequest {
	const host = new URL(input.baseUrl).host;
	const body = input.form ? OpenApiUtil.toForm(input.form) : '';
	const headers: Record<string, string> = {
		host,
		'x-acs-action': input.action,
		'x-acs-version': input.version ?? '2018-06-19',
		'x-acs-date': input.date ?? alibabaTimestamp(),
		'x-acs-signature-nonce': input.nonce ?? randomUUID().replace(/-/g, ''),
		'x-acs-content-sha256': sha256Hex(body),
	};
	if (input.form) headers['content-type'] = 'application/x-www-form-urlencoded';
	if (input.credentials.securityToken !== undefined) headers['x-acs-security-token'] = input.credentials.securityToken;
	const query = input.query ?? {};
	const request = { pathname: '/', method: 'POST', query, headers } as unknown as Parameters<
		typeof OpenApiUtil.getAuthorization
	>[0];
	const authorization = OpenApiUtil.getAuthorization(
		request,
		'ACS3-HMAC-SHA256',
		headers['x-acs-content-sha256'],
		input.credentials.accessKeyId,
		input.credentials.accessKeySecret,
	);
	const sent: Record<string, string> = { ...headers, authorization };
	delete sent.host; // fetch sends the same Host itself
	const search = new URLSearchParams(query).toString();
	return {
		url: `${input.baseUrl}/${search ? `?${search}` : ''}`,
		init: { method: 'POST', headers: sent, body: input.form ? body : undefined },
	};
}

// ---------------------------------------------------------------- Huawei

export interface HuaweiKey {
	accessKey: string;
	secretKey: string;
	securityToken?: string;
}

/** `YYYYMMDDTHHMMSSZ` */
export function huaweiDate(date = new Date()): string {
	return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

export interface HuaweiAkSkInput {
	baseUrl: string;
	key: HuaweiKey;
	method: string;
	path: string;
	query?: Record<string, string>;
	/** Sent as `JSON.stringify(body)` with Content-Type application/json. */
	body?: unknown;
	projectId?: string;
	date?: string;
}

/** A request signed by the official `AKSKSigner.sign` (as the Huawei Node.js SDK signs). */
export function signHuawei(input: HuaweiAkSkInput): SignedRequest {
	const headers: Record<string, string> = { 'X-Sdk-Date': input.date ?? huaweiDate() };
	if (input.body !== undefined) headers['content-type'] = 'application/json';
	if (input.projectId) headers['X-Project-Id'] = input.projectId;
	if (input.key.securityToken) headers['X-Security-Token'] = input.key.securityToken;
	const signed = AKSKSigner.sign(
		{
			method: input.method,
			endpoint: `${input.baseUrl}${input.path}`,
			queryParams: input.query ?? {},
			headers,
			data: input.body,
		},
		new BasicCredentials().withAk(input.key.accessKey).withSk(input.key.secretKey),
	) as Record<string, string>;
	const sent = { ...signed };
	delete sent.host;
	const search = new URLSearchParams(input.query ?? {}).toString();
	return {
		url: `${input.baseUrl}${input.path}${search ? `?${search}` : ''}`,
		init: {
			method: input.method,
			headers: sent,
			body: input.body === undefined ? undefined : JSON.stringify(input.body),
		},
	};
}

export interface HuaweiPasswordUser {
	domainName: string;
	userName: string;
	password: string;
}

/** POST /v3/auth/tokens with the password body of the reference. */
export async function requestHuaweiToken(
	baseUrl: string,
	user: HuaweiPasswordUser,
	scope: { name?: string; id?: string } | 'domain' | undefined,
	query = '?nocatalog=true',
): Promise<HttpAnswer & { token: string | null }> {
	const body: Record<string, unknown> = {
		auth: {
			identity: {
				methods: ['password'],
				password: { user: { name: user.userName, password: user.password, domain: { name: user.domainName } } },
			},
			...(scope === undefined
				? {}
				: { scope: scope === 'domain' ? { domain: { name: user.domainName } } : { project: scope } }),
		},
	};
	const answer = await call(`${baseUrl}/v3/auth/tokens${query}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json;charset=utf8' },
		body: JSON.stringify(body),
	});
	return { ...answer, token: answer.headers.get('x-subject-token') };
}

/** A LakeFormation call with an IAM token. */
export function callWithToken(
	baseUrl: string,
	token: string | undefined,
	method: string,
	path: string,
	body?: unknown,
): Promise<HttpAnswer> {
	const headers: Record<string, string> = {};
	if (token !== undefined) headers['x-auth-token'] = token;
	if (body !== undefined) headers['content-type'] = 'application/json';
	return call(`${baseUrl}${path}`, {
		method,
		headers,
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
	});
}
