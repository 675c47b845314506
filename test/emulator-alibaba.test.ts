/**
 * The Alibaba side of the emulator, driven over real HTTP by clients that sign with the
 * official `@alicloud/openapi-util` signer.
 */
import { startEmulator, type Emulator } from './emulator/server';
import {
	alibabaTimestamp,
	call,
	callAlibabaRpc,
	send,
	signAlibabaAcs3,
	signAlibabaRpc,
	type AlibabaCredentials,
	type AlibabaRpcInput,
} from './emulator/clients';
import { alibabaAcs3Authorization, alibabaRpcSignature } from './emulator/signatures';

const KEY: AlibabaCredentials = { accessKeyId: 'LTAI_EMULATOR_ID', accessKeySecret: 'emulator-secret' };
const STS: AlibabaCredentials = {
	accessKeyId: 'STS.EMULATOR_ID',
	accessKeySecret: 'sts-secret',
	securityToken: 'sts-token',
};

const COMPONENT = {
	operable: 'false',
	max_cu: '8',
	instance_name: 'api-test-9',
	min_cu: '0',
	engine: 'spark',
	region: 'cn-hangzhou',
	app_name: 'xx',
	app_version_name: 'xx',
};

const CREATE = {
	RegionId: 'cn-hangzhou',
	ChargeType: 'POSTPAY',
	InstanceType: 'CU_SPARK',
	Component: JSON.stringify(COMPONENT),
};

const REQUEST_ID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator();
});

afterAll(async () => {
	await emulator.close();
});

beforeEach(() => emulator.reset());

const rpc = (input: Partial<AlibabaRpcInput> & { action?: string }) =>
	callAlibabaRpc({ baseUrl: emulator.alibabaUrl, credentials: KEY, action: 'CreateInstance', ...input });

/** The exact gateway error body. */
function expectGatewayError(body: Record<string, unknown> | undefined, code: string, product = 'openanalytics-open') {
	expect(Object.keys(body ?? {}).sort()).toEqual(['Code', 'HostId', 'Message', 'Recommend', 'RequestId']);
	expect(body?.Code).toBe(code);
	expect(body?.RequestId).toMatch(REQUEST_ID);
	expect(body?.HostId).toBe(new URL(emulator.alibabaUrl).host);
	expect(body?.Recommend).toBe(`https://api.aliyun.com/troubleshoot?q=${code}&product=${product}`);
}

describe('official signer cross-check', () => {
	test('the verification helpers reproduce the reference test vectors', () => {
		const params = {
			AccessKeyId: 'LTAI_TEST_ID',
			Timestamp: '2024-01-02T03:04:05Z',
			SignatureNonce: '0123456789abcdef0123456789abcdef',
			SignatureMethod: 'HMAC-SHA1',
			SignatureVersion: '1.0',
			Format: 'JSON',
			Version: '2018-06-19',
			Action: 'CreateInstance',
			RegionId: 'cn-hangzhou',
			ChargeType: 'POSTPAY',
			InstanceType: 'CU_SPARK',
			Component:
				'{"operable":"false","max_cu":"8","instance_name":"api-test-9","min_cu":"0","engine":"spark","region":"cn-hangzhou","app_name":"xx","app_version_name":"xx"}',
		};
		expect(alibabaRpcSignature(params, 'POST', 'test~secret*+ ')).toBe('M62HSavDZtoRZr5P0KUklNEgShE=');
		expect(alibabaRpcSignature(params, 'GET', 'test~secret*+ ')).toBe('ZCkx/bSsVEvN0E+FgDfTWQvhqcM=');

		const authorization = alibabaAcs3Authorization({
			method: 'POST',
			path: '/',
			query: {},
			signedHeaders: {
				'content-type': 'application/x-www-form-urlencoded',
				host: 'openanalytics.cn-hangzhou.aliyuncs.com',
				'x-acs-action': 'CreateInstance',
				'x-acs-content-sha256': '45762c29b8e552617d7b6a82097166b2ac7d1be0001c1fd84f6f9b3b1929965a',
				'x-acs-date': '2024-01-02T03:04:05Z',
				'x-acs-signature-nonce': '0123456789abcdef0123456789abcdef',
				'x-acs-version': '2018-06-19',
			},
			contentSha256: '45762c29b8e552617d7b6a82097166b2ac7d1be0001c1fd84f6f9b3b1929965a',
			accessKeyId: 'LTAI_TEST_ID',
			secret: 'test~secret*+ ',
		});
		expect(authorization).toBe(
			'ACS3-HMAC-SHA256 Credential=LTAI_TEST_ID,SignedHeaders=content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=5a56740e78b8e94939d5e140c27d6aba4fdf26cdd58c670e851ca9ed28d4ccab',
		);
	});
});

