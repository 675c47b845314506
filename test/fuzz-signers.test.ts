/**
 * Fuzzing the signers (issue 5, "Fuzz with fast-check"): 10,000 random inputs through each
 * entry point, for robustness — the cross-checks of the signatures themselves against the
 * official signers are in alibaba-signature.test.ts and huawei-signature.test.ts.
 *
 * - nothing throws but the intended, typed errors (a missing Action/Version, an unknown project
 *   ID, a header given twice, a malformed X-Sdk-Date, and a URIError for text that has no UTF-8
 *   form: a lone UTF-16 surrogate in a value that must be percent-encoded — see the report);
 * - with the clock and the nonce fixed, every output is a pure function of the input;
 * - what is signed is what is sent: the request as a server receives it (URL, headers, body)
 *   verifies with a gateway-side check written from the references (shared/reference/*.md),
 *   whatever the path (percent-encoded or not), the parameter names (__proto__ too) and the
 *   body (an object, sent as JSON or as a form; text; URLSearchParams; bytes);
 * - authenticating an authenticated request gives it back unchanged (one Authorization, one
 *   Signature, the same parameters);
 * - the AccessKey secret, the SK and the IAM password never appear in what is returned (the STS
 *   token and an IAM token are meant to be sent and are not checked);
 * - percentEncode gives only unreserved characters and %XX, and is exactly RFC 3986 on UTF-8.
 *
 * Minimal examples of what the fuzzing once found are kept as regression tests at the end.
 */
import assert from 'node:assert/strict';
import * as crypto from 'node:crypto';

import * as fc from 'fast-check';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { signAlibabaCloudRequest } from '../credentials/AlibabaCloudAccessKeyApi.credentials';
import { authorizeHuaweiRequest } from '../credentials/HuaweiCloudIamApi.credentials';
import { signAcs3, signRpcParams } from '../credentials/alibabaCloudSignature';
import { formatSdkDate, sdkSignedHeaders, signSdkHmacSha256 } from '../credentials/huaweiCloudSignature';
import { canonicalQuery, percentEncode } from '../credentials/rfc3986';

const NUM_RUNS = 10_000;
const NOW = new Date('2024-01-02T03:04:05.678Z');
const NONCE_UUID = '01234567-89ab-cdef-0123-456789abcdef';
const NONCE = NONCE_UUID.replace(/-/g, '');

// The credentials' authenticate functions read the clock and draw a nonce: both fixed here.
beforeAll(() => {
	jest.useFakeTimers({ now: NOW, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
	// the module object itself (the credential calls crypto_1.randomUUID on it), not the ES namespace copy
	jest.spyOn(jest.requireActual<typeof crypto>('crypto'), 'randomUUID').mockReturnValue(NONCE_UUID);
});
afterAll(() => {
	jest.useRealTimers();
	jest.restoreAllMocks();
});

const stats = new Map<string, number>();
const count = (what: string) => stats.set(what, (stats.get(what) ?? 0) + 1);
// CPU time per test (with FUZZ_REPORT=1), which the wall-clock times Jest prints are not on a busy machine
let cpuAtStart = process.cpuUsage();
beforeEach(() => {
	cpuAtStart = process.cpuUsage();
});
afterEach(() => {
	const used = process.cpuUsage(cpuAtStart);
	stats.set(`CPU ms: ${(expect.getState().currentTestName ?? '').slice(-60)}`, Math.round((used.user + used.system) / 1000));
});
afterAll(() => {
	if (process.env.FUZZ_REPORT) process.stdout.write([...stats].map(([what, n]) => `${what}: ${n}`).join('\n') + '\n');
});

// ---------------------------------------------------------------------------------------------
// Text generators
// ---------------------------------------------------------------------------------------------

/** Characters that matter to encoders and parsers, and some non-ASCII. */
const TRICKY = ['&', '=', '+', '%', '%20', '%2B', '%zz', ' ', '  ', '*', '~', "'", '(', ')', '!', '#', '?', '/', ':', ';', ',', '@', '$', '[', ']', '"', '\\', '\t', '\n', '\u0000', 'é', '中文', 'ß', '😀', '\u00a0', '\u200b', '\ufeff', '\u{10ffff}'];
/** Well-formed text (no lone surrogates), short, full of TRICKY characters. */
const text = (maxPieces = 5) =>
	fc
		.array(fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...TRICKY) }, { weight: 3, arbitrary: fc.string({ maxLength: 6 }) }, { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 3 }) }), { maxLength: maxPieces })
		.map((pieces) => pieces.join(''));
const LONE_SURROGATES = ['\ud800', '\udbff', '\udc00', '\udfff', 'a\ud83d', '\ude00b'];
const hex = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: n, maxLength: n });
const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const hasLoneSurrogate = (value: string) => value.search(LONE) >= 0;
/** What the URL parser and URLSearchParams make of text: each lone surrogate becomes U+FFFD. */
const wellFormed = (value: string) => value.replace(LONE, '\ufffd');

/**
 * A secret with a distinctive core (letters and hex: the same raw, percent-encoded or
 * JSON-escaped) and arbitrary text around it; `core` is what must never show up.
 */
const secret = (label: string) =>
	fc.tuple(text(2), hex(16), text(2)).map(([before, core, after]) => ({ value: before + label + core + after, core: label + core }));

/** Every string in a value (keys included), for the secret checks. */
function strings(value: unknown, out: string[] = []): string[] {
	if (typeof value === 'string') out.push(value);
	else if (Buffer.isBuffer(value)) out.push(value.toString('latin1'));
	else if (value instanceof URLSearchParams) out.push(value.toString());
	else if (Array.isArray(value)) value.forEach((entry) => strings(entry, out));
	else if (value && typeof value === 'object') {
		for (const [key, entry] of Object.entries(value)) {
			out.push(key);
			strings(entry, out);
		}
	}
	return out;
}
function assertNoSecret(value: unknown, core: string, what: string) {
	for (const found of strings(value)) if (found.includes(core)) throw new Error(`the ${what} is in the output: ${JSON.stringify(found).slice(0, 200)}`);
}

/** Header names as given, case-insensitively: each at most once. */
function headerNames(headers: unknown): string[] {
	return Object.keys((headers ?? {}) as object).map((name) => name.toLowerCase());
}
function assertNoDuplicateHeaders(headers: unknown) {
	const names = headerNames(headers);
	assert.equal(new Set(names).size, names.length, `a header is there twice: ${names.join(', ')}`);
}
function headerValue(headers: unknown, name: string): string | undefined {
	for (const [key, value] of Object.entries((headers ?? {}) as Record<string, unknown>)) if (key.toLowerCase() === name) return String(value);
	return undefined;
}

/** Runs fn; what it returned, or what it threw. */
async function settle<T>(fn: () => T | Promise<T>): Promise<{ value: T; error?: undefined } | { error: unknown }> {
	try {
		return { value: await fn() };
	} catch (error) {
		return { error };
	}
}

/** Runs fn; returns the error it throws (undefined when it returns). */
async function thrownBy(fn: () => unknown): Promise<unknown> {
	try {
		await fn();
		return undefined;
	} catch (error) {
		return error;
	}
}

// ---------------------------------------------------------------------------------------------
// rfc3986
// ---------------------------------------------------------------------------------------------

/** Each byte as RFC 3986 writes it: A-Z a-z 0-9 - _ . ~ as themselves, any other byte as %XX. */
const BYTE = Array.from({ length: 256 }, (_, byte) => {
	const char = String.fromCharCode(byte);
	return /^[A-Za-z0-9\-_.~]$/.test(char) ? char : '%' + byte.toString(16).toUpperCase().padStart(2, '0');
});
const utf8 = (value: string) => Buffer.from(value, 'utf8');
/** RFC 3986 on the UTF-8 bytes, byte by byte: the obviously-correct encoder. */
function referenceEncode(value: string): string {
	let out = '';
	for (const byte of utf8(value)) out += BYTE[byte];
	return out;
}

// ---------------------------------------------------------------------------------------------
// Server-side verification, written from the references (shared/reference/*.md) with the
// encoder above: what a gateway computes from the request it receives.
// ---------------------------------------------------------------------------------------------

