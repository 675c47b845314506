import { createHash, createHmac } from 'node:crypto';

import { percentDecode, percentEncode } from './rfc3986';

/**
 * Huawei Cloud AK/SK request signing (SDK-HMAC-SHA256), as done by the official
 * @huaweicloud/huaweicloud-sdk-core AKSKSigner, written as a pure function so the
 * credential can sign n8n's requests without the SDK (a large runtime dependency).
 *
 * CanonicalRequest = METHOD \n URI \n Query \n Headers \n SignedHeaders \n hex(sha256(body))
 * StringToSign     = SDK-HMAC-SHA256 \n X-Sdk-Date \n hex(sha256(CanonicalRequest))
 * Signature        = hex(HMAC-SHA256(SK, StringToSign))
 */

const ALGORITHM = 'SDK-HMAC-SHA256';

/**
 * Signed when sent, besides the always-signed host and x-sdk-date. Anything else (User-Agent,
 * Accept, Content-Length, ...) stays unsigned, so the HTTP client may add or rewrite it without
 * breaking the signature; the gateway only checks the headers listed in SignedHeaders.
 */
const OPTIONALLY_SIGNED = ['content-type', 'x-project-id', 'x-security-token'];

export interface SdkSignInput {
	method: string;
	/** Absolute URL including the query string, as it will be requested. */
	url: string;
	/** Headers as they will be sent (any case); must include X-Sdk-Date. */
	headers: Record<string, string>;
	/** The exact body as sent (text or bytes), '' when there is none. */
	body: string | Buffer;
	accessKey: string;
	secretKey: string;
}

export interface SdkSignature {
	/** Value of the Authorization header. */
	authorization: string;
	signedHeaders: string;
	canonicalRequest: string;
	stringToSign: string;
}

/** As SdkSignInput, but X-Sdk-Date is generated from `date` and need not be in `headers`. */
export interface SdkSignedHeadersInput extends SdkSignInput {
	date: Date;
	projectId?: string;
	securityToken?: string;
}

/** UTC time as `YYYYMMDDTHHMMSSZ`, the X-Sdk-Date format. */
export function formatSdkDate(date: Date): string {
	// toISOString is always UTC: 2024-01-01T00:00:00.000Z -> 20240101T000000Z
	return date
		.toISOString()
		.replace(/\.\d{3}Z$/, 'Z')
		.replace(/[-:]/g, '');
}

function sha256Hex(value: string | Buffer): string {
	return createHash('sha256').update(typeof value === 'string' ? Buffer.from(value, 'utf8') : value).digest('hex');
}

/**
 * The gateway signs the decoded path with each segment re-encoded (RFC 3986), so we decode the
 * path as sent first (the official APIG signers unquote before splitting), which keeps `%20`
 * from becoming `%2520`. A trailing `/` is always present.
 */
function canonicalUri(pathname: string): string {
	const uri = percentDecode(pathname).split('/').map(percentEncode).join('/');
	return uri.endsWith('/') ? uri : uri + '/';
}

/**
 * Keys sorted by UTF-16 code unit (JS default sort, as the official signer), a repeated key once
 * per value with its values sorted the same way, `k=v` joined by `&`, empty values as `k=`.
 * URLSearchParams reads `+` as a space, as form-decoding servers do.
 */
function canonicalQueryString(params: URLSearchParams): string {
	const byKey = new Map<string, string[]>();
	for (const [key, value] of params) {
		const values = byKey.get(key);
		if (values) values.push(value);
		else byKey.set(key, [value]);
	}
	return [...byKey.keys()]
		.sort()
		.flatMap((key) =>
			(byKey.get(key) ?? []).sort().map((value) => `${percentEncode(key)}=${percentEncode(value)}`),
		)
		.join('&');
}

export function signSdkHmacSha256(input: SdkSignInput): SdkSignature {
	const url = new URL(input.url);

	// Header names are case-insensitive; values are trimmed as HTTP drops surrounding whitespace.
	const sent = new Map<string, string>();
	for (const [name, value] of Object.entries(input.headers)) {
		const lower = name.toLowerCase();
		if (sent.has(lower)) throw new Error(`Header "${name}" is given more than once`);
		sent.set(lower, String(value).trim());
	}

	const date = sent.get('x-sdk-date');
	if (date === undefined || !/^\d{8}T\d{6}Z$/.test(date)) {
		throw new Error('An X-Sdk-Date header in the form YYYYMMDDTHHMMSSZ is required');
	}

	// WHATWG URL's host is what HTTP clients send as Host: lowercase, a non-default port kept
	// (the local emulator's 127.0.0.1:3000), a default one (:443) dropped.
	const signed = new Map<string, string>([
		['host', sent.get('host') ?? url.host],
		['x-sdk-date', date],
	]);
	for (const name of OPTIONALLY_SIGNED) {
		const value = sent.get(name);
		if (value !== undefined) signed.set(name, value);
	}
	const names = [...signed.keys()].sort();
	const signedHeaders = names.join(';');

	const canonicalRequest = [
		input.method.toUpperCase(),
		canonicalUri(url.pathname),
		canonicalQueryString(url.searchParams),
		names.map((name) => `${name}:${signed.get(name)}\n`).join(''),
		signedHeaders,
		sha256Hex(input.body),
	].join('\n');
	const stringToSign = `${ALGORITHM}\n${date}\n${sha256Hex(canonicalRequest)}`;
	const signature = createHmac('sha256', input.secretKey).update(stringToSign, 'utf8').digest('hex');

	const authorization =
		`${ALGORITHM} Access=${input.accessKey}, ` +
		`SignedHeaders=${signedHeaders}, Signature=${signature}`;
	return {
		authorization,
		signedHeaders,
		canonicalRequest,
		stringToSign,
	};
}

/**
 * The complete headers to send: the input headers plus X-Sdk-Date, X-Project-Id and
 * X-Security-Token (when given) and Authorization. Headers set here replace any spelling of the
 * same name in the input, so none is sent twice.
 */
export function sdkSignedHeaders(input: SdkSignedHeadersInput): Record<string, string> {
	const added: Record<string, string> = { 'X-Sdk-Date': formatSdkDate(input.date) };
	if (input.projectId) added['X-Project-Id'] = input.projectId;
	if (input.securityToken) added['X-Security-Token'] = input.securityToken;

	const replaced = new Set(
		[...Object.keys(added), 'Authorization'].map((name) => name.toLowerCase()),
	);
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(input.headers)) {
		if (!replaced.has(name.toLowerCase())) headers[name] = value;
	}
	Object.assign(headers, added);

	const { method, url, body, accessKey, secretKey } = input;
	headers.Authorization = signSdkHmacSha256({ method, url, headers, body, accessKey, secretKey })
		.authorization;
	return headers;
}
