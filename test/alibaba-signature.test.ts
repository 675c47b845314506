/**
 * Alibaba Cloud signers: the reference vectors (shared/reference/alibaba-dla.md), behaviour
 * tests, and randomized cross-checks against the official signer @alicloud/openapi-util
 * (a devDependency only; it must never be imported by runtime code).
 */
import OpenApiUtil from '@alicloud/openapi-util';
import * as fc from 'fast-check';

import {
	acs3CanonicalRequest,
	acs3CanonicalUri,
	formatAlibabaTimestamp,
	rpcSignature,
	rpcStringToSign,
	sha256Hex,
	signAcs3,
	signRpcParams,
} from '../credentials/alibabaCloudSignature';
import { canonicalQuery } from '../credentials/rfc3986';

type OfficialRequest = Parameters<typeof OpenApiUtil.getAuthorization>[0];

const RUNS = { numRuns: 1000 };

/** The official V3 signer, given a plain request object (it reads only these four fields). */
function officialAuthorization(
	request: { method: string; pathname: string; query: Record<string, string>; headers: Record<string, string> },
	payloadHash: string,
	accessKeyId: string,
	accessKeySecret: string,
): string {
	return OpenApiUtil.getAuthorization(
		request as unknown as OfficialRequest,
		'ACS3-HMAC-SHA256',
		payloadHash,
		accessKeyId,
		accessKeySecret,
	);
}

/** Hex SHA-256 the way the official client computes the payload hash. */
function officialPayloadHash(body: string): string {
	return OpenApiUtil.hexEncode(OpenApiUtil.hash(Buffer.from(body, 'utf8'), 'ACS3-HMAC-SHA256'));
}