/** SHA-256 of text (as UTF-8) or of bytes. */
const sha256 = (value: string | Buffer) => crypto.createHash('sha256').update(typeof value === 'string' ? utf8(value) : value).digest('hex');
const hmacHex = (key: string, data: string) => crypto.createHmac('sha256', key).update(data, 'utf8').digest('hex');

/**
 * A received path, %XX runs decoded as UTF-8 (as the gateways unquote: bytes that are no UTF-8
 * become U+FFFD, a '%' that starts no escape stays), each segment encoded again.
 */
function serverPath(pathname: string): string {
	const decoded = pathname.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => Buffer.from(run.replace(/%/g, ''), 'hex').toString('utf8'));
	return decoded.split('/').map(referenceEncode).join('/');
}

/** Names sorted raw by code unit, a repeated name once per value (values sorted), `enc(k)=enc(v)`. */
function serverQuery(pairs: Array<[string, string]>): string {
	return [...pairs]
		.sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
		.map(([name, value]) => `${referenceEncode(name)}=${referenceEncode(value)}`)
		.join('&');
}

/** `Algorithm k1=v1,k2=v2,...` (Alibaba) or `Algorithm k1=v1, k2=v2` (Huawei). */
function parseAuthorization(value: string | undefined, algorithm: string): Record<string, string> | undefined {
	if (!value?.startsWith(algorithm + ' ')) return undefined;
	const parts: Record<string, string> = {};
	for (const part of value.slice(algorithm.length + 1).split(',')) {
		const eq = part.indexOf('=');
		if (eq > 0) parts[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
	}
	return parts;
}

/** RPC v1: METHOD&%2F&enc(sorted enc(k)=enc(v) of every parameter but Signature), HMAC-SHA1 with secret + '&'. */
function rpcServerSignature(method: string, params: Record<string, string>, secret: string): string {
	const canonical = serverQuery(Object.entries(params).filter(([name]) => name !== 'Signature'));
	const stringToSign = `${method}&${referenceEncode('/')}&${referenceEncode(canonical)}`;
	return crypto.createHmac('sha1', secret + '&').update(stringToSign, 'utf8').digest('base64');
}

/** ACS3-HMAC-SHA256 as a server computes it from the request it received. */
function acs3ServerSignature(request: { method: string; url: URL; headers: Record<string, string>; body: string; signedHeaders: string[]; secret: string }): string {
	const canonicalHeaders = request.signedHeaders.map((name) => `${name}:${(headerValue(request.headers, name) ?? '').trim()}\n`).join('');
	const canonicalRequest = [
		request.method,
		serverPath(request.url.pathname),
		serverQuery([...request.url.searchParams]),
		canonicalHeaders,
		request.signedHeaders.join(';'),
		sha256(request.body),
	].join('\n');
	return hmacHex(request.secret, `ACS3-HMAC-SHA256\n${sha256(canonicalRequest)}`);
}

/** SDK-HMAC-SHA256 as APIG computes it from the request it received (host as the client sends it). */
function huaweiServerSignature(request: { method: string; url: URL; headers: Record<string, string>; body: string | Buffer; signedHeaders: string[]; secret: string }): string {
	const value = (name: string) => (name === 'host' ? request.url.host : (headerValue(request.headers, name) ?? '').trim());
	const path = serverPath(request.url.pathname);
	const canonicalRequest = [
		request.method,
		path.endsWith('/') ? path : path + '/',
		serverQuery([...request.url.searchParams]),
		request.signedHeaders.map((name) => `${name}:${value(name)}\n`).join(''),
		request.signedHeaders.join(';'),
		sha256(request.body),
	].join('\n');
	return hmacHex(request.secret, `SDK-HMAC-SHA256\n${value('x-sdk-date')}\n${sha256(canonicalRequest)}`);
}

describe('percentEncode and canonicalQuery (10,000 inputs each)', () => {
	it('percentEncode is RFC 3986 on UTF-8: only unreserved characters and %XX; a lone surrogate is a URIError', () => {
		const anyString = fc.oneof(text(8), fc.string({ unit: 'binary', maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 12 }));
		fc.assert(
			fc.property(anyString, (value) => {
				if (hasLoneSurrogate(value)) {
					count('percentEncode: lone surrogate → URIError');
					assert.throws(() => percentEncode(value), URIError);
					return;
				}
				const encoded = percentEncode(value);
				assert.match(encoded, /^(?:[A-Za-z0-9\-_.~]|%[0-9A-F]{2})*$/);
				assert.equal(encoded, referenceEncode(value));
				assert.equal(decodeURIComponent(encoded), value);
			}),
			{ seed: 6001, numRuns: NUM_RUNS },
		);
	});

	it('canonicalQuery: k=v pairs sorted by code unit, each side percent-encoded, whatever the insertion order', () => {
		const params = fc.dictionary(text(3), text(4), { maxKeys: 8, noNullPrototype: true });
		fc.assert(
			fc.property(params, fc.boolean(), (dict, reversed) => {
				const reordered = Object.fromEntries(reversed ? Object.entries(dict).reverse() : Object.entries(dict));
				const query = canonicalQuery(dict);
				assert.equal(canonicalQuery(reordered), query);
				const names = Object.keys(dict).sort();
				if (names.length === 0) return assert.equal(query, '');
				const pairs = query.split('&');
				assert.equal(pairs.length, names.length);
				pairs.forEach((pair, i) => {
					assert.match(pair, /^(?:[A-Za-z0-9\-_.~]|%[0-9A-F]{2})*=(?:[A-Za-z0-9\-_.~]|%[0-9A-F]{2})*$/);
					const [name, value] = pair.split('=').map(decodeURIComponent);
					assert.equal(name, names[i]);
					assert.equal(value, dict[names[i]]);
				});
			}),
			{ seed: 6002, numRuns: NUM_RUNS },
		);
	});
});

// ---------------------------------------------------------------------------------------------
// Alibaba: signRpcParams, signAcs3
// ---------------------------------------------------------------------------------------------

const RPC_COMMON = ['AccessKeyId', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce', 'Timestamp', 'Signature'];
/** Realistic names, the common/stale signature parameters, Object.prototype names, and any text. */
const paramName = fc.oneof(
	{ weight: 2, arbitrary: fc.constantFrom('Action', 'Version', 'RegionId', 'Component', 'InstanceId', 'Tag.1.Key', 'Format', ...RPC_COMMON, 'SecurityToken', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__', '') },
	{ weight: 3, arbitrary: text(3) },
);
/** Text that sometimes holds a lone surrogate (for the URIError rule). */
const broken = (arb: fc.Arbitrary<string>) => fc.tuple(arb, fc.constantFrom(...LONE_SURROGATES), arb).map((parts) => parts.join(''));
const maybeBroken = (arb: fc.Arbitrary<string>, oneIn: number) => fc.oneof({ weight: oneIn - 1, arbitrary: arb }, { weight: 1, arbitrary: broken(arb) });

describe('Alibaba signers (10,000 inputs each)', () => {
	it('signRpcParams: deterministic, all parameters kept, stale signature parameters replaced, idempotent, secret never returned', () => {
		fc.assert(
			fc.property(
				fc.record({
					method: fc.constantFrom('GET', 'POST', 'get', 'post', 'Put', 'DELETE'),
					params: fc.dictionary(maybeBroken(paramName, 40), maybeBroken(text(), 40), { maxKeys: 8, noNullPrototype: true }),
					accessKeyId: maybeBroken(text(3), 60),
					secret: secret('SECRET'),
					securityToken: fc.oneof(fc.constant(undefined), fc.constant(''), maybeBroken(text(3), 60)),
					timestamp: fc.constantFrom('2024-01-02T03:04:05Z', '', 'x'),
					nonce: fc.oneof(hex(32), text(2)),
				}),
				({ secret: { value: accessKeySecret, core }, ...rest }) => {
					const input = { ...rest, accessKeySecret };
					const before = JSON.stringify(input.params);
					// what is percent-encoded: the parameters (a value under a common name is replaced), the AccessKeyId, the token
					const kept = Object.entries(input.params).filter(([name]) => !RPC_COMMON.includes(name) && name !== 'SecurityToken');
					const encoded = [...Object.keys(input.params), ...kept.map(([, value]) => value), input.accessKeyId, input.securityToken ?? ''];
					if (encoded.some(hasLoneSurrogate)) {
						count('signRpcParams: lone surrogate → URIError');
						return assert.throws(() => signRpcParams(input), URIError);
					}
					const signed = signRpcParams(input);
					assert.deepEqual(signRpcParams(input), signed);
					assert.equal(JSON.stringify(input.params), before, 'the input was changed');

					const given = Object.keys(input.params).filter((name) => !RPC_COMMON.includes(name) && name !== 'SecurityToken');
					const expected = [...given, ...RPC_COMMON, ...(input.securityToken ? ['SecurityToken'] : [])].sort();
					assert.deepEqual(Object.keys(signed).sort(), expected);
					for (const name of given) assert.equal(signed[name], input.params[name]);
					assert.equal(signed.AccessKeyId, input.accessKeyId);
					assert.equal(signed.SignatureNonce, input.nonce);
					assert.equal(signed.Timestamp, input.timestamp);
					assert.equal(signed.SecurityToken, input.securityToken || undefined);
					assert.match(signed.Signature, /^[A-Za-z0-9+/]{27}=$/);
					// signing the signed parameters again changes nothing
					assert.deepEqual(signRpcParams({ ...input, params: signed }), signed);
					assertNoSecret(signed, core, 'AccessKey secret');
				},
			),
			{ seed: 6101, numRuns: NUM_RUNS },
		);
	});

	it('signAcs3: deterministic, exactly the documented headers, Authorization well-formed, secret never returned', () => {
		fc.assert(
			fc.property(
				fc.record({
					method: fc.constantFrom('GET', 'POST', 'get', 'put', 'DELETE'),
					host: fc.oneof(fc.constantFrom('openanalytics.cn-hangzhou.aliyuncs.com', '127.0.0.1:8787'), text(2)),
					path: fc.oneof(fc.constant(undefined), fc.constant('/'), fc.array(maybeBroken(text(2), 40), { maxLength: 3 }).map((segments) => '/' + segments.join('/'))),
					query: fc.dictionary(maybeBroken(text(2), 40), maybeBroken(text(3), 40), { maxKeys: 5, noNullPrototype: true }),
					body: fc.oneof(fc.constant(''), text(6), fc.string({ unit: 'binary', maxLength: 20 })),
					contentType: fc.oneof(fc.constant(undefined), fc.constantFrom('', ' ', 'application/x-www-form-urlencoded', ' application/json ')),
					action: fc.oneof(fc.constant('CreateInstance'), text(2)),
					version: fc.oneof(fc.constant('2018-06-19'), text(2)),
					date: fc.constant('2024-01-02T03:04:05Z'),
					nonce: hex(32),
					accessKeyId: text(2),
					secret: secret('SECRET'),
					securityToken: fc.oneof(fc.constant(undefined), fc.constantFrom('', '  ', ' STS.tok~en*+ /= '), text(2)),
				}),
				({ secret: { value: accessKeySecret, core }, ...rest }) => {
					const input = { ...rest, accessKeySecret };
					const encoded = [...Object.entries(input.query).flat(), input.path ?? ''];
					if (encoded.some(hasLoneSurrogate)) {
						count('signAcs3: lone surrogate in path or query → URIError');
						return assert.throws(() => signAcs3(input), URIError);
					}
					const headers = signAcs3(input);
					assert.deepEqual(signAcs3(input), headers);
					const expected = ['host', 'x-acs-action', 'x-acs-version', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256'];
					if (input.securityToken?.trim()) expected.push('x-acs-security-token');
					if (input.contentType?.trim()) expected.push('content-type');
					assert.deepEqual(Object.keys(headers).sort(), [...expected, 'authorization'].sort());
					assert.equal(headers['x-acs-content-sha256'], crypto.createHash('sha256').update(input.body, 'utf8').digest('hex'));
					const authorization = `ACS3-HMAC-SHA256 Credential=${input.accessKeyId},SignedHeaders=${expected.sort().join(';')},Signature=`;
					assert.ok(headers.authorization.startsWith(authorization), headers.authorization);
					assert.match(headers.authorization.slice(authorization.length), /^[0-9a-f]{64}$/);
					assertNoSecret(headers, core, 'AccessKey secret');
				},
			),
			{ seed: 6102, numRuns: NUM_RUNS },
		);
	});
});

// ---------------------------------------------------------------------------------------------
// Alibaba: signAlibabaCloudRequest (the credential's authenticate)
// ---------------------------------------------------------------------------------------------

/** Dropped from the input by the credential: they belong to a previous signature. */
const STALE = ['AccessKeyId', 'Signature', 'SignatureMethod', 'SignatureNonce', 'SignatureVersion', 'SecurityToken', 'Timestamp'];

type ParamValue = string | number | boolean | null | undefined | IDataObject | string[];
const paramValue: fc.Arbitrary<ParamValue> = fc.oneof(
	{ weight: 12, arbitrary: text() },
	{ weight: 1, arbitrary: fc.constantFrom<ParamValue>(0, 8, -1.5, true, false, null, undefined, { operable: 'false', max_cu: '8' }, ['a', 'b']) },
);
const params = (maxKeys: number) => fc.dictionary(paramName, paramValue, { maxKeys, noNullPrototype: true });

/** Parameters by name: no prototype, so that any name (__proto__ included) is just a name. */
const paramRecord = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;

/** How the credential turns a given value into a parameter (null/undefined: left out). */
const asParam = (value: ParamValue) =>
	value === undefined || value === null ? undefined : typeof value === 'object' ? JSON.stringify(value) : String(value);

/**
 * Path segments: plain; any text as typed (the URL parser encodes what it must; '?' and '#'
 * encoded, as they would end the path); any text percent-encoded; escapes of note (%2F, %25, dot
 * segments); and '%' that starts no UTF-8 escape, which a server reads as it is or as U+FFFD.
 */
const pathSegment = fc.oneof(
	{ weight: 2, arbitrary: fc.constantFrom('api', 'v1.0', 'x~y_z-', '') },
	{ weight: 3, arbitrary: text(2).map((segment) => segment.replace(/[?#]/g, (char) => encodeURIComponent(char))) },
	{ weight: 3, arbitrary: text(2).map((segment) => encodeURIComponent(segment)) },
	{ weight: 1, arbitrary: fc.constantFrom('a%20b', '%E4%B8%AD%E6%96%87', '%7e', '%2B', '%25', '%2525', 'a%2Fb', '%3F', '.', '..', '%2e%2E') },
	{ weight: 1, arbitrary: fc.constantFrom('%', '%zz', 'a%2', '%FF', '%C3', '%E4%B8', '%80') },
);

interface AlibabaCase {
	version: 'rpc' | 'v3';
	shape: 'legacy' | 'current';
	method: string;
	endpoint: string;
	path: string;
	urlQuery: Record<string, string>;
	qs: Record<string, ParamValue>;
	/** form (legacy) or body (current) */
	payload: Record<string, ParamValue>;
	/** current shape only: how the body is given */
	bodyAs: 'object' | 'string' | 'URLSearchParams';
	useBaseURL: boolean;
	action: string | undefined;
	version_: string | undefined;
	headers: Record<string, string>;
	accessKeyId: string;
	secret: { value: string; core: string };
	securityToken: string;
	json: boolean;
}

const alibabaCase = (version: 'rpc' | 'v3', shape: 'legacy' | 'current'): fc.Arbitrary<AlibabaCase> =>
	fc.record({
		version: fc.constant(version),
		shape: fc.constant(shape),
		method: fc.constantFrom('GET', 'POST', 'get', 'post', 'PUT'),
		endpoint: fc.constantFrom('https://openanalytics.cn-hangzhou.aliyuncs.com', 'http://127.0.0.1:8787', 'https://datalakeanalytics.us-east-1.aliyuncs.com:8443'),
		path: fc.oneof(
			{ weight: 1, arbitrary: fc.constantFrom('/', '', '/api', '/a/b/', '/v1.0/x~y_z-') },
			{ weight: 2, arbitrary: fc.array(pathSegment, { minLength: 1, maxLength: 3 }).map((segments) => '/' + segments.join('/')) },
		),
		urlQuery: fc.dictionary(paramName, text(), { maxKeys: 3, noNullPrototype: true }),
		qs: params(4),
		payload: params(6),
		bodyAs: fc.constantFrom('object', 'string', 'URLSearchParams'),
		useBaseURL: fc.boolean(),
		action: fc.oneof({ weight: 10, arbitrary: fc.constantFrom('CreateInstance', 'ReleaseInstance', 'GetCallerIdentity') }, { weight: 1, arbitrary: fc.constantFrom(undefined, '') }),
		version_: fc.oneof({ weight: 10, arbitrary: fc.constantFrom('2018-06-19', '2015-04-01') }, { weight: 1, arbitrary: fc.constantFrom(undefined, '') }),
		headers: fc.dictionary(
			fc.constantFrom('Authorization', 'authorization', 'Host', 'x-acs-date', 'X-Acs-Signature-Nonce', 'Content-Type', 'content-type', 'User-Agent', 'X-Custom', 'x-custom', 'Accept'),
			text(2),
			{ maxKeys: 4, noNullPrototype: true },
		),
		accessKeyId: fc.oneof(fc.constant('LTAI_TEST_ID'), text(2)),
		secret: secret('SECRET'),
		securityToken: fc.oneof(fc.constant(''), fc.constantFrom('  ', 'STS.tok~en*+ /=', ' STS.padded '), text(2)),
		json: fc.boolean(),
	});

function alibabaRequest(c: AlibabaCase): IHttpRequestOptions {
	const query = Object.keys(c.urlQuery).length ? '?' + canonicalQuery(c.urlQuery) : '';
	const payload: Record<string, ParamValue> = { ...c.payload };
	if (c.action !== undefined) payload.Action = c.action;
	if (c.version_ !== undefined) payload.Version = c.version_;
	const common = { method: c.method, headers: c.headers, ...(c.json ? { json: true } : {}) };
	if (c.shape === 'legacy') {
		return { ...common, uri: `${c.endpoint}${c.path}${query}`, qs: c.qs, form: payload } as unknown as IHttpRequestOptions;
	}
	const stringPayload = () => {
		const strings = paramRecord<string>();
		for (const [name, value] of Object.entries(payload)) {
			const param = asParam(value);
			if (param !== undefined) strings[name] = param;
		}
		return strings;
	};
	const body = c.bodyAs === 'object' ? payload : c.bodyAs === 'string' ? canonicalQuery(stringPayload()) : new URLSearchParams(stringPayload());
	const location = c.useBaseURL ? { baseURL: c.endpoint + '/', url: `${c.path}${query}` } : { url: `${c.endpoint}${c.path}${query}` };
	return { ...common, ...location, qs: c.qs, body } as unknown as IHttpRequestOptions;
}

/** The parameters the credential must gather: URL < qs < form/body, stale signature ones dropped. */
function expectedAlibabaParams(c: AlibabaCase): Record<string, string> {
	const out = paramRecord<string>();
	const add = (source: Record<string, ParamValue>) => {
		for (const [name, value] of Object.entries(source)) {
			const param = asParam(value);
			if (param !== undefined) out[name] = param;
		}
	};
	add(c.urlQuery);
	add(c.qs);
	const payload: Record<string, ParamValue> = { ...c.payload };
	if (c.action !== undefined) payload.Action = c.action;
	if (c.version_ !== undefined) payload.Version = c.version_;
	add(payload);
	for (const name of STALE) delete out[name];
	return out;
}

/** A URL-encoded query or form body, decoded as a server does; a name may come once only. */
function decodeOnce(encoded: string): Record<string, string> {
	const out = paramRecord<string>();
	const search = new URLSearchParams(encoded);
	for (const name of new Set(search.keys())) {
		assert.equal(search.getAll(name).length, 1, `${name} is sent ${search.getAll(name).length} times`);
		out[name] = search.get(name) as string;
	}
	return out;
}

/** Checks a signed request as the gateway receives it; returns the parameters it carries. */
function assertAlibabaVerifies(c: AlibabaCase, signed: IHttpRequestOptions & { uri?: string }): Record<string, string> {
	const url = new URL(c.shape === 'legacy' ? (signed.uri as string) : signed.url);
	const method = (signed.method as string).toUpperCase();
	const body = signed.body === undefined ? '' : (signed.body as string);
	const headers = signed.headers as Record<string, string>;
	if (c.version === 'rpc') {
		const params = method === 'GET' ? decodeOnce(url.search) : decodeOnce(body);
		assert.equal(rpcServerSignature(method, params, c.secret.value), params.Signature, 'RPC Signature does not verify');
		return params;
	}
	const authorization = parseAuthorization(headers.authorization, 'ACS3-HMAC-SHA256');
	assert.ok(authorization?.Credential !== undefined && authorization.SignedHeaders && authorization.Signature, `no ACS3 Authorization: ${headers.authorization}`);
	const signedHeaders = authorization.SignedHeaders.split(';');
	// host and every x-acs-* header sent are signed
	for (const name of headerNames(headers)) if (name === 'host' || name.startsWith('x-acs-')) assert.ok(signedHeaders.includes(name), `${name} is not signed`);
	assert.equal(headers.host, url.host);
	assert.equal(headers['x-acs-content-sha256'], sha256(body));
	const expected = acs3ServerSignature({ method, url, headers, body, signedHeaders, secret: c.secret.value });
	assert.equal(authorization.Signature, expected, 'ACS3 signature does not verify');
	return { ...decodeOnce(url.search), ...(method === 'GET' ? {} : decodeOnce(body)) };
}

async function checkAlibabaCase(c: AlibabaCase) {
	const credentials: ICredentialDataDecryptedObject = {
		accessKeyId: c.accessKeyId,
		accessKeySecret: c.secret.value,
		securityToken: c.securityToken,
		signatureVersion: c.version,
		endpoint: '',
	};
	const request = alibabaRequest(c);
	const expected = expectedAlibabaParams(c);
	const outcome = await settle(() => signAlibabaCloudRequest(credentials, request));
	if (c.version === 'v3' && (!expected.Action || !expected.Version)) {
		count('Alibaba v3 without Action/Version → Error');
		assert.ok(outcome.error instanceof Error && /needs the parameters Action and Version/.test(outcome.error.message), String(outcome.error));
		assertNoSecret(outcome.error.message, c.secret.core, 'AccessKey secret');
		return;
	}
	if ('error' in outcome) throw outcome.error;
	const signed = outcome.value as IHttpRequestOptions & { uri?: string; form?: unknown };
	// deterministic for a fixed clock and nonce
	assert.deepEqual(await signAlibabaCloudRequest(credentials, request), signed);

	// the shape is kept: legacy `uri`, current `url`; nothing left that could be sent unsigned
	const method = c.method.toUpperCase();
	assert.equal(signed.method, method);
	if (c.shape === 'legacy') {
		assert.equal(typeof signed.uri, 'string');
		assert.equal('url' in signed, false);
	} else {
		assert.equal(typeof signed.url, 'string');
		assert.equal('uri' in signed, false);
	}
	for (const gone of ['qs', 'form', 'baseURL']) assert.equal(gone in signed, false, `${gone} is left in the request`);
	assert.equal(signed.json, c.json ? true : undefined);
	assert.ok(signed.body === undefined || typeof signed.body === 'string');
	assert.equal(signed.body === undefined, method === 'GET');
	assertNoDuplicateHeaders(signed.headers);
	for (const [name, value] of Object.entries(c.headers)) {
		const lower = name.toLowerCase();
		if (lower === 'authorization' || lower === 'host' || lower === 'content-type' || lower.startsWith('x-acs-')) continue;
		// other headers are kept (lowercased; of two spellings, the later one)
		assert.equal(headerValue(signed.headers, lower), Object.entries(c.headers).filter(([n]) => n.toLowerCase() === lower).pop()?.[1] ?? value);
	}

	// what a server receives verifies, and carries exactly the parameters given
	if ('__proto__' in expected) count('Alibaba: a parameter named __proto__');
	if (/%/.test(new URL(c.shape === 'legacy' ? (signed.uri as string) : signed.url).pathname)) count(`Alibaba ${c.version}: a percent-encoded path`);
	const sent = assertAlibabaVerifies(c, signed);
	const token = c.securityToken.trim();
	if (c.version === 'rpc') {
		assert.equal(headerValue(signed.headers, 'authorization'), undefined);
		const common = { AccessKeyId: c.accessKeyId.trim(), SignatureMethod: 'HMAC-SHA1', SignatureVersion: '1.0', SignatureNonce: NONCE, Timestamp: '2024-01-02T03:04:05Z' };
		const rest = { ...sent };
		delete rest.Signature;
		assert.deepEqual(rest, { Format: 'JSON', ...expected, ...common, ...(token ? { SecurityToken: token } : {}) });
	} else {
		const { Action: action, Version: version, ...business } = expected;
		assert.deepEqual(sent, business);
		assert.equal(signed.headers?.['x-acs-action'], action);
		assert.equal(signed.headers?.['x-acs-version'], version);
		assert.equal(signed.headers?.['x-acs-security-token'], token || undefined);
		assert.equal(signed.headers?.['x-acs-signature-nonce'], NONCE);
		assert.equal(signed.headers?.['x-acs-date'], '2024-01-02T03:04:05Z');
		assert.ok(String(signed.headers?.authorization).startsWith(`ACS3-HMAC-SHA256 Credential=${c.accessKeyId.trim()},SignedHeaders=`));
	}
	assertNoSecret(signed, c.secret.core, 'AccessKey secret');

	// n8n may authenticate a request again before resending it: the result must be the same
	const again = await settle(() => signAlibabaCloudRequest(credentials, signed));
	assert.deepEqual('value' in again ? again.value : again.error, signed);
}

describe('Alibaba credential authenticate, signAlibabaCloudRequest (10,000 inputs: 2,500 per version and request shape)', () => {
	for (const version of ['rpc', 'v3'] as const) {
		for (const shape of ['legacy', 'current'] as const) {
			it(`${version}, ${shape} request shape: typed errors only, deterministic, verifies as sent, all parameters, no secret, re-signing changes nothing`, async () => {
				await fc.assert(
					fc.asyncProperty(alibabaCase(version, shape), async (c) => {
						await checkAlibabaCase(c);
					}),
					{ seed: 6200 + (version === 'rpc' ? 0 : 10) + (shape === 'legacy' ? 0 : 1), numRuns: NUM_RUNS / 4 },
				);
			});
		}
	}

	it('a lone UTF-16 surrogate: a URIError where it must be percent-encoded; in the URL or a string body it is read as U+FFFD, signed and sent so', async () => {
		const where = fc.constantFrom('qs value', 'qs name', 'payload value', 'url query', 'string body', 'accessKeyId', 'securityToken', 'header', 'secret');
		await fc.assert(
			fc.asyncProperty(fc.constantFrom('rpc', 'v3').chain((version) => alibabaCase(version as 'rpc', 'current')), where, fc.constantFrom(...LONE_SURROGATES), async (base, place, lone) => {
				const c: AlibabaCase = { ...base, action: 'CreateInstance', version_: '2018-06-19', method: 'POST', bodyAs: place === 'string body' ? 'string' : 'object', qs: { ...base.qs }, payload: { ...base.payload }, urlQuery: { ...base.urlQuery }, headers: { ...base.headers } };
				if (place === 'qs value') c.qs.Broken = `a${lone}b`;
				if (place === 'qs name') c.qs[`Broken${lone}`] = 'x';
				if (place === 'payload value') c.payload.Broken = `a${lone}b`;
				if (place === 'accessKeyId') c.accessKeyId = `LTAI${lone}`;
				if (place === 'securityToken') c.securityToken = `STS${lone}`;
				if (place === 'header') c.headers['X-Custom'] = `a${lone}`;
				if (place === 'secret') c.secret = { value: `s${lone}`, core: 'never-in-output' };
				const request = alibabaRequest(c) as IHttpRequestOptions & { body: unknown };
				if (place === 'url query') request.url += (request.url.includes('?') ? '&' : '?') + `Broken=a${lone}b`;
				if (place === 'string body') request.body = `${request.body as string}&Broken=a${lone}b`;
				const credentials = { accessKeyId: c.accessKeyId, accessKeySecret: c.secret.value, securityToken: c.securityToken, signatureVersion: c.version };
				const error = await thrownBy(() => signAlibabaCloudRequest(credentials, request));
				// percent-encoded: parameters; in RPC also the AccessKeyId and the token
				const encoded = ['qs value', 'qs name', 'payload value'].includes(place) || (c.version === 'rpc' && ['accessKeyId', 'securityToken'].includes(place));
				count(`Alibaba lone surrogate in ${place} (${c.version}) → ${error ? (error as Error).constructor.name : 'signed'}`);
				if (encoded) {
					assert.ok(error instanceof URIError, `expected a URIError, got ${String(error)}`);
				} else {
					assert.equal(error, undefined, String(error));
				}
				if (place === 'url query' || place === 'string body') {
					const sent = assertAlibabaVerifies(c, await signAlibabaCloudRequest(credentials, request));
					assert.equal(sent.Broken, wellFormed(`a${lone}b`));
				}
			}),
			{ seed: 6230, numRuns: 1_000 },
		);
	});
});

// ---------------------------------------------------------------------------------------------
// Huawei: signSdkHmacSha256, sdkSignedHeaders
// ---------------------------------------------------------------------------------------------

const SIGNABLE = ['content-type', 'host', 'x-project-id', 'x-sdk-date', 'x-security-token'];
const hwHeaderName = fc.oneof(
	{ weight: 3, arbitrary: fc.constantFrom('X-Sdk-Date', 'x-sdk-date', 'X-SDK-DATE', 'Content-Type', 'content-type', 'Host', 'X-Project-Id', 'x-project-id', 'X-Security-Token', 'Authorization', 'User-Agent', 'Accept', 'X-Auth-Token', 'x-custom') },
	{ weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...'abcXYZ-_019'), minLength: 1, maxLength: 8 }) },
);
const sdkDate = fc.oneof({ weight: 12, arbitrary: fc.constantFrom('20240101T000000Z', ' 20191115T033655Z ', '20240102T030405Z') }, { weight: 1, arbitrary: fc.constantFrom('2024-01-01T00:00:00Z', '', '20240101T000000', 'x') });
const hwUrl = fc
	.tuple(
		fc.constantFrom('https://lakeformation.cn-north-4.myhuaweicloud.com', 'http://127.0.0.1:3000', 'https://iam.myhuaweicloud.com:443', 'HTTPS://Service.Example.COM'),
		fc.array(maybeBroken(text(2), 30), { maxLength: 4 }),
		fc.boolean(),
		fc.array(fc.tuple(maybeBroken(text(2), 30), maybeBroken(text(2), 30)), { maxLength: 4 }),
	)
	.map(([origin, segments, slash, query]) => {
		const path = '/' + segments.join('/') + (slash ? '/' : '');
		const search = query.length ? '?' + query.map(([k, v]) => `${k}=${v}`).join('&') : '';
		return origin + path + search;
	});

describe('Huawei signers (10,000 inputs each)', () => {
	it('signSdkHmacSha256: typed errors only (header twice, bad X-Sdk-Date), deterministic, independent of header order/case/padding, SK never returned', () => {
		fc.assert(
			fc.property(
				fc.record({
					method: fc.constantFrom('GET', 'POST', 'get', 'put', 'DELETE'),
					url: hwUrl,
					headers: fc.array(fc.tuple(hwHeaderName, text(2)), { maxLength: 5 }),
					date: fc.oneof({ weight: 6, arbitrary: sdkDate }, { weight: 1, arbitrary: fc.constant(undefined) }),
					body: fc.oneof(fc.constant(''), text(6), fc.string({ unit: 'binary', maxLength: 16 })),
					accessKey: text(2),
					secret: secret('SKSECRET'),
				}),
				({ headers: pairs, date, secret: { value: secretKey, core }, ...rest }) => {
					const headers: Record<string, string> = {};
					for (const [name, value] of pairs) if (!/^x-sdk-date$/i.test(name)) headers[name] = value;
					if (date !== undefined) headers['X-Sdk-Date'] = date;
					const input = { ...rest, headers, secretKey };
					const names = Object.keys(headers).map((name) => name.toLowerCase());
					let error: unknown;
					let result: ReturnType<typeof signSdkHmacSha256> | undefined;
					try {
						result = signSdkHmacSha256(input);
					} catch (thrown) {
						error = thrown;
					}
					if (new Set(names).size !== names.length) {
						count('signSdkHmacSha256: header twice → Error');
						assert.ok(error instanceof Error && /given more than once/.test(error.message), String(error));
						return;
					}
					if (date === undefined || !/^\d{8}T\d{6}Z$/.test(date.trim())) {
						count('signSdkHmacSha256: bad X-Sdk-Date → Error');
						assert.ok(error instanceof Error && /X-Sdk-Date/.test(error.message), String(error));
						return;
					}
					assert.equal(error, undefined, String(error));
					if (!result) throw new Error('no result');
					assert.deepEqual(signSdkHmacSha256(input), result);
					const signedNames = SIGNABLE.filter((name) => name === 'host' || name === 'x-sdk-date' || names.includes(name));
					assert.equal(result.signedHeaders, signedNames.join(';'));
					assert.match(result.authorization, /^SDK-HMAC-SHA256 Access=[\s\S]*, SignedHeaders=[a-z;-]+, Signature=[0-9a-f]{64}$/);
					assert.ok(result.authorization.startsWith(`SDK-HMAC-SHA256 Access=${input.accessKey}, SignedHeaders=${result.signedHeaders}, `));
					// header order, name case and surrounding whitespace of values do not matter
					const shuffled: Record<string, string> = {};
					for (const [name, value] of Object.entries(headers).reverse()) shuffled[name.toUpperCase()] = ` ${value}\t`;
					assert.equal(signSdkHmacSha256({ ...input, headers: shuffled }).authorization, result.authorization);
					assertNoSecret(result, core, 'SK');
				},
			),
			{ seed: 6301, numRuns: NUM_RUNS },
		);
	});

	it('sdkSignedHeaders: every added header once, stale ones replaced, others kept, Authorization matches the returned headers, SK never returned', () => {
		fc.assert(
			fc.property(
				fc.record({
					method: fc.constantFrom('GET', 'POST', 'DELETE'),
					// (odd URLs are the previous property's business)
					url: fc.constantFrom('https://lakeformation.cn-north-4.myhuaweicloud.com/v1/0123456789abcdef0123456789abcdef/instances?limit=1', 'http://127.0.0.1:3000/v3/projects?name=cn-north-4'),
					headers: fc.dictionary(hwHeaderName, text(2), { maxKeys: 5, noNullPrototype: true }),
					body: fc.oneof(fc.constant(''), text(6)),
					accessKey: text(2),
					secret: secret('SKSECRET'),
					projectId: fc.oneof(fc.constant(undefined), fc.constant(''), hex(32), text(2)),
					securityToken: fc.oneof(fc.constant(undefined), fc.constant(''), text(3)),
					date: fc.integer({ min: 0, max: 253402300799999 }).map((ms) => new Date(ms)),
				}),
				({ secret: { value: secretKey, core }, ...rest }) => {
					const input = { ...rest, secretKey };
					const replaced = ['x-sdk-date', 'authorization', ...(input.projectId ? ['x-project-id'] : []), ...(input.securityToken ? ['x-security-token'] : [])];
					const kept = Object.keys(input.headers).filter((name) => !replaced.includes(name.toLowerCase()));
					const keptNames = kept.map((name) => name.toLowerCase());
					if (new Set(keptNames).size !== keptNames.length) {
						count('sdkSignedHeaders: header twice → Error');
						assert.throws(() => sdkSignedHeaders(input), /given more than once/);
						return;
					}
					const headers = sdkSignedHeaders(input);
					assert.deepEqual(sdkSignedHeaders(input), headers);
					assertNoDuplicateHeaders(headers);
					for (const name of kept) assert.equal(headers[name], input.headers[name]);
					assert.equal(headers['X-Sdk-Date'], formatSdkDate(input.date));
					assert.match(headers['X-Sdk-Date'], /^\d{8}T\d{6}Z$/);
					if (input.projectId) assert.equal(headers['X-Project-Id'], input.projectId);
					if (input.securityToken) assert.equal(headers['X-Security-Token'], input.securityToken);
					const { Authorization: authorization, ...unsigned } = headers;
					assert.equal(signSdkHmacSha256({ ...input, headers: unsigned }).authorization, authorization);
					assertNoSecret(headers, core, 'SK');
				},
			),
			{ seed: 6302, numRuns: NUM_RUNS },
		);
	});
});

// ---------------------------------------------------------------------------------------------
// Huawei: authorizeHuaweiRequest (the credential's authenticate)
// ---------------------------------------------------------------------------------------------

type Mode = 'password' | 'token' | 'accessKey';
type QsValue = string | number | boolean | null | undefined | IDataObject | Array<string | number>;
const qsValue: fc.Arbitrary<QsValue> = fc.oneof(
	{ weight: 10, arbitrary: text(3) },
	{ weight: 1, arbitrary: fc.constantFrom<QsValue>(0, 5, true, false, null, undefined, { a: 1 }, ['x', 'y'], [1, 2, 3], []) },
);

interface HuaweiCase {
	mode: Mode;
	shape: 'legacy' | 'current';
	method: string;
	endpoint: string;
	path: string;
	useBaseURL: boolean;
	urlQuery: string;
	qs: Record<string, QsValue>;
	headers: Record<string, string>;
	body:
		| { kind: 'none' }
		| { kind: 'object'; value: IDataObject }
		| { kind: 'string'; value: string }
		| { kind: 'URLSearchParams'; value: URLSearchParams }
		| { kind: 'Buffer'; value: Buffer };
	projectId: string;
	sessionProjectId: string;
	password: { value: string; core: string };
	secretKey: { value: string; core: string };
	session: string;
	token: string;
	accessKey: string;
	securityToken: string;
	json: boolean;
}

const PROJECT_PLACEHOLDERS = ['{project_id}', '%7Bproject_id%7D', '{PROJECT_ID}', '%7bproject_id%7d'];

const huaweiCase = (mode: Mode): fc.Arbitrary<HuaweiCase> =>
	fc.record({
		mode: fc.constant(mode),
		shape: fc.constantFrom('legacy', 'current'),
		method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'get'),
		endpoint: fc.constantFrom('https://lakeformation.cn-north-4.myhuaweicloud.com', 'http://127.0.0.1:3000', 'https://lakeformation.af-south-1.myhuaweicloud.com/'),
		path: fc.oneof(
			{ weight: 6, arbitrary: fc.tuple(fc.constantFrom(...PROJECT_PLACEHOLDERS), fc.constantFrom('/instances', '/instances/2180518f-42b8-4947-b20b-adfc53981a25', '/instances/x/recover', '')).map(([placeholder, rest]) => `/v1/${placeholder}${rest}`) },
			{ weight: 1, arbitrary: fc.constantFrom('/v3/projects', '/', '') },
		),
		useBaseURL: fc.boolean(),
		urlQuery: fc.constantFrom('', '', '?limit=1', '?a=b&a=c', '?empty='),
		qs: fc.dictionary(fc.oneof({ weight: 30, arbitrary: maybeBroken(text(2), 100) }, { weight: 1, arbitrary: fc.constant('__proto__') }), fc.oneof({ weight: 100, arbitrary: qsValue }, { weight: 1, arbitrary: broken(text(2)) }), { maxKeys: 4, noNullPrototype: true }),
		headers: fc.dictionary(
			fc.constantFrom('X-Auth-Token', 'x-auth-token', 'Authorization', 'X-Sdk-Date', 'X-Project-Id', 'X-Security-Token', 'User-Agent', 'Accept', 'X-Custom', 'Content-Type'),
			text(2),
			{ maxKeys: 4, noNullPrototype: true },
		),
		body: fc.oneof<Array<fc.Arbitrary<HuaweiCase['body']>>>(
			fc.constant({ kind: 'none' }),
			fc
				.dictionary(fc.oneof({ weight: 10, arbitrary: text(2) }, { weight: 1, arbitrary: fc.constant('__proto__') }), fc.oneof(text(3), fc.constantFrom(0, 1.5, true, false)), { maxKeys: 4, noNullPrototype: true })
				.map((value) => ({ kind: 'object', value })),
			text(6).map((value) => ({ kind: 'string', value })),
			fc.array(fc.tuple(text(2), text(3)), { maxLength: 4 }).map((pairs) => ({ kind: 'URLSearchParams', value: new URLSearchParams(pairs) })),
			fc.oneof(text(6).map(utf8), fc.uint8Array({ maxLength: 24 }).map((bytes) => Buffer.from(bytes))).map((value) => ({ kind: 'Buffer', value })),
		),
		/** a Content-Type (in place of one in the headers), which decides how an object body is sent */
		contentType: fc.option(
			fc.tuple(
				fc.constantFrom('Content-Type', 'content-type'),
				fc.constantFrom('application/json', 'application/json;charset=UTF-8', 'application/x-www-form-urlencoded', 'Application/X-WWW-Form-Urlencoded; charset=utf-8', 'text/plain', 'application/octet-stream', ''),
			),
			{ freq: 2 },
		),
		projectId: fc.oneof({ weight: 3, arbitrary: hex(32) }, { weight: 1, arbitrary: fc.constantFrom('', ' ', ' 0123456789abcdef0123456789abcdef ') }, { weight: 1, arbitrary: maybeBroken(text(2), 30) }),
		sessionProjectId: fc.oneof(fc.constant(''), hex(32)),
		password: secret('PASSWORD'),
		secretKey: secret('SKSECRET'),
		session: fc.oneof(fc.constant(''), hex(24).map((h) => `MII${h}`)),
		token: fc.oneof(fc.constant(''), hex(24).map((h) => `MIItoken${h}`)),
		accessKey: fc.oneof(fc.constant('AKTESTEXAMPLE0000001'), text(2)),
		securityToken: fc.oneof(fc.constant(''), fc.constantFrom(' tmp-token ', 'st+/='), text(2)),
		json: fc.boolean(),
	})
		.map(({ contentType, ...c }) => {
			if (!contentType) return c;
			const headers = Object.fromEntries(Object.entries(c.headers).filter(([name]) => name.toLowerCase() !== 'content-type'));
			return { ...c, headers: { ...headers, [contentType[0]]: contentType[1] } };
		});

function huaweiCredentials(c: HuaweiCase): ICredentialDataDecryptedObject {
	const common = { authType: c.mode, region: 'cn-north-4', projectId: c.projectId, sessionProjectId: c.sessionProjectId, iamEndpoint: '', lakeFormationEndpoint: '' };
	if (c.mode === 'password') return { ...common, domainName: 'account', userName: 'user', password: c.password.value, session: c.session, sessionExpiresAt: '' };
	if (c.mode === 'token') return { ...common, token: c.token, session: c.session };
	return { ...common, accessKey: c.accessKey, secretKey: c.secretKey.value, securityToken: c.securityToken, session: c.accessKey };
}

function huaweiRequest(c: HuaweiCase): IHttpRequestOptions {
	const path = c.path + c.urlQuery;
	const location = c.shape === 'legacy' ? { uri: c.endpoint.replace(/\/$/, '') + path } : c.useBaseURL ? { baseURL: c.endpoint, url: path } : { url: c.endpoint.replace(/\/$/, '') + path };
	const body = c.body.kind === 'none' ? {} : { body: c.body.value };
	return { method: c.method, ...location, qs: c.qs, headers: c.headers, ...body, ...(c.json ? { json: true } : {}) } as unknown as IHttpRequestOptions;
}

/**
 * The body as n8n sends it: text and bytes as they are, URLSearchParams as its text, a plain
 * object as JSON, or as a form when the Content-Type says so.
 */
function huaweiBodyAsSent(c: HuaweiCase): string | Buffer | undefined {
	if (c.body.kind === 'none') return undefined;
	if (c.body.kind === 'URLSearchParams') return c.body.value.toString();
	if (c.body.kind !== 'object') return c.body.value;
	const form = /x-www-form-urlencoded/i.test(headerValue(c.headers, 'content-type') ?? '');
	return form ? new URLSearchParams(c.body.value as Record<string, string>).toString() : JSON.stringify(c.body.value);
}

async function checkHuaweiCase(c: HuaweiCase) {
	const credentials = huaweiCredentials(c);
	const request = huaweiRequest(c);
	const projectId = c.projectId.trim() || c.sessionProjectId.trim();
	const hasPlaceholder = PROJECT_PLACEHOLDERS.some((placeholder) => c.path.includes(placeholder));
	// what is percent-encoded: each query name with at least one value, and the text values
	const qsStrings = Object.entries(c.qs).flatMap(([name, value]) => {
		const items = (Array.isArray(value) ? value : [value]).filter((item) => item !== undefined && item !== null);
		return items.length ? [name, ...items.map((item) => (typeof item === 'string' ? item : ''))] : [];
	});

	const outcome = await settle(() => authorizeHuaweiRequest(credentials, request));
	const error = outcome.error;
	if (error instanceof Error) {
		// a typed error (below) never carries a secret either
		assertNoSecret(error.message, c.password.core, 'IAM password');
		assertNoSecret(error.message, c.secretKey.core, 'SK');
	}
	if (hasPlaceholder && !projectId) {
		count('Huawei: {project_id} without a project ID → Error');
		assert.ok(error instanceof Error && /project ID is not known/.test(error.message), String(error));
		return;
	}
	if (qsStrings.some(hasLoneSurrogate) || (hasPlaceholder && hasLoneSurrogate(projectId))) {
		count('Huawei: lone surrogate in qs/project ID → URIError');
		assert.ok(error instanceof URIError, String(error));
		return;
	}
	const given = Object.keys(c.headers).filter((name) => !['x-auth-token', 'authorization', 'x-sdk-date', 'x-project-id', 'x-security-token'].includes(name.toLowerCase()));
	const givenNames = given.map((name) => name.toLowerCase());
	if (c.mode === 'accessKey' && new Set(givenNames).size !== givenNames.length) {
		count('Huawei AK/SK: a header given twice → Error');
		assert.ok(error instanceof Error && /given more than once/.test(error.message), String(error));
		return;
	}
	if ('error' in outcome) throw outcome.error;
	const signed = outcome.value as IHttpRequestOptions & { uri?: string };
	assert.deepEqual(await authorizeHuaweiRequest(credentials, request), signed);

	// shape, URL and query
	const target = c.shape === 'legacy' ? signed.uri : signed.url;
	assert.equal(typeof target, 'string');
	assert.equal(c.shape === 'legacy' ? 'url' in signed : 'uri' in signed, false);
	for (const gone of ['qs', 'baseURL']) assert.equal(gone in signed, false, `${gone} is left in the request`);
	assert.equal(signed.json, c.json ? true : undefined);
	const url = new URL(target as string);
	assert.ok(!/\{project_id\}|%7Bproject_id%7D/i.test(target as string), `placeholder left in ${target}`);
	if (hasPlaceholder) assert.ok((target as string).includes(`/v1/${percentEncode(projectId)}`), target);
	// (copied into this realm's arrays: URLSearchParams comes from outside Jest's sandbox)
	const sentQuery = Array.from(url.searchParams, ([name, value]) => [name, value]);
	const expectedQuery = Array.from(new URLSearchParams(c.urlQuery), ([name, value]) => [name, value]);
	for (const [name, value] of Object.entries(c.qs)) {
		for (const item of Array.isArray(value) ? value : [value]) {
			if (item === undefined || item === null) continue;
			expectedQuery.push([name, typeof item === 'object' ? JSON.stringify(item) : String(item)]);
		}
	}
	assert.deepEqual(sentQuery, expectedQuery);

	// body: what n8n sends, as the exact text or bytes (that are signed); an object without a
	// Content-Type is sent as JSON and says so
	count(`Huawei ${c.mode}: ${c.body.kind} body`);
	const body = huaweiBodyAsSent(c);
	if (body === undefined) assert.equal('body' in signed, false);
	else assert.deepEqual(signed.body, body);
	if (c.body.kind === 'object' && !Object.keys(c.headers).some((name) => name.toLowerCase() === 'content-type')) {
		assert.equal(headerValue(signed.headers, 'content-type'), 'application/json');
	}

	// headers
	assertNoDuplicateHeaders(signed.headers);
	for (const name of given) {
		const sameName = given.filter((other) => other.toLowerCase() === name.toLowerCase());
		if (sameName.length === 1) assert.equal(headerValue(signed.headers, name.toLowerCase()), c.headers[name]);
	}
	const headers = signed.headers as Record<string, string>;
	if (c.mode === 'accessKey') {
		assert.equal(headerValue(headers, 'x-auth-token'), undefined);
		assert.equal(headerValue(headers, 'x-sdk-date'), formatSdkDate(NOW));
		assert.equal(headerValue(headers, 'x-project-id'), projectId || undefined);
		assert.equal(headerValue(headers, 'x-security-token'), c.securityToken.trim() || undefined);
		assert.ok(headerValue(headers, 'authorization')?.startsWith(`SDK-HMAC-SHA256 Access=${c.accessKey.trim()}, SignedHeaders=`));
		assertHuaweiVerifies(c, signed, url);
		assertNoSecret(signed, c.secretKey.core, 'SK');
	} else {
		assert.equal(headerValue(headers, 'x-auth-token'), c.session.trim() || (c.mode === 'token' ? c.token.trim() : ''));
		for (const name of ['authorization', 'x-sdk-date', 'x-project-id', 'x-security-token']) assert.equal(headerValue(headers, name), undefined);
	}
	assertNoSecret(signed, c.password.core, 'IAM password');
	assertNoSecret(signed, c.secretKey.core, 'SK');
	return signed;
}

/** Checks an AK/SK-signed request as APIG receives it. */
function assertHuaweiVerifies(c: HuaweiCase, signed: IHttpRequestOptions, url: URL) {
	const headers = signed.headers as Record<string, string>;
	const authorization = parseAuthorization(headerValue(headers, 'authorization'), 'SDK-HMAC-SHA256');
	assert.ok(authorization?.Access !== undefined && authorization.SignedHeaders && authorization.Signature, 'no SDK-HMAC-SHA256 Authorization');
	const signedHeaders = authorization.SignedHeaders.split(';');
	for (const name of ['host', 'x-sdk-date', 'content-type', 'x-project-id', 'x-security-token']) {
		if (name === 'host' || headerValue(headers, name) !== undefined) assert.ok(signedHeaders.includes(name), `${name} is not signed`);
	}
	// what is sent is text or bytes, never an object that n8n would encode after signing
	const body = signed.body ?? '';
	assert.ok(typeof body === 'string' || Buffer.isBuffer(body), `the body sent is a ${typeof body}`);
	const method = (signed.method ?? 'GET').toUpperCase();
	const expected = huaweiServerSignature({ method, url, headers, body, signedHeaders, secret: c.secretKey.value });
	assert.equal(authorization.Signature, expected, 'AK/SK signature does not verify');
}

describe('Huawei credential authenticate, authorizeHuaweiRequest (10,002 inputs: 3,334 per mode)', () => {
	for (const mode of ['password', 'token', 'accessKey'] as const) {
		it(`${mode}: {project_id} filled, typed errors only, deterministic, ${mode === 'accessKey' ? 'verifies as sent, ' : ''}re-authenticating changes nothing, no secret`, async () => {
			await fc.assert(
				fc.asyncProperty(huaweiCase(mode), async (c) => {
					const signed = await checkHuaweiCase(c);
					if (!signed) return;
					// n8n authenticates again before resending: the result must be the same request
					const again = await authorizeHuaweiRequest(huaweiCredentials(c), signed);
					assert.deepEqual(again, signed);
					assert.equal(headerNames(again.headers).filter((name) => name === (mode === 'accessKey' ? 'authorization' : 'x-auth-token')).length, 1);
				}),
				{ seed: 6400 + ['password', 'token', 'accessKey'].indexOf(mode), numRuns: Math.ceil(NUM_RUNS / 3) },
			);
		});
	}
});

// ---------------------------------------------------------------------------------------------
// What the fuzzing found: minimal examples, kept as regression tests
// ---------------------------------------------------------------------------------------------

describe('what the fuzzing found, minimal examples (regression tests)', () => {
	const alibabaCredentials = { accessKeyId: 'AK', accessKeySecret: 'secret', signatureVersion: 'v3' };

	it('Alibaba V3: authenticating a signed request again gives it back unchanged (Action and Version are in x-acs-* headers by then)', async () => {
		const signed = await signAlibabaCloudRequest(alibabaCredentials, { method: 'POST', url: 'https://x.example.com/', body: { Action: 'A', Version: 'V' } });
		assert.deepEqual(await signAlibabaCloudRequest(alibabaCredentials, signed), signed);
	});

	it('Alibaba V3: a path with a percent-encoded character is signed as sent (/a%20b), not encoded twice (/a%2520b)', async () => {
		const signed = await signAlibabaCloudRequest(alibabaCredentials, { method: 'GET', url: 'https://x.example.com/a%20b', qs: { Action: 'A', Version: 'V' } });
		const headers = signed.headers as Record<string, string>;
		const authorization = parseAuthorization(headers.authorization, 'ACS3-HMAC-SHA256') as Record<string, string>;
		// the server decodes /a%20b and encodes each segment again: /a%20b
		const url = new URL(signed.url);
		const expected = acs3ServerSignature({ method: 'GET', url, headers, body: '', signedHeaders: authorization.SignedHeaders.split(';'), secret: 'secret' });
		assert.equal(authorization.Signature, expected);
	});

	it('Alibaba: a parameter named __proto__ is signed and sent like any other', async () => {
		const signed = await signAlibabaCloudRequest({ ...alibabaCredentials, signatureVersion: 'rpc' }, { method: 'GET', url: 'https://x.example.com/', qs: JSON.parse('{"Action":"A","Version":"V","__proto__":"x"}') });
		assert.equal(new URL(signed.url).searchParams.get('__proto__'), 'x');
	});

	const huaweiAkSk = { authType: 'accessKey', accessKey: 'AK', secretKey: 'SK', projectId: 'p' };
	/** Signs the request: `body` is sent, and the signature verifies over it as APIG receives it. */
	async function expectSignedOver(request: IHttpRequestOptions, body: string | Buffer) {
		const signed = await authorizeHuaweiRequest(huaweiAkSk, request);
		assert.deepEqual(signed.body, body);
		const headers = signed.headers as Record<string, string>;
		const authorization = parseAuthorization(headers.Authorization, 'SDK-HMAC-SHA256') as Record<string, string>;
		const expected = huaweiServerSignature({ method: 'POST', url: new URL(signed.url), headers, body, signedHeaders: authorization.SignedHeaders.split(';'), secret: 'SK' });
		assert.equal(authorization.Signature, expected);
	}

	it('Huawei AK/SK: an object body with a Content-Type header is sent and signed as its JSON (not signed as an empty body)', async () => {
		await expectSignedOver({ method: 'POST', url: 'https://h.example.com/v1/{project_id}/instances', headers: { 'Content-Type': 'application/json' }, body: { a: 1 } }, '{"a":1}');
	});

	it('Huawei AK/SK: an object body with a form Content-Type is sent and signed as the form', async () => {
		await expectSignedOver({ method: 'POST', url: 'https://h.example.com/v1/{project_id}/x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: { a: 'b c' } }, 'a=b+c');
	});

	it('Huawei AK/SK: a URLSearchParams body is sent and signed as its text', async () => {
		await expectSignedOver({ method: 'POST', url: 'https://h.example.com/v1/{project_id}/x', body: new URLSearchParams({ a: 'b' }) }, 'a=b');
	});

	it('Huawei AK/SK: a Buffer body is signed over its bytes (not as an empty body)', async () => {
		// bytes that are no UTF-8: they would change on the way through a string
		await expectSignedOver({ method: 'POST', url: 'https://h.example.com/v1/{project_id}/x', body: Buffer.from([0xff, 0x00, 0x80, 0x68]) }, Buffer.from([0xff, 0x00, 0x80, 0x68]));
	});
});
