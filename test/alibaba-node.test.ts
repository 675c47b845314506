/**
 * The Alibaba Cloud Data Lake Analytics node, run as workflow JSON through n8n-core's
 * WorkflowExecute against the emulator over loopback HTTP. The emulator checks every signature
 * with Alibaba's official signer.
 */
import { ALIBABA_NODE, everythingSaid, packageHarness, workflowWith } from './support';

import { startEmulator, type Emulator } from './emulator/server';
import type { N8nHarness } from './harness';

const V3 = { id: 'ali-v3', name: 'Alibaba V3' };
const RPC_STS = { id: 'ali-rpc-sts', name: 'Alibaba RPC + STS' };
const WRONG_SECRET = { id: 'ali-wrong', name: 'Alibaba wrong secret' };
const UNKNOWN_KEY = { id: 'ali-unknown', name: 'Alibaba unknown key' };

const EXPECTED_COMPONENT =
	'{"operable":"false","max_cu":"8","instance_name":"api-test-9","min_cu":"0","engine":"spark","region":"cn-hangzhou","app_name":"xx","app_version_name":"xx"}';

let emulator: Emulator;
let harness: N8nHarness;

beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(async () => {
	await emulator.close();
});
beforeEach(() => {
	emulator.reset();
	harness = packageHarness();
	const credential = (id: string, name: string, data: Record<string, string>) =>
		harness.addCredential({ id, name, type: 'alibabaCloudAccessKeyApi', data: { endpoint: emulator.alibabaUrl, ...data } });
	credential(V3.id, V3.name, { accessKeyId: 'LTAI_EMULATOR_ID', accessKeySecret: 'emulator-secret', signatureVersion: 'v3' });
	credential(RPC_STS.id, RPC_STS.name, {
		accessKeyId: 'STS.EMULATOR_ID',
		accessKeySecret: 'sts-secret',
		securityToken: 'sts-token',
		signatureVersion: 'rpc',
	});
	credential(WRONG_SECRET.id, WRONG_SECRET.name, {
		accessKeyId: 'LTAI_EMULATOR_ID',
		accessKeySecret: 'not-the-secret',
		signatureVersion: 'v3',
	});
	credential(UNKNOWN_KEY.id, UNKNOWN_KEY.name, {
		accessKeyId: 'LTAI_NOBODY',
		accessKeySecret: 'whatever',
		signatureVersion: 'rpc',
	});
});

const createFields = {
	resource: 'instance',
	operation: 'create',
	regionId: 'cn-hangzhou',
	instanceType: 'CU_SPARK',
	chargeType: 'POSTPAY',
	componentInput: 'fields',
	instanceName: 'api-test-9',
	engine: 'spark',
	minCu: 0,
	maxCu: 8,
	appName: 'xx',
	appVersionName: 'xx',
	operable: false,
};

function dla(
	parameters: Record<string, unknown>,
	credential = V3,
	onError?: 'continueRegularOutput' | 'continueErrorOutput',
) {
	return workflowWith({
		type: ALIBABA_NODE,
		parameters,
		credentials: { alibabaCloudAccessKeyApi: credential },
		onError,
	});
}

const createRequests = () => emulator.requestsFor({ cloud: 'alibaba', operation: 'CreateInstance' });