describe('reference vectors', () => {
	const COMPONENT =
		'{"operable":"false","max_cu":"8","instance_name":"api-test-9","min_cu":"0","engine":"spark",' +
		'"region":"cn-hangzhou","app_name":"xx","app_version_name":"xx"}';

	describe('vector 1: official doc, RPC', () => {
		const params = {
			AccessKeyId: 'testid',
			Action: 'DescribeRegions',
			Format: 'XML',
			SignatureMethod: 'HMAC-SHA1',
			SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
			SignatureVersion: '1.0',
			Timestamp: '2016-02-23T12:46:24Z',
			Version: '2014-05-26',
		};

		it('GET StringToSign and Signature', () => {
			expect(rpcStringToSign('GET', params)).toBe(
				'GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML' +
					'%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf' +
					'%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26',
			);
			expect(rpcSignature('GET', params, 'testsecret')).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
		});

		it('POST Signature', () => {
			expect(rpcSignature('POST', params, 'testsecret')).toBe('MxbnVAM4w6sft9xjVpe/GCKueuk=');
		});

		it('signRpcParams adds the same common parameters and Signature', () => {
			const signed = signRpcParams({
				method: 'GET',
				params: { Action: 'DescribeRegions', Format: 'XML', Version: '2014-05-26' },
				accessKeyId: 'testid',
				accessKeySecret: 'testsecret',
				timestamp: '2016-02-23T12:46:24Z',
				nonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
			});
			expect(signed).toEqual({ ...params, Signature: 'OLeaidS1JvxuMvnyHOwuJ+uX5qY=' });
		});

		it('a Signature already among the params is not signed', () => {
			expect(rpcSignature('GET', { ...params, Signature: 'stale' }, 'testsecret')).toBe(
				'OLeaidS1JvxuMvnyHOwuJ+uX5qY=',
			);
		});

		it('the official signer agrees', () => {
			expect(OpenApiUtil.getRPCSignature(params, 'GET', 'testsecret')).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
			expect(OpenApiUtil.getRPCSignature(params, 'POST', 'testsecret')).toBe('MxbnVAM4w6sft9xjVpe/GCKueuk=');
		});
	});

	describe('vector 2: CreateInstance, RPC', () => {
		const business = {
			Format: 'JSON',
			Version: '2018-06-19',
			Action: 'CreateInstance',
			RegionId: 'cn-hangzhou',
			ChargeType: 'POSTPAY',
			InstanceType: 'CU_SPARK',
			Component: COMPONENT,
		};
		const rows: Array<[string, string | undefined, string]> = [
			['POST', undefined, 'M62HSavDZtoRZr5P0KUklNEgShE='],
			['GET', undefined, 'ZCkx/bSsVEvN0E+FgDfTWQvhqcM='],
			['POST', 'STS.tok~en*+ /=', 'QExjazlrPMazhfcgZNPCLAuVNHM='],
			['GET', 'STS.tok~en*+ /=', 'Km0Lsiz68d5bJSZBfapcMD2pOSI='],
		];

		it.each(rows)('%s, SecurityToken %s', (method, securityToken, expected) => {
			const signed = signRpcParams({
				method,
				params: business,
				accessKeyId: 'LTAI_TEST_ID',
				accessKeySecret: 'test~secret*+ ',
				securityToken,
				timestamp: '2024-01-02T03:04:05Z',
				nonce: '0123456789abcdef0123456789abcdef',
			});
			expect(signed.Signature).toBe(expected);

			const unsigned: Record<string, string> = { ...signed };
			delete unsigned.Signature;
			expect(OpenApiUtil.getRPCSignature(unsigned, method, 'test~secret*+ ')).toBe(expected);
		});
	});

	describe('vector 3: encoding edge, RPC', () => {
		const params = {
			A: 'a b+c*d~e/f:g',
			'B.1': '中文',
			C: "!'()",
			Timestamp: '2024-01-02T03:04:05Z',
		};

		it('GET Signature', () => {
			expect(rpcSignature('GET', params, 's')).toBe('NNOVAjqm6jxYbtsbRS8bAWGCJOM=');
			expect(rpcStringToSign('GET', params)).toBe(
				'GET&%2F&A%3Da%2520b%252Bc%252Ad~e%252Ff%253Ag%26B.1%3D%25E4%25B8%25AD%25E6%2596%2587' +
					'%26C%3D%2521%2527%2528%2529%26Timestamp%3D2024-01-02T03%253A04%253A05Z',
			);
		});

		it('the official signer agrees', () => {
			expect(OpenApiUtil.getRPCSignature(params, 'GET', 's')).toBe('NNOVAjqm6jxYbtsbRS8bAWGCJOM=');
		});
	});

	describe('vector 4: official doc, V3', () => {
		const input = {
			method: 'POST',
			host: 'ecs.cn-shanghai.aliyuncs.com',
			query: { ImageId: 'win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd', RegionId: 'cn-shanghai' },
			body: '',
			action: 'RunInstances',
			version: '2014-05-26',
			date: '2023-10-26T10:22:32Z',
			nonce: '3156853299f313e23d1673dc12e1703d',
			accessKeyId: 'YourAccessKeyId',
			accessKeySecret: 'YourAccessKeySecret',
		};
		const emptyHash = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
		const signedHeaders = 'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version';
		const signature = '06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0';

		it('hashed canonical request', () => {
			const headers = signAcs3(input);
			const { canonicalRequest, signedHeaders: list } = acs3CanonicalRequest({
				method: 'POST',
				query: input.query,
				headers,
				payloadHash: emptyHash,
			});
			expect(list).toBe(signedHeaders);
			expect(sha256Hex(canonicalRequest)).toBe('7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259');
		});

		it('headers and Signature', () => {
			expect(signAcs3(input)).toEqual({
				host: 'ecs.cn-shanghai.aliyuncs.com',
				'x-acs-action': 'RunInstances',
				'x-acs-version': '2014-05-26',
				'x-acs-date': '2023-10-26T10:22:32Z',
				'x-acs-signature-nonce': '3156853299f313e23d1673dc12e1703d',
				'x-acs-content-sha256': emptyHash,
				authorization: `ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=${signedHeaders},Signature=${signature}`,
			});
		});

		it('the official signer agrees', () => {
			const headers = {
				host: input.host,
				'x-acs-action': input.action,
				'x-acs-version': input.version,
				'x-acs-date': input.date,
				'x-acs-signature-nonce': input.nonce,
				'x-acs-content-sha256': emptyHash,
			};
			expect(
				officialAuthorization({ method: 'POST', pathname: '/', query: input.query, headers }, emptyHash, input.accessKeyId, input.accessKeySecret),
			).toBe(`ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=${signedHeaders},Signature=${signature}`);
		});
	});

	describe('vector 5: CreateInstance, V3 with a form body', () => {
		// Form body: the four business parameters, sorted and RFC 3986-encoded.
		const body = canonicalQuery({
			ChargeType: 'POSTPAY',
			Component: COMPONENT,
			InstanceType: 'CU_SPARK',
			RegionId: 'cn-hangzhou',
		});
		const input = {
			method: 'POST',
			host: 'openanalytics.cn-hangzhou.aliyuncs.com',
			query: {},
			body,
			contentType: 'application/x-www-form-urlencoded',
			action: 'CreateInstance',
			version: '2018-06-19',
			date: '2024-01-02T03:04:05Z',
			nonce: '0123456789abcdef0123456789abcdef',
			accessKeyId: 'LTAI_TEST_ID',
			accessKeySecret: 'test~secret*+ ',
		};
		const contentHash = '45762c29b8e552617d7b6a82097166b2ac7d1be0001c1fd84f6f9b3b1929965a';
		const signedHeaders =
			'content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version';
		const signature = '5a56740e78b8e94939d5e140c27d6aba4fdf26cdd58c670e851ca9ed28d4ccab';

		it('body starts as expected (sanity check of the reconstruction)', () => {
			expect(body.startsWith('ChargeType=POSTPAY&Component=%7B%22operable%22%3A%22false%22')).toBe(true);
			expect(body.endsWith('&InstanceType=CU_SPARK&RegionId=cn-hangzhou')).toBe(true);
		});

		it('content hash, SignedHeaders and Signature', () => {
			const headers = signAcs3(input);
			expect(sha256Hex(body)).toBe(contentHash);
			expect(headers['x-acs-content-sha256']).toBe(contentHash);
			expect(headers['content-type']).toBe('application/x-www-form-urlencoded');
			expect(headers.authorization).toBe(
				`ACS3-HMAC-SHA256 Credential=LTAI_TEST_ID,SignedHeaders=${signedHeaders},Signature=${signature}`,
			);
		});

		it('the official signer agrees', () => {
			const headers = {
				host: input.host,
				'content-type': input.contentType,
				'x-acs-action': input.action,
				'x-acs-version': input.version,
				'x-acs-date': input.date,
				'x-acs-signature-nonce': input.nonce,
				'x-acs-content-sha256': officialPayloadHash(body),
			};
			expect(headers['x-acs-content-sha256']).toBe(contentHash);
			expect(
				officialAuthorization({ method: 'POST', pathname: '/', query: {}, headers }, contentHash, input.accessKeyId, input.accessKeySecret),
			).toBe(`ACS3-HMAC-SHA256 Credential=LTAI_TEST_ID,SignedHeaders=${signedHeaders},Signature=${signature}`);
		});
	});
});

