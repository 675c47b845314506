/**
 * Signature verification, delegated to the OFFICIAL signers only:
 * - Alibaba RPC (HMAC-SHA1) and ACS3-HMAC-SHA256: `@alicloud/openapi-util`
 * - Huawei SDK-HMAC-SHA256: `AKSKSigner` of `@huaweicloud/huaweicloud-sdk-core`
 * The emulator recomputes what the official signer produces for the request it received
 * and compares. Nothing here comes from the project's own signing code.
 */
import OpenApiUtil from '@alicloud/openapi-util';
import { AKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner';
import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials';
import type { IHttpRequest } from '@huaweicloud/huaweicloud-sdk-core/http/IHttpRequest';

import { sha256Hex, type QueryValues } from './http';

// ---------------------------------------------------------------- Alibaba

/** The RPC `Signature` the official signer computes for these parameters (all but Signature). */
export function alibabaRpcSignature(params: Record<string, string>, method: string, secret: string): string {
	return OpenApiUtil.getRPCSignature(params, method, secret);
}

type TeaRequest = Parameters<typeof OpenApiUtil.getAuthorization>[0];

/**
 * The ACS3-HMAC-SHA256 `Authorization` the official signer computes. `signedHeaders` must hold
 * exactly the headers the client listed in SignedHeaders (lowercase names): the official
 * signer signs every `host`, `content-type` and `x-acs-*` header it is given.
 */
export function alibabaAcs3Authorization(input: {
	method: string;
	path: string;
	query: Record<string, string>;
	signedHeaders: Record<string, string>;
	contentSha256: string;
	accessKeyId: string;
	secret: string;
}): string {
	const request = {
		pathname: input.path,
		method: input.method,
		query: input.query,
		headers: input.signedHeaders,
	} as unknown as TeaRequest;
	return OpenApiUtil.getAuthorization(
		request,
		'ACS3-HMAC-SHA256',
		input.contentSha256,
		input.accessKeyId,
		input.secret,
	);
}

/** Headers the official ACS3 signer can sign (it ignores any other header it is given). */
export function acs3SignableHeader(name: string): boolean {
	return name === 'host' || name === 'content-type' || name.startsWith('x-acs-');
}

export interface Acs3Authorization {
	accessKeyId: string;
	signedHeaders: string[];
	signature: string;
}

/** `ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=a;b,Signature=hex` (spaces after commas tolerated). */
export function parseAcs3Authorization(value: string): Acs3Authorization | undefined {
	const match = /^ACS3-HMAC-SHA256\s+(.*)$/.exec(value.trim());
	if (!match) return undefined;
	const parts = parseCommaPairs(match[1]);
	const accessKeyId = parts.Credential;
	const signedHeaders = parts.SignedHeaders;
	const signature = parts.Signature;
	if (!accessKeyId || !signedHeaders || !signature) return undefined;
	return { accessKeyId, signedHeaders: signedHeaders.split(';').filter(Boolean), signature };
}

// ---------------------------------------------------------------- Huawei

/** The body of the request as received, handed to the signer (see `ReceivedRequestSigner`). */
class RawBody {
	constructor(readonly bytes: Buffer) {}
}

/**
 * The official AKSKSigner, used unchanged for the canonical URI, query, headers, string to
 * sign and HMAC. Its only assumption that does not fit a server is that the body is
 * `JSON.stringify(request.data)` of an object the SDK itself serialises; a server must hash
 * the bytes it received instead, so this one step is given the raw body.
 */
class ReceivedRequestSigner extends AKSKSigner {
	protected static buildPayloadHash(request: IHttpRequest): string {
		const headers = (request.headers ?? {}) as Record<string, string>;
		if (request.data instanceof RawBody && !headers[this.HeaderContentSha256]) {
			return sha256Hex(request.data.bytes);
		}
		return super.buildPayloadHash(request) as string;
	}
}

export interface HuaweiAuthorization {
	accessKey: string;
	signedHeaders: string[];
	signature: string;
}

/** `SDK-HMAC-SHA256 Access=AK, SignedHeaders=a;b;c, Signature=hex` */
export function parseHuaweiAuthorization(value: string): HuaweiAuthorization | undefined {
	const match = /^SDK-HMAC-SHA256\s+(.*)$/.exec(value.trim());
	if (!match) return undefined;
	const parts = parseCommaPairs(match[1]);
	if (!parts.Access || !parts.SignedHeaders || !parts.Signature) return undefined;
	return {
		accessKey: parts.Access,
		signedHeaders: parts.SignedHeaders.split(';').filter(Boolean),
		signature: parts.Signature,
	};
}

/**
 * The Authorization the official AKSKSigner computes for a received request.
 * `signedHeaders` holds the headers the client listed in SignedHeaders (lowercase names).
 */
export function huaweiAuthorization(input: {
	method: string;
	host: string;
	path: string;
	query: QueryValues;
	signedHeaders: Record<string, string>;
	rawBody: Buffer;
	accessKey: string;
	secretKey: string;
}): string {
	// The signer looks these two up with this exact spelling; every other name is lowercased by it.
	const spelled: Record<string, string> = { 'x-sdk-date': 'X-Sdk-Date', 'x-sdk-content-sha256': 'X-Sdk-Content-Sha256' };
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(input.signedHeaders)) headers[spelled[name] ?? name] = value;
	headers.host = input.host;
	const signed = ReceivedRequestSigner.sign(
		{
			method: input.method,
			endpoint: `http://${input.host}${input.path}`,
			queryParams: input.query,
			headers,
			data: input.rawBody.length > 0 ? new RawBody(input.rawBody) : undefined,
		},
		new BasicCredentials().withAk(input.accessKey).withSk(input.secretKey),
	) as Record<string, string>;
	return signed.Authorization;
}

// ---------------------------------------------------------------- shared

function parseCommaPairs(text: string): Record<string, string> {
	const pairs: Record<string, string> = {};
	for (const part of text.split(',')) {
		const eq = part.indexOf('=');
		if (eq > 0) pairs[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
	}
	return pairs;
}