describe('Create', () => {
	it('creates an instance from fields, serializing Component exactly as the API reference example (V3 signature)', async () => {
		const result = await harness.run(dla(createFields));

		expect(result.error).toBeUndefined();
		const [item] = result.output('Cloud');
		expect(item.json).toEqual({
			RequestId: expect.stringMatching(/^[0-9A-F-]{36}$/),
			Success: true,
			Result: expect.any(String),
			ErrorCode: expect.any(String),
			ErrorInfo: expect.any(String),
		});
		expect(item.pairedItem).toEqual({ item: 0 });
		const [request] = createRequests();
		expect(request.method).toBe('POST');
		expect(request.headers.authorization).toMatch(/^ACS3-HMAC-SHA256 Credential=LTAI_EMULATOR_ID,/);
		expect(new URLSearchParams(request.body).get('Component')).toBe(EXPECTED_COMPONENT);
		const [instance] = emulator.alibaba.state().instances;
		expect(instance).toMatchObject({ regionId: 'cn-hangzhou', instanceType: 'CU_SPARK' });
	});

	it('creates an instance from Component JSON, signed with RPC HMAC-SHA1 and an STS token', async () => {
		const result = await harness.run(
			dla(
				{
					...createFields,
					instanceType: 'CU_PRESTO',
					componentInput: 'json',
					componentJson: JSON.stringify({
						operable: 'true',
						max_cu: '16',
						instance_name: 'from-json',
						min_cu: '2',
						engine: 'presto',
						region: 'cn-hangzhou',
						app_name: 'app',
						app_version_name: 'v1',
					}),
				},
				RPC_STS,
			),
		);

		expect(result.error).toBeUndefined();
		expect(result.json('Cloud')[0].Success).toBe(true);
		const [request] = createRequests();
		const params = new URLSearchParams(request.body);
		expect(params.get('SignatureMethod')).toBe('HMAC-SHA1');
		expect(params.get('SecurityToken')).toBe('sts-token');
		expect(JSON.parse(params.get('Component') as string)).toEqual({
			operable: 'true',
			max_cu: '16',
			instance_name: 'from-json',
			min_cu: '2',
			engine: 'presto',
			region: 'cn-hangzhou',
			app_name: 'app',
			app_version_name: 'v1',
		});
	});

	it('takes values from expressions over several items, one request and one paired output item each', async () => {
		const result = await harness.run(
			dla({ ...createFields, instanceName: '={{ $json.name }}', maxCu: '={{ $json.max }}' }),
			{ inputItems: [{ name: 'lake-a', max: 4 }, { name: 'lake-b', max: 8 }, { name: 'lake-c', max: 16 }] },
		);

		expect(result.error).toBeUndefined();
		expect(result.output('Cloud').map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		const components = createRequests().map((request) =>
			JSON.parse(new URLSearchParams(request.body).get('Component') as string),
		);
		expect(components.map((component) => [component.instance_name, component.max_cu])).toEqual([
			['lake-a', '4'],
			['lake-b', '8'],
			['lake-c', '16'],
		]);
	});

	it('uses each request\'s own nonce and timestamp, so repeated identical creates are all accepted', async () => {
		const result = await harness.run(dla(createFields, RPC_STS), { inputItems: [{}, {}, {}] });

		expect(result.error).toBeUndefined();
		const nonces = createRequests().map((request) => new URLSearchParams(request.body).get('SignatureNonce'));
		expect(new Set(nonces).size).toBe(3);
	});
});

describe('Release', () => {
	it('releases an instance by its ID', async () => {
		await harness.run(dla(createFields));
		const [instance] = emulator.alibaba.state().instances;

		const result = await harness.run(
			dla({ resource: 'instance', operation: 'release', regionId: 'cn-hangzhou', instanceId: instance.instanceId }),
		);

		expect(result.error).toBeUndefined();
		expect(result.json('Cloud')).toEqual([expect.objectContaining({ Success: true, RequestId: expect.any(String) })]);
		expect(emulator.requestsFor({ operation: 'ReleaseInstance' })).toHaveLength(1);
		expect(emulator.alibaba.state().instances.filter((i) => i.status !== 'RELEASED')).toHaveLength(0);
	});

	it('maps an unknown instance to NodeApiError Openanalytics.NotFound.Exception with the request ID', async () => {
		const result = await harness.run(
			dla({ resource: 'instance', operation: 'release', regionId: 'cn-hangzhou', instanceId: 'dla-doesnotexist' }),
		);

		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toContain('Openanalytics.NotFound.Exception');
		expect(result.error?.httpCode).toBe('404');
		expect(result.error?.description).toMatch(/Request ID: [0-9A-F-]{36}/);
	});
});

describe('errors from the cloud', () => {
	it.each([
		['a wrong secret', WRONG_SECRET, 'SignatureDoesNotMatch', '400'],
		['an unknown AccessKey ID', UNKNOWN_KEY, 'InvalidAccessKeyId.NotFound', '404'],
	])('maps %s to NodeApiError with code, message, request ID and the Recommend link', async (_, credential, code, status) => {
		const result = await harness.run(dla(createFields, credential));

		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toContain(`(${code})`);
		expect(result.error?.httpCode).toBe(status);
		expect(result.error?.description).toMatch(/Request ID: [0-9A-F-]{36}/);
		expect(result.error?.description).toContain('https://api.aliyun.com/troubleshoot?q=' + code);
	});

	it('treats a 200 with Success: false as a failure carrying ErrorCode and ErrorInfo', async () => {
		emulator.injectFault({ kind: 'business-failure', operation: 'CreateInstance' });

		const result = await harness.run(dla(createFields));

		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('An internal error occurred. (600)');
		expect(result.error?.description).toMatch(/Request ID: /);
	});

	it('reports a malformed body as an invalid response', async () => {
		emulator.injectFault({ kind: 'malformed', operation: 'CreateInstance', processed: false });

		const result = await harness.run(dla(createFields));

		expect(result.error?.message).toContain('(InvalidResponse)');
	});

	it('does not resend a create after a 500 (the instance may exist), and says so', async () => {
		emulator.injectFault({ kind: 'internal-error', operation: 'CreateInstance' });

		const result = await harness.run(dla(createFields));

		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.httpCode).toBe('500');
		expect(result.error?.description).toContain('may have been created');
		expect(createRequests()).toHaveLength(1);
	});

	it('does not resend a create whose connection dropped after sending, and says the instance may exist', async () => {
		emulator.injectFault({ kind: 'reset', operation: 'CreateInstance', processed: true });

		const result = await harness.run(dla(createFields));

		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.description).toContain('may have been created');
		expect(createRequests()).toHaveLength(1);
		expect(emulator.alibaba.state().instances).toHaveLength(1);
	});

	it('retries a throttled create and succeeds', async () => {
		emulator.injectFault({ kind: 'throttle', operation: 'CreateInstance' });

		const result = await harness.run(dla(createFields));

		expect(result.error).toBeUndefined();
		expect(createRequests().map((request) => request.status)).toEqual([expect.any(Number), 200]);
		expect(createRequests()[0].fault).toBe('throttle');
		expect(emulator.alibaba.state().instances).toHaveLength(1);
	});
});