describe('CreateInstance', () => {
	test.each([
		['POST, common parameters in the query, action parameters in the form body', { method: 'POST' as const }],
		['POST, everything in the form body', { method: 'POST' as const, placement: 'body' as const }],
		['GET, everything in the query', { method: 'GET' as const }],
	])('RPC signature: %s', async (_label, input) => {
		const answer = await rpc({ params: CREATE, ...input });
		expect(answer.status).toBe(200);
		expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
		expect(Object.keys(answer.body ?? {})).toEqual(['RequestId', 'Success', 'Result', 'ErrorCode', 'ErrorInfo']);
		expect(answer.body).toMatchObject({ Success: true, Result: 'success', ErrorCode: '', ErrorInfo: '' });
		expect(answer.body?.RequestId).toMatch(REQUEST_ID);

		const [instance] = emulator.alibaba.liveInstances();
		expect(instance.instanceId).toMatch(/^dla-[a-z0-9]{24}$/);
		expect(instance).toMatchObject({
			regionId: 'cn-hangzhou',
			instanceType: 'CU_SPARK',
			instanceName: 'api-test-9',
			status: 'RUNNING',
			component: COMPONENT,
		});
		expect(emulator.requests).toHaveLength(1);
		expect(emulator.requests[0]).toMatchObject({ cloud: 'alibaba', operation: 'CreateInstance', status: 200 });
	});

	test('ACS3-HMAC-SHA256 signature with a form body, long-term and STS keys', async () => {
		for (const credentials of [KEY, STS]) {
			const answer = await send(
				signAlibabaAcs3({ baseUrl: emulator.alibabaUrl, credentials, action: 'CreateInstance', form: CREATE }),
			);
			expect(answer.status).toBe(200);
			expect(answer.body).toMatchObject({ Success: true });
		}
		expect(emulator.alibaba.liveInstances()).toHaveLength(2);
	});

	test('ACS3 with the parameters in the query', async () => {
		const answer = await send(
			signAlibabaAcs3({ baseUrl: emulator.alibabaUrl, credentials: KEY, action: 'CreateInstance', query: CREATE }),
		);
		expect(answer.status).toBe(200);
	});

	test('a duplicate instance_name is accepted (the doc documents no such error)', async () => {
		expect((await rpc({ params: CREATE })).status).toBe(200);
		expect((await rpc({ params: CREATE })).status).toBe(200);
		expect(emulator.alibaba.findByName('api-test-9')).toHaveLength(2);
	});

	test.each([
		['ChargeType', 'MissingParameter', /"ChargeType"/],
		['Component', 'MissingParameter', /"Component"/],
		['InstanceType', 'MissingParameter', /"InstanceType"/],
		['RegionId', 'MissingParameter', /"RegionId"/],
	])('without %s → 400 %s', async (name, code, message) => {
		const params: Record<string, string> = { ...CREATE };
		delete params[name];
		const answer = await rpc({ params });
		expect(answer.status).toBe(400);
		expectGatewayError(answer.body, code);
		expect(answer.body?.Message).toMatch(message);
		expect(emulator.alibaba.instances.size).toBe(0);
	});

	test.each([
		['ChargeType PREPAY', { ChargeType: 'PREPAY' }, /POSTPAY/],
		['InstanceType CU_HIVE', { InstanceType: 'CU_HIVE' }, /CU_SPARK, CU_PRESTO/],
		['RegionId as the display name', { RegionId: 'China (Beijing)' }, /not a region ID/],
		['Component not JSON', { Component: 'operable=false' }, /JSON string/],
		['Component a JSON array', { Component: '[]' }, /JSON object/],
		['Component without keys', { Component: JSON.stringify({ operable: 'false', max_cu: '8' }) }, /missing keys: instance_name, min_cu, engine, region, app_name, app_version_name/],
		['Component with an object value', { Component: JSON.stringify({ ...COMPONENT, engine: { name: 'spark' } }) }, /"engine"/],
		['Component min_cu > max_cu', { Component: JSON.stringify({ ...COMPONENT, min_cu: '9' }) }, /min_cu must not exceed max_cu/],
		['Component max_cu not a number', { Component: JSON.stringify({ ...COMPONENT, max_cu: 'eight' }) }, /whole numbers/],
	])('%s → 400 InvalidParameter', async (_label, change, message) => {
		const answer = await rpc({ params: { ...CREATE, ...change } });
		expect(answer.status).toBe(400);
		expectGatewayError(answer.body, 'InvalidParameter');
		expect(answer.body?.Message).toMatch(message);
	});

	test('numbers and booleans in Component are accepted too', async () => {
		const component = { ...COMPONENT, max_cu: 16, min_cu: 2, operable: true };
		const answer = await rpc({ params: { ...CREATE, Component: JSON.stringify(component) } });
		expect(answer.status).toBe(200);
	});

	test('without Format=JSON the answer is XML, as the real RPC default', async () => {
		const answer = await rpc({ params: CREATE, format: null });
		expect(answer.status).toBe(200);
		expect(answer.headers.get('content-type')).toMatch(/^text\/xml/);
		expect(answer.text).toMatch(/^<\?xml .*<CreateInstanceResponse><RequestId>[0-9A-F-]{36}<\/RequestId><Success>true<\/Success>/);
	});
});

