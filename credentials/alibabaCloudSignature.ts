/**
 * Alibaba Cloud request signing, as pure functions (no n8n imports, no clock, no randomness):
 * the caller supplies timestamp and nonce, so every result is reproducible and testable.
 *
 * - RPC signature v1 (HMAC-SHA1): `Signature` is an extra request parameter.
 * - V3 signature (ACS3-HMAC-SHA256): an `Authorization` header plus `x-acs-*` headers.
 *
 * Behaviour follows the official signer `@alicloud/openapi-util` (sorting by UTF-16 code unit
 * on the raw names, RFC 3986 encoding, header values trimmed), cross-checked in
 * test/alibaba-signature.test.ts. Deliberate differences are marked "Unlike the SDK".
 */
import { createHash, createHmac } from 'node:crypto';

import { canonicalQuery, percentEncode } from './rfc3986';

/** `yyyy-MM-ddTHH:mm:ssZ` in UTC; Alibaba rejects the milliseconds that toISOString adds. */
export function formatAlibabaTimestamp(date: Date): string {
	return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * `METHOD&%2F&enc(canonical)`, where canonical covers every parameter except `Signature`,
 * query and form body alike. Unlike the SDK, the method is upper-cased: the server signs the
 * method it actually receives, which is always upper case on the wire.
 */
export function rpcStringToSign(method: string, params: Record<string, string>): string {
	return `${method.toUpperCase()}&%2F&${percentEncode(canonicalQuery(params, 'Signature'))}`;
}

/** Base64 HMAC-SHA1; the key is the secret plus `&` (an empty "token secret" slot in the spec). */
export function rpcSignature(
	method: string,
	params: Record<string, string>,
	accessKeySecret: string,
): string {
	return createHmac('sha1', accessKeySecret + '&')
		.update(rpcStringToSign(method, params))
		.digest('base64');
}

export interface RpcSignInput {
	method: string;
	/** Action, Version, Format and the business parameters. */
	params: Record<string, string>;
	accessKeyId: string;
	accessKeySecret: string;
	/** STS token; an empty string counts as "no token" (a blank credential field). */
	securityToken?: string;
	/** Use formatAlibabaTimestamp(new Date()). */
	timestamp: string;
	/** Must be unique per request: the server rejects a reused nonce. */
	nonce: string;
}

/**
 * Returns a new object with the common parameters and `Signature` added. Everything in it is
 * signed together, so the caller may put it all in the query (GET) or in a form body (POST).
 */
export function signRpcParams(input: RpcSignInput): Record<string, string> {
	const params: Record<string, string> = {
		...input.params,
		AccessKeyId: input.accessKeyId,
		SignatureMethod: 'HMAC-SHA1',
		SignatureVersion: '1.0',
		SignatureNonce: input.nonce,
		Timestamp: input.timestamp,
	};
	// A stale value copied from the caller's params must not survive either way.
	delete params.SecurityToken;
	delete params.Signature;
	if (input.securityToken) params.SecurityToken = input.securityToken;
	params.Signature = rpcSignature(input.method, params, input.accessKeySecret);
	return params;
}

/** Lowercase hex SHA-256 of the UTF-8 bytes (the `x-acs-content-sha256` value). */
export function sha256Hex(data: string): string {
	return createHash('sha256').update(data, 'utf8').digest('hex');
}

export interface Acs3SignInput {
	method: string;
	host: string;
	/** Unencoded path; defaults to '/' (RPC-style APIs always use '/'). */
	path?: string;
	query: Record<string, string>;
	/** The exact body as sent, '' if none: its hash is signed. */
	body: string;
	/** Sent and signed only when non-empty. */
	contentType?: string;
	action: string;
	version: string;
	/** `yyyy-MM-ddTHH:mm:ssZ`, see formatAlibabaTimestamp. */
	date: string;
	nonce: string;
	accessKeyId: string;
	accessKeySecret: string;
	/** STS token; an empty string counts as "no token". */
	securityToken?: string;
}

/** Each path segment RFC 3986-encoded, the '/' separators kept (as the SDK's getEncodePath). */
export function acs3CanonicalUri(path?: string): string {
	return (path || '/').split('/').map(percentEncode).join('/');
}

/**
 * The V3 canonical request. `headers` are the ones to send; only `host`, `content-type` and
 * `x-acs-*` are signed, by lowercase name, values trimmed as the SDK does (HTTP strips that
 * whitespace on the way anyway). Query names are sorted raw by code unit, then encoded.
 * Unlike the SDK, which leaves query *names* unencoded in V3, names are encoded as Alibaba's
 * V3 documentation prescribes; both agree for real API names (letters, digits, `.`, `_`, `-`).
 */
export function acs3CanonicalRequest(input: {
	method: string;
	path?: string;
	query: Record<string, string>;
	headers: Record<string, string>;
	payloadHash: string;
}): { canonicalRequest: string; signedHeaders: string } {
	const signed = new Map<string, string>();
	for (const [name, value] of Object.entries(input.headers)) {
		const lower = name.toLowerCase();
		if (lower === 'host' || lower === 'content-type' || lower.startsWith('x-acs-')) {
			signed.set(lower, value.trim());
		}
	}
	const names = [...signed.keys()].sort();
	const signedHeaders = names.join(';');
	const canonicalHeaders = names.map((name) => `${name}:${signed.get(name)}\n`).join('');
	const canonicalRequest = [
		input.method.toUpperCase(),
		acs3CanonicalUri(input.path),
		canonicalQuery(input.query),
		canonicalHeaders,
		signedHeaders,
		input.payloadHash,
	].join('\n');
	return { canonicalRequest, signedHeaders };
}

/**
 * Returns the headers to send (lowercase names), `authorization` included. The query itself
 * is not returned: the caller sends it as given (RFC 3986-encoded, e.g. with canonicalQuery).
 */
export function signAcs3(input: Acs3SignInput): Record<string, string> {
	const headers: Record<string, string> = {
		host: input.host,
		'x-acs-action': input.action,
		'x-acs-version': input.version,
		'x-acs-date': input.date,
		'x-acs-signature-nonce': input.nonce,
		'x-acs-content-sha256': sha256Hex(input.body),
	};
	// Blank optional values are left out; what is kept is trimmed, as it will be signed.
	const token = input.securityToken?.trim();
	if (token) headers['x-acs-security-token'] = token;
	const contentType = input.contentType?.trim();
	if (contentType) headers['content-type'] = contentType;

	const { canonicalRequest, signedHeaders } = acs3CanonicalRequest({
		method: input.method,
		path: input.path,
		query: input.query,
		headers,
		payloadHash: headers['x-acs-content-sha256'],
	});
	const stringToSign = `ACS3-HMAC-SHA256\n${sha256Hex(canonicalRequest)}`;
	// Unlike RPC v1, the key is the plain secret (no '&').
	const signature = createHmac('sha256', input.accessKeySecret).update(stringToSign).digest('hex');
	headers.authorization =
		`ACS3-HMAC-SHA256 Credential=${input.accessKeyId},` +
		`SignedHeaders=${signedHeaders},Signature=${signature}`;
	return headers;
}