describe('formatAlibabaTimestamp', () => {
	it('drops milliseconds and uses UTC', () => {
		expect(formatAlibabaTimestamp(new Date('2016-02-23T12:46:24.999Z'))).toBe('2016-02-23T12:46:24Z');
		expect(formatAlibabaTimestamp(new Date('2024-01-02T05:04:05.000+02:00'))).toBe('2024-01-02T03:04:05Z');
		expect(formatAlibabaTimestamp(new Date(0))).toBe('1970-01-01T00:00:00Z');
	});

	it('is the same second, in the right shape, for any date', () => {
		fc.assert(
			fc.property(
				fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }),
				(date) => {
					const stamp = formatAlibabaTimestamp(date);
					expect(stamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
					expect(Date.parse(stamp)).toBe(Math.floor(date.getTime() / 1000) * 1000);
				},
			),
			{ seed: 20240102, ...RUNS },
		);
	});
});

describe('sha256Hex', () => {
	it('hashes the UTF-8 bytes, lowercase hex', () => {
		expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
		expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
		expect(sha256Hex('中文 😀')).toBe(officialPayloadHash('中文 😀'));
	});
});

describe('signRpcParams', () => {
	const base = {
		method: 'POST',
		params: { Action: 'CreateInstance', Version: '2018-06-19', Format: 'JSON', RegionId: 'cn-beijing' },
		accessKeyId: 'ak',
		accessKeySecret: 'secret',
	};

	it("uses each call's own nonce and timestamp", () => {
		const first = signRpcParams({ ...base, timestamp: '2024-01-02T03:04:05Z', nonce: 'nonce-1' });
		const second = signRpcParams({ ...base, timestamp: '2024-01-02T03:04:06Z', nonce: 'nonce-2' });
		expect([first.SignatureNonce, first.Timestamp]).toEqual(['nonce-1', '2024-01-02T03:04:05Z']);
		expect([second.SignatureNonce, second.Timestamp]).toEqual(['nonce-2', '2024-01-02T03:04:06Z']);
		expect(first.Signature).not.toBe(second.Signature);
		// Same inputs, same output: nothing random or clock-based inside.
		expect(signRpcParams({ ...base, timestamp: '2024-01-02T03:04:05Z', nonce: 'nonce-1' })).toEqual(first);
	});

	it('adds SecurityToken iff a token is given', () => {
		const common = { ...base, timestamp: '2024-01-02T03:04:05Z', nonce: 'n' };
		expect(signRpcParams(common)).not.toHaveProperty('SecurityToken');
		expect(signRpcParams({ ...common, securityToken: undefined })).not.toHaveProperty('SecurityToken');
		expect(signRpcParams({ ...common, securityToken: '' })).not.toHaveProperty('SecurityToken');
		expect(signRpcParams({ ...common, securityToken: 'STS.x' }).SecurityToken).toBe('STS.x');
		// A stale token among the params must not be sent (or signed) without a token.
		const stale = { ...common, params: { ...common.params, SecurityToken: 'old' } };
		expect(signRpcParams(stale)).not.toHaveProperty('SecurityToken');
		expect(signRpcParams(stale)).toEqual(signRpcParams(common));
	});

	it('returns exactly the params plus the common ones and Signature', () => {
		const signed = signRpcParams({ ...base, securityToken: 'tok', timestamp: 't', nonce: 'n' });
		expect(Object.keys(signed).sort()).toEqual(
			[
				'AccessKeyId',
				'Action',
				'Format',
				'RegionId',
				'SecurityToken',
				'Signature',
				'SignatureMethod',
				'SignatureNonce',
				'SignatureVersion',
				'Timestamp',
				'Version',
			].sort(),
		);
		expect(signed.SignatureMethod).toBe('HMAC-SHA1');
		expect(signed.SignatureVersion).toBe('1.0');
		expect(signed.AccessKeyId).toBe('ak');
	});

	it('does not mutate its input', () => {
		const params = Object.freeze({ Action: 'A', Version: 'V', Format: 'JSON', Signature: 'stale' });
		const input = Object.freeze({ ...base, params, securityToken: 'tok', timestamp: 't', nonce: 'n' });
		const before = JSON.stringify(input);
		const signed = signRpcParams(input);
		expect(JSON.stringify(input)).toBe(before);
		expect(signed).not.toBe(params);
		expect(signed.Signature).not.toBe('stale');
	});

	it('upper-cases the method (the server signs what is on the wire)', () => {
		const p = { Action: 'A' };
		expect(rpcSignature('post', p, 's')).toBe(OpenApiUtil.getRPCSignature(p, 'POST', 's'));
	});
});