describe('ReleaseInstance', () => {
	test('releases a live instance once, then 404 Openanalytics.NotFound.Exception', async () => {
		await rpc({ params: CREATE });
		const [instance] = emulator.alibaba.liveInstances();
		const release = () => rpc({ action: 'ReleaseInstance', params: { InstanceId: instance.instanceId, RegionId: 'cn-hangzhou' } });

		const first = await release();
		expect(first.status).toBe(200);
		expect(first.body).toMatchObject({ Success: true, Result: 'success', ErrorCode: '', ErrorInfo: '' });
		expect(emulator.alibaba.instances.get(instance.instanceId)?.status).toBe('RELEASED');
		expect(emulator.alibaba.liveInstances()).toHaveLength(0);

		const second = await release();
		expect(second.status).toBe(404);
		expectGatewayError(second.body, 'Openanalytics.NotFound.Exception');
		expect(second.body?.Message).toBe('The specified instance does not exist.');
	});

	test('an unknown instance → 404; no InstanceId → 400 MissingParameter', async () => {
		const unknown = await rpc({ action: 'ReleaseInstance', params: { InstanceId: 'dla-3qntmdtbqklsbsmceuxxxx' } });
		expect(unknown.status).toBe(404);
		expectGatewayError(unknown.body, 'Openanalytics.NotFound.Exception');
		const none = await rpc({ action: 'ReleaseInstance', params: {} });
		expect(none.status).toBe(400);
		expectGatewayError(none.body, 'MissingParameter');
	});
});

describe('GetCallerIdentity (STS 2015-04-01)', () => {
	test('long-term key → RAMUser, STS key → AssumedRoleUser', async () => {
		const user = await rpc({ action: 'GetCallerIdentity', version: '2015-04-01', method: 'GET' });
		expect(user.status).toBe(200);
		expect(user.body).toMatchObject({ AccountId: '1234567890123456', IdentityType: 'RAMUser', Arn: 'acs:ram::1234567890123456:user/emulator-user' });
		expect(Object.keys(user.body ?? {}).sort()).toEqual(['AccountId', 'Arn', 'IdentityType', 'PrincipalId', 'RequestId', 'UserId']);

		const role = await rpc({ action: 'GetCallerIdentity', version: '2015-04-01', credentials: STS });
		expect(role.status).toBe(200);
		expect(role.body).toMatchObject({ IdentityType: 'AssumedRoleUser', Arn: 'acs:ram::1234567890123456:assumed-role/emulator-role/emulator-session' });
	});

	test('errors name the Sts product in Recommend', async () => {
		const answer = await rpc({ action: 'GetCallerIdentity', version: '2015-04-01', credentials: { ...KEY, accessKeySecret: 'wrong' } });
		expectGatewayError(answer.body, 'SignatureDoesNotMatch', 'Sts');
	});
});