describe('Continue On Fail', () => {
	it('yields exactly one output or error item per input item, error items carrying code and request ID', async () => {
		emulator.injectFault({ kind: 'business-failure', operation: 'CreateInstance' });

		const result = await harness.run(
			dla({ ...createFields, instanceName: '={{ $json.name }}', minCu: '={{ $json.min }}' }, V3, 'continueRegularOutput'),
			{ inputItems: [{ name: 'first', min: 0 }, { name: 'second', min: 0 }, { name: 'third', min: 99 }] },
		);

		expect(result.error).toBeUndefined();
		const items = result.output('Cloud');
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json).toEqual({
			error: 'An internal error occurred. (600)',
			details: { code: '600', requestId: expect.any(String), httpCode: '200', description: expect.stringMatching(/^Request ID: /) },
		});
		expect(items[1].json).toMatchObject({ Success: true });
		expect(items[2].json.error).toBe('Invalid Min CU: must not be greater than Max CU [item 2]');
		expect(createRequests()).toHaveLength(2);
	});

	it('sends failed items to the error output when the node has one', async () => {
		const result = await harness.run(
			dla({ ...createFields, minCu: '={{ $json.min }}' }, V3, 'continueErrorOutput'),
			{ inputItems: [{ min: 0 }, { min: 10 }] },
		);

		expect(result.error).toBeUndefined();
		expect(result.json('Cloud', 0)).toHaveLength(1);
		expect(result.json('Cloud', 1)).toEqual([
			expect.objectContaining({ error: 'Invalid Min CU: must not be greater than Max CU [item 1]', details: {} }),
		]);
	});
});