describe('signAcs3', () => {
	const base = {
		method: 'GET',
		host: 'openanalytics.cn-hangzhou.aliyuncs.com',
		query: { RegionId: 'cn-hangzhou' },
		body: '',
		action: 'ReleaseInstance',
		version: '2018-06-19',
		date: '2024-01-02T03:04:05Z',
		nonce: 'n',
		accessKeyId: 'ak',
		accessKeySecret: 'secret',
	};

	it('sends and signs x-acs-security-token iff a token is given', () => {
		expect(signAcs3(base)).not.toHaveProperty('x-acs-security-token');
		expect(signAcs3({ ...base, securityToken: '' })).not.toHaveProperty('x-acs-security-token');
		const withToken = signAcs3({ ...base, securityToken: ' STS.tok ' });
		expect(withToken['x-acs-security-token']).toBe('STS.tok');
		expect(withToken.authorization).toContain(
			'SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version,',
		);
	});

	it('sends and signs content-type only when given', () => {
		expect(signAcs3(base)).not.toHaveProperty('content-type');
		expect(signAcs3({ ...base, contentType: '' })).not.toHaveProperty('content-type');
		expect(signAcs3({ ...base, contentType: 'application/json' })['content-type']).toBe('application/json');
	});

	it('encodes each path segment, keeping the slashes', () => {
		expect(acs3CanonicalUri()).toBe('/');
		expect(acs3CanonicalUri('')).toBe('/');
		expect(acs3CanonicalUri('/a b/c+d*e~f/中')).toBe('/a%20b/c%2Bd%2Ae~f/%E4%B8%AD');
		expect(acs3CanonicalUri('/a b/c+d*e~f/中')).toBe(OpenApiUtil.getEncodePath('/a b/c+d*e~f/中'));
	});

	it('upper-cases the method', () => {
		expect(signAcs3({ ...base, method: 'get' })).toEqual(signAcs3(base));
	});

	it('encodes query names (documented divergence: the official signer leaves V3 names raw)', () => {
		const query = { 'a b': '1', Z: '2' };
		const headers = signAcs3({ ...base, query });
		const { canonicalRequest } = acs3CanonicalRequest({ method: 'GET', query, headers, payloadHash: '' });
		expect(canonicalRequest.split('\n')[2]).toBe('Z=2&a%20b=1');
		const official = officialAuthorization(
			{ method: 'GET', pathname: '/', query, headers: { ...headers, authorization: '' } },
			headers['x-acs-content-sha256'],
			'ak',
			'secret',
		);
		expect(official).not.toBe(headers.authorization);
		// The same request with an unreserved name: both agree.
		const plain = signAcs3({ ...base, query: { a_b: '1 2', Z: '2' } });
		expect(
			officialAuthorization(
				{ method: 'GET', pathname: '/', query: { a_b: '1 2', Z: '2' }, headers: { ...plain, authorization: '' } },
				plain['x-acs-content-sha256'],
				'ak',
				'secret',
			),
		).toBe(plain.authorization);
	});
});