describe('authentication', () => {
	test('unknown AccessKeyId → 404 InvalidAccessKeyId.NotFound', async () => {
		const answer = await rpc({ params: CREATE, credentials: { accessKeyId: 'LTAI_NOBODY', accessKeySecret: 'x' } });
		expect(answer.status).toBe(404);
		expectGatewayError(answer.body, 'InvalidAccessKeyId.NotFound');
	});

	test('wrong secret or a tampered parameter → 400 SignatureDoesNotMatch', async () => {
		const wrongSecret = await rpc({ params: CREATE, credentials: { ...KEY, accessKeySecret: 'not-the-secret' } });
		expect(wrongSecret.status).toBe(400);
		expectGatewayError(wrongSecret.body, 'SignatureDoesNotMatch');

		const signed = signAlibabaRpc({ baseUrl: emulator.alibabaUrl, credentials: KEY, action: 'CreateInstance', params: CREATE, method: 'GET' });
		const tampered = await call(signed.url.replace('CU_SPARK', 'CU_PRESTO'));
		expect(tampered.status).toBe(400);
		expectGatewayError(tampered.body, 'SignatureDoesNotMatch');
		expect(emulator.alibaba.instances.size).toBe(0);
	});

	test('a timestamp 16 minutes off → 400 InvalidTimeStamp.Expired; a badly formatted one → InvalidTimeStamp.Format', async () => {
		for (const offset of [-16, 16]) {
			const timestamp = alibabaTimestamp(new Date(Date.now() + offset * 60_000));
			const answer = await rpc({ params: CREATE, timestamp });
			expect(answer.status).toBe(400);
			expectGatewayError(answer.body, 'InvalidTimeStamp.Expired');
		}
		const withMillis = await rpc({ params: CREATE, timestamp: new Date().toISOString() });
		expectGatewayError(withMillis.body, 'InvalidTimeStamp.Format');
		const acs3 = await send(
			signAlibabaAcs3({
				baseUrl: emulator.alibabaUrl,
				credentials: KEY,
				action: 'CreateInstance',
				form: CREATE,
				date: alibabaTimestamp(new Date(Date.now() - 20 * 60_000)),
			}),
		);
		expectGatewayError(acs3.body, 'InvalidTimeStamp.Expired');
	});

	test('a reused SignatureNonce → 400 SignatureNonceUsed (RPC and ACS3)', async () => {
		expect((await rpc({ params: CREATE, nonce: 'nonce-1' })).status).toBe(200);
		const again = await rpc({ params: { ...CREATE, RegionId: 'cn-beijing' }, nonce: 'nonce-1' });
		expect(again.status).toBe(400);
		expectGatewayError(again.body, 'SignatureNonceUsed');

		const acs3 = () =>
			send(signAlibabaAcs3({ baseUrl: emulator.alibabaUrl, credentials: KEY, action: 'CreateInstance', form: CREATE, nonce: 'nonce-2' }));
		expect((await acs3()).status).toBe(200);
		expectGatewayError((await acs3()).body, 'SignatureNonceUsed');
		expect(emulator.alibaba.instances.size).toBe(2);
	});

	test('STS key: missing token → MissingSecurityToken, wrong token → InvalidSecurityToken.MismatchWithAccessKey', async () => {
		const missing = await rpc({ params: CREATE, credentials: { ...STS, securityToken: undefined } });
		expect(missing.status).toBe(400);
		expectGatewayError(missing.body, 'MissingSecurityToken');

		const wrong = await rpc({ params: CREATE, credentials: { ...STS, securityToken: 'other-token' } });
		expect(wrong.status).toBe(400);
		expectGatewayError(wrong.body, 'InvalidSecurityToken.MismatchWithAccessKey');

		const acs3 = await send(
			signAlibabaAcs3({ baseUrl: emulator.alibabaUrl, credentials: { ...STS, securityToken: 'other-token' }, action: 'CreateInstance', form: CREATE }),
		);
		expectGatewayError(acs3.body, 'InvalidSecurityToken.MismatchWithAccessKey');

		const tokenOnLongTermKey = await rpc({ params: CREATE, credentials: { ...KEY, securityToken: 'sts-token' } });
		expectGatewayError(tokenOnLongTermKey.body, 'InvalidSecurityToken.Malformed');
	});

	test('ACS3: body not matching x-acs-content-sha256, an unsigned x-acs header, a malformed Authorization', async () => {
		const signed = signAlibabaAcs3({ baseUrl: emulator.alibabaUrl, credentials: KEY, action: 'CreateInstance', form: CREATE });
		const tamperedBody = await call(signed.url, { ...signed.init, body: String(signed.init.body).replace('CU_SPARK', 'CU_PRESTO') });
		expect(tamperedBody.status).toBe(400);
		expectGatewayError(tamperedBody.body, 'SignatureDoesNotMatch');

		const extraHeader = await call(signed.url, { ...signed.init, headers: { ...signed.init.headers, 'x-acs-extra': '1' } });
		expect(extraHeader.status).toBe(400);
		expectGatewayError(extraHeader.body, 'IncompleteSignature');

		const malformed = await call(signed.url, { ...signed.init, headers: { ...signed.init.headers, authorization: 'ACS3-HMAC-SHA256 nonsense' } });
		expectGatewayError(malformed.body, 'IncompleteSignature');
		expect(emulator.alibaba.instances.size).toBe(0);
	});

	test('unknown action → 404 InvalidAction.NotFound; wrong version → 400 InvalidVersion', async () => {
		const action = await rpc({ action: 'DescribeInstances', params: {} });
		expect(action.status).toBe(404);
		expectGatewayError(action.body, 'InvalidAction.NotFound');

		const version = await rpc({ version: '2019-01-01', params: CREATE });
		expect(version.status).toBe(400);
		expectGatewayError(version.body, 'InvalidVersion');
	});
});