describe('bad input fails before any request, naming the field and the item', () => {
	const componentJson = (component: Record<string, unknown>) => ({
		...createFields,
		componentInput: 'json',
		componentJson: JSON.stringify({
			operable: 'false',
			max_cu: '8',
			instance_name: 'x',
			min_cu: '0',
			engine: 'spark',
			region: 'cn-hangzhou',
			app_name: 'xx',
			app_version_name: 'xx',
			...component,
		}),
	});

	it.each([
		['Min CU above Max CU', { ...createFields, minCu: 9, maxCu: 8 }, 'Invalid Min CU: must not be greater than Max CU'],
		['a negative CU', { ...createFields, minCu: -1 }, 'Invalid Min CU: must not be negative'],
		['a fractional CU', { ...createFields, maxCu: 2.5 }, 'Invalid Max CU: must be a whole number'],
		['a missing instance name', { ...createFields, instanceName: '={{ "" }}' }, 'Invalid Instance Name: is required'],
		['a missing app name', { ...createFields, appName: ' ' }, 'Invalid App Name: is required'],
		['an unknown instance type', { ...createFields, instanceType: '={{ "CU_HIVE" }}' }, 'Invalid Instance Type: must be one of CU_SPARK, CU_PRESTO'],
		['another charge type', { ...createFields, chargeType: '={{ "PREPAY" }}' }, 'Invalid Charge Type: must be POSTPAY'],
		['a region that is not an ID', { ...createFields, regionId: '={{ "China (Beijing)" }}' }, 'Invalid Region ID: must be a region ID such as cn-hangzhou'],
		['invalid Component JSON', { ...createFields, componentInput: 'json', componentJson: '{"operable": ' }, 'Invalid Component (JSON): is not valid JSON'],
		['an unknown Component key', componentJson({ colour: 'blue' }), "Invalid Component: Unrecognized key(s) in object: 'colour'"],
		['a Component key missing', componentJson({ engine: undefined }), 'Invalid Engine: must be one of spark, presto'],
		['a non-numeric CU string', componentJson({ max_cu: 'eight' }), 'Invalid Max CU: must be a number'],
		['a missing Instance ID', { resource: 'instance', operation: 'release', regionId: 'cn-hangzhou', instanceId: '={{ $json.id }}' }, 'Invalid Instance ID: is required'],
	])('%s', async (_, parameters, message) => {
		const result = await harness.run(dla(parameters));

		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toContain(message);
		expect(result.error?.message).toContain('[item 0]');
		expect(emulator.requests).toHaveLength(0);
	});

	it('sends nothing when a later item is invalid', async () => {
		const result = await harness.run(dla({ ...createFields, maxCu: '={{ $json.max }}' }), {
			inputItems: [{ max: 8 }, { max: 8 }, { max: -3 }],
		});

		expect(result.error?.message).toBe('Invalid Max CU: must not be negative [item 2]');
		expect(emulator.requests).toHaveLength(0);
	});
});

it('never shows the AccessKey secret or the STS token in output, errors or logs', async () => {
	const runs = [
		await harness.run(dla(createFields, RPC_STS)),
		await harness.run(dla(createFields, WRONG_SECRET)),
		await harness.run(dla({ ...createFields, minCu: 99 }, RPC_STS, 'continueRegularOutput')),
	];
	emulator.injectFault({ kind: 'reset', operation: 'CreateInstance' });
	runs.push(await harness.run(dla(createFields, RPC_STS)));

	for (const result of runs) {
		const said = everythingSaid(result, harness);
		for (const secret of ['sts-secret', 'sts-token', 'not-the-secret']) expect(said).not.toContain(secret);
	}
});