describe('randomized cross-checks against @alicloud/openapi-util', () => {
	// Characters that trip encoders: reserved, '%', '~', spaces, non-ASCII (CJK, emoji, NBSP).
	const SPECIALS = [' ', '+', '*', '~', '/', '!', "'", '(', ')', '%', '=', '&', ':', '?', '#', '中', '文', '😀', 'é', '\u00a0', '\t'];
	const unit = fc.oneof(
		fc.constantFrom(...SPECIALS),
		fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }),
		fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
	);
	const text = (minLength = 0, maxLength = 16) => fc.string({ unit, minLength, maxLength });
	const token = fc.option(text(0, 24), { nil: undefined });
	const timestamp = fc
		.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true })
		.map(formatAlibabaTimestamp);

	const RPC_COMMON = ['AccessKeyId', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce', 'Timestamp', 'SecurityToken', 'Signature'];
	const rpcParams = fc
		.record({
			action: text(1, 12),
			version: text(1, 12),
			format: fc.constantFrom('JSON', 'XML'),
			extra: fc.dictionary(
				text(1, 10).filter((name) => !RPC_COMMON.includes(name) && name !== '__proto__'),
				text(0, 24),
				{ maxKeys: 8, noNullPrototype: true },
			),
		})
		.map(({ action, version, format, extra }) => ({ ...extra, Action: action, Version: version, Format: format }));

	const rpcCase = (method: string) => {
		fc.assert(
			fc.property(
				rpcParams,
				text(1, 24),
				text(0, 40),
				token,
				timestamp,
				text(1, 32),
				(params, accessKeyId, accessKeySecret, securityToken, ts, nonce) => {
					const signed = signRpcParams({ method, params, accessKeyId, accessKeySecret, securityToken, timestamp: ts, nonce });
					const { Signature: signature, ...unsigned } = signed;
					// What must be sent, built independently of the code under test.
					const expected: Record<string, string> = {
						...params,
						AccessKeyId: accessKeyId,
						SignatureMethod: 'HMAC-SHA1',
						SignatureVersion: '1.0',
						SignatureNonce: nonce,
						Timestamp: ts,
					};
					if (securityToken) expected.SecurityToken = securityToken;
					expect(unsigned).toEqual(expected);
					expect(signature).toBe(OpenApiUtil.getRPCSignature(expected, method, accessKeySecret));
				},
			),
			{ seed: method === 'GET' ? 101 : 102, ...RUNS },
		);
	};

	it('RPC GET: 1,000 random requests', () => rpcCase('GET'));
	it('RPC POST: 1,000 random requests', () => rpcCase('POST'));

	// V3: query names from the unreserved set only (see the documented divergence above);
	// values, secrets, tokens, paths and bodies are unrestricted.
	const queryName = fc.string({ unit: fc.constantFrom(...'AZaz019.-_~BRegionIdx'), minLength: 1, maxLength: 10 });
	const query = fc.dictionary(queryName.filter((n) => n !== '__proto__'), text(0, 24), { maxKeys: 6, noNullPrototype: true });
	const path = fc.oneof(
		fc.constant(undefined),
		fc.constant('/'),
		fc.array(text(0, 8), { minLength: 1, maxLength: 4 }).map((segments) => '/' + segments.join('/')),
	);
	const host = fc.oneof(fc.constantFrom('openanalytics.cn-hangzhou.aliyuncs.com', 'datalakeanalytics.us-east-1.aliyuncs.com'), fc.domain());
	const headerish = fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 24 });
	const postBody = fc.oneof(
		fc.dictionary(text(1, 10), text(0, 24), { maxKeys: 6, noNullPrototype: true }).map((form) => ({
			body: canonicalQuery(form),
			contentType: 'application/x-www-form-urlencoded' as string | undefined,
		})),
		fc.dictionary(text(1, 10), text(0, 24), { noNullPrototype: true }).map((json) => ({
			body: JSON.stringify(json),
			contentType: 'application/json' as string | undefined,
		})),
		fc.record({
			body: text(0, 64),
			contentType: fc.option(fc.constantFrom('', ' text/plain; charset=utf-8 ', 'application/octet-stream'), { nil: undefined }),
		}),
	);

	const v3Case = (method: 'GET' | 'POST', seed: number) => {
		const payload = method === 'GET' ? fc.constant({ body: '', contentType: undefined as string | undefined }) : postBody;
		fc.assert(
			fc.property(
				fc.record({
					host,
					path,
					query,
					payload,
					action: headerish,
					version: headerish,
					date: timestamp,
					nonce: headerish,
					accessKeyId: text(1, 24),
					accessKeySecret: text(0, 40),
					securityToken: token,
				}),
				({ payload: { body, contentType }, ...rest }) => {
					const headers = signAcs3({ method, body, contentType, ...rest });

					// The official client's view of the same request: untrimmed values, plus a
					// header that must not be signed.
					const payloadHash = officialPayloadHash(body);
					const officialHeaders: Record<string, string> = {
						host: rest.host,
						'x-acs-action': rest.action,
						'x-acs-version': rest.version,
						'x-acs-date': rest.date,
						'x-acs-signature-nonce': rest.nonce,
						'x-acs-content-sha256': payloadHash,
						'user-agent': 'AlibabaCloud (test)',
					};
					if (rest.securityToken?.trim()) officialHeaders['x-acs-security-token'] = rest.securityToken;
					if (contentType?.trim()) officialHeaders['content-type'] = contentType;
					const official = officialAuthorization(
						{ method, pathname: OpenApiUtil.getEncodePath(rest.path ?? '/'), query: rest.query, headers: officialHeaders },
						payloadHash,
						rest.accessKeyId,
						rest.accessKeySecret,
					);

					expect(headers.authorization).toBe(official);
					expect(headers['x-acs-content-sha256']).toBe(payloadHash);
					expect(headers['x-acs-security-token']).toBe(rest.securityToken?.trim() || undefined);
					expect(headers['content-type']).toBe(contentType?.trim() || undefined);
				},
			),
			{ seed, ...RUNS },
		);
	};

	it('V3 GET: 1,000 random requests', () => v3Case('GET', 201));
	it('V3 POST: 1,000 random requests', () => v3Case('POST', 202));
});