describe('faults (Alibaba rendering)', () => {
	test.each([
		['throttle', 400, 'Throttling.User'],
		['internal-error', 500, 'InternalError'],
		['unavailable', 503, 'ServiceUnavailable'],
		['bad-gateway', 502, 'BadGateway'],
		['gateway-timeout', 504, 'ServiceTimeout'],
	] as const)('%s → %i %s, not executed', async (kind, status, code) => {
		emulator.injectFault({ kind, cloud: 'alibaba', operation: 'CreateInstance' });
		const answer = await rpc({ params: CREATE });
		expect(answer.status).toBe(status);
		expectGatewayError(answer.body, code);
		expect(emulator.alibaba.instances.size).toBe(0);
		expect(emulator.requests[0]).toMatchObject({ operation: 'CreateInstance', status, fault: kind });
		expect((await rpc({ params: CREATE })).status).toBe(200);
	});

	test('business-failure → 200 with Success false and ErrorCode 600', async () => {
		emulator.injectFault({ kind: 'business-failure', operation: 'CreateInstance' });
		const answer = await rpc({ params: CREATE });
		expect(answer.status).toBe(200);
		expect(answer.body).toMatchObject({ Success: false, ErrorCode: '600', ErrorInfo: 'An internal error occurred.' });
		expect(answer.body?.RequestId).toMatch(REQUEST_ID);
		expect(emulator.alibaba.instances.size).toBe(0);
	});

	test('times, operation filter, and overrides', async () => {
		emulator.injectFault({ kind: 'throttle', operation: 'ReleaseInstance', times: 2, code: 'Throttling.Api', message: 'slow down' });
		expect((await rpc({ params: CREATE })).status).toBe(200);
		const id = emulator.alibaba.liveInstances()[0].instanceId;
		const release = () => rpc({ action: 'ReleaseInstance', params: { InstanceId: id } });
		const first = await release();
		expect(first.body).toMatchObject({ Code: 'Throttling.Api', Message: 'slow down' });
		expect((await release()).status).toBe(400);
		expect((await release()).status).toBe(200);
		expect(emulator.faults.pending()).toHaveLength(0);
	});

	test('processed: true → the instance exists although the client saw a 504', async () => {
		emulator.injectFault({ kind: 'gateway-timeout', processed: true });
		expect((await rpc({ params: CREATE })).status).toBe(504);
		expect(emulator.alibaba.liveInstances()).toHaveLength(1);
	});

	test('reset: no response; processed decides whether the instance exists', async () => {
		emulator.injectFault({ kind: 'reset', operation: 'CreateInstance' });
		await expect(rpc({ params: CREATE })).rejects.toThrow();
		expect(emulator.alibaba.instances.size).toBe(0);

		emulator.injectFault({ kind: 'reset', operation: 'CreateInstance', processed: true });
		await expect(rpc({ params: CREATE })).rejects.toThrow();
		expect(emulator.alibaba.instances.size).toBe(1);
		expect(emulator.requests.map((entry) => entry.fault)).toEqual(['reset', 'reset']);
		expect(emulator.requests[0].status).toBeUndefined();
	});

	test('malformed: 200 with a truncated JSON body (processed by default)', async () => {
		emulator.injectFault({ kind: 'malformed' });
		const answer = await rpc({ params: CREATE });
		expect(answer.status).toBe(200);
		expect(answer.body).toBeUndefined();
		expect(answer.text.startsWith('{"RequestId":"')).toBe(true);
		expect(emulator.alibaba.instances.size).toBe(1);
	});

	test('slow: answers normally after the delay; latencyMs delays every answer', async () => {
		emulator.injectFault({ kind: 'slow', ms: 120 });
		let started = Date.now();
		expect((await rpc({ params: CREATE })).status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(110);

		emulator.latencyMs = 60;
		started = Date.now();
		expect((await rpc({ action: 'GetCallerIdentity', version: '2015-04-01' })).status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(50);
		emulator.reset();
		expect(emulator.latencyMs).toBe(0);
	});

	test('a fault for the other cloud does not apply here', async () => {
		emulator.injectFault({ kind: 'internal-error', cloud: 'huawei' });
		expect((await rpc({ params: CREATE })).status).toBe(200);
		expect(emulator.faults.pending()).toHaveLength(1);
	});

	test('invalid specs are refused', () => {
		expect(() => emulator.injectFault({ kind: 'slow' })).toThrow(/ms/);
		expect(() => emulator.injectFault({ kind: 'business-failure', cloud: 'huawei' })).toThrow(/alibaba/);
		expect(() => emulator.injectFault({ kind: 'throttle', times: 0 })).toThrow(/times/);
	});
});

describe('control API and request log', () => {
	test('faults, state, requests and reset over HTTP', async () => {
		const control = (method: string, path: string, body?: unknown) =>
			call(`${emulator.alibabaUrl}/__emulator/${path}`, {
				method,
				headers: { 'content-type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body),
			});

		const queued = await control('POST', 'faults', { kind: 'unavailable', operation: 'CreateInstance' });
		expect(queued.status).toBe(201);
		expect((await control('POST', 'faults', { kind: 'nonsense' })).status).toBe(400);
		expect((await rpc({ params: CREATE })).status).toBe(503);
		expect((await rpc({ params: CREATE })).status).toBe(200);

		const state = await control('GET', 'state');
		const instances = (state.body?.alibaba as { instances: Array<{ instanceId: string }> }).instances;
		expect(instances).toHaveLength(1);
		expect(instances[0].instanceId).toMatch(/^dla-/);

		const log = await control('GET', 'requests?operation=CreateInstance');
		const requests = log.body?.requests as Array<{ status: number; headers: Record<string, string>; body: string }>;
		expect(requests.map((entry) => entry.status)).toEqual([503, 200]);
		expect(requests[0].body).toContain('ChargeType=POSTPAY');

		expect((await control('POST', 'reset')).status).toBe(200);
		expect(emulator.requests).toHaveLength(0);
		expect(emulator.alibaba.instances.size).toBe(0);
		expect((await control('GET', 'nothing-here')).status).toBe(404);
	});

	test('an unknown path is logged with operation Unknown and answered as a missing action', async () => {
		const answer = await call(`${emulator.alibabaUrl}/`);
		expect(answer.status).toBe(400);
		expect(answer.text).toContain('MissingParameter');
		expect(emulator.requests[0].operation).toBe('Unknown');
	});
});
