/**
 * The Huawei Cloud LakeFormation node and the IAM credential, run as workflow JSON through
 * n8n-core's WorkflowExecute against the emulator (IAM + LakeFormation) over loopback HTTP.
 * AK/SK signatures are checked there with Huawei's official signer.
 */
import { everythingSaid, HUAWEI_NODE, packageHarness, workflowWith } from './support';

import { startEmulator, type Emulator } from './emulator/server';
import type { N8nHarness } from './harness';

const PASSWORD = { id: 'hw-password', name: 'Huawei password' };
const TOKEN = { id: 'hw-token', name: 'Huawei token' };
const AKSK = { id: 'hw-aksk', name: 'Huawei AK/SK' };
const TEMP_AKSK = { id: 'hw-temp-aksk', name: 'Huawei temporary AK/SK' };
const WRONG_PASSWORD = { id: 'hw-wrong', name: 'Huawei wrong password' };
type CredentialRef = typeof PASSWORD;

const REGION = 'cn-north-4';

let emulator: Emulator;
let harness: N8nHarness;
let pastedToken: string;

beforeAll(async () => {
	emulator = await startEmulator({ huawei: { readinessDelayMs: 300, failNamePattern: /doomed/ } });
});
afterAll(async () => {
	await emulator.close();
});
beforeEach(() => {
	emulator.reset();
	harness = packageHarness();
	pastedToken = emulator.huawei.issueToken(REGION);
	const add = (ref: CredentialRef, data: Record<string, string>) =>
		harness.addCredential({
			...ref,
			type: 'huaweiCloudIamApi',
			data: {
				region: REGION,
				projectId: '',
				iamEndpoint: emulator.huaweiUrl,
				lakeFormationEndpoint: emulator.huaweiUrl,
				session: '',
				sessionProjectId: '',
				sessionExpiresAt: '',
				...data,
			},
		});
	const user = { domainName: 'emulator-account', userName: 'emulator-user' };
	add(PASSWORD, { authType: 'password', ...user, password: 'emulator-password' });
	add(WRONG_PASSWORD, { authType: 'password', ...user, password: 'not-the-password' });
	add(TOKEN, { authType: 'token', token: pastedToken });
	add(AKSK, { authType: 'accessKey', accessKey: 'EMULATORAKEXAMPLE001', secretKey: 'emulator-sk-secret' });
	add(TEMP_AKSK, {
		authType: 'accessKey',
		accessKey: 'EMULATORTEMPAKEXAMPL',
		secretKey: 'emulator-temp-sk-secret',
		securityToken: 'emulator-security-token',
	});
});

function lf(
	parameters: Record<string, unknown>,
	credential: CredentialRef = PASSWORD,
	onError?: 'continueRegularOutput' | 'continueErrorOutput',
) {
	return workflowWith({
		type: HUAWEI_NODE,
		parameters: { resource: 'instance', ...parameters },
		credentials: { huaweiCloudIamApi: credential },
		onError,
	});
}

const create = (extra: Record<string, unknown> = {}) => ({
	operation: 'create',
	name: 'lf_instance_01',
	chargeMode: 'postPaid',
	shared: true,
	...extra,
});
const requests = (operation: string) => emulator.requestsFor({ cloud: 'huawei', operation });
const tokenRequests = () => requests('KeystoneCreateUserTokenByPassword');
const creates = () => requests('CreateLakeFormationInstance');
const instances = () => emulator.huawei.state().instances;

describe('Create', () => {
	it('sends the documented body (booleans as booleans, empty optionals left out) and outputs the 202 response', async () => {
		const result = await harness.run(
			lf(
				create({
					specs: { spec: [{ spec_code: 'lakeformation.unit.basic.qps', stride_num: 5, product_id: '' }] },
					additionalFields: {
						description: 'n8n test',
						enterprise_project_id: '',
						tags: { tag: [{ key: 'env', value: 'test' }, { key: 'team' }] },
					},
				}),
			),
		);

		expect(result.error).toBeUndefined();
		expect(JSON.parse(creates()[0].body)).toEqual({
			name: 'lf_instance_01',
			charge_mode: 'postPaid',
			description: 'n8n test',
			shared: true,
			specs: [{ spec_code: 'lakeformation.unit.basic.qps', stride_num: 5 }],
			tags: [{ key: 'env', value: 'test' }, { key: 'team' }],
		});
		const [item] = result.output('Cloud');
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toMatchObject({
			instance_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
			name: 'lf_instance_01',
			shared: true,
			status: 'RESOURCE_PREPARATION',
			charge_mode: 'postPaid',
			in_recycle_bin: false,
		});
	});

	it('sends charge_info for prePaid, truncating a fractional period, and leaves it out for postPaid', async () => {
		const chargeInfo = { period_type: 'YEAR', period_num: 2.7, is_auto_renew: true, is_auto_pay: false };
		await harness.run(lf(create({ name: 'prepaid-1', chargeMode: 'prePaid', chargeInfo })));
		await harness.run(lf(create({ name: 'postpaid-1', chargeMode: 'postPaid', chargeInfo })));

		const [prePaid, postPaid] = creates().map((request) => JSON.parse(request.body));
		expect(prePaid.charge_info).toEqual({ period_type: 'YEAR', period_num: 2, is_auto_renew: true, is_auto_pay: false });
		expect(postPaid.charge_info).toBeUndefined();
	});

	it('waits until the instance is RUNNING when asked to', async () => {
		const result = await harness.run(
			lf(create({ createOptions: { waitUntilReady: true, pollInterval: 0.1, waitTimeout: 1 } })),
		);

		expect(result.error).toBeUndefined();
		expect(result.json('Cloud')[0].status).toBe('RUNNING');
		expect(requests('ShowLakeFormationInstance').length).toBeGreaterThanOrEqual(1);
	});

	it('fails clearly when the instance ends in RESOURCE_PREPARATION_FAIL', async () => {
		const result = await harness.run(
			lf(create({ name: 'doomed-lake', createOptions: { waitUntilReady: true, pollInterval: 0.1, waitTimeout: 1 } })),
		);

		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toMatch(/did not become ready: its status is RESOURCE_PREPARATION_FAIL \(RESOURCE_PREPARATION_FAIL\)$/);
	});

	it('fails clearly when the instance is not ready within the wait timeout', async () => {
		const slow = await startEmulator({ huawei: { readinessDelayMs: 60_000 } });
		try {
			harness.addCredential({
				...PASSWORD,
				type: 'huaweiCloudIamApi',
				data: { ...harness.getCredentialData(PASSWORD.id), iamEndpoint: slow.huaweiUrl, lakeFormationEndpoint: slow.huaweiUrl, session: '' },
			});

			const started = Date.now();
			const result = await harness.run(
				lf(create({ createOptions: { waitUntilReady: true, pollInterval: 0.2, waitTimeout: 0.01 } })),
			);

			expect(result.error?.message).toMatch(/was still RESOURCE_PREPARATION \(\d+%\) when the wait timed out \(WaitTimeout\)$/);
			expect(result.error?.description).toContain('The instance exists');
			expect(Date.now() - started).toBeLessThan(5_000);
		} finally {
			await slow.close();
		}
	});

	describe('If an Instance With This Name Exists', () => {
		it('Return the Existing Instance: a workflow run twice creates one instance', async () => {
			const workflow = lf(create({ createOptions: { ifNameExists: 'returnExisting' } }));
			const first = await harness.run(workflow);
			const second = await harness.run(workflow);

			expect(second.error).toBeUndefined();
			expect(second.json('Cloud')[0].instance_id).toBe(first.json('Cloud')[0].instance_id);
			expect(creates()).toHaveLength(1);
			expect(instances()).toHaveLength(1);
		});

		it('finds the exact name beyond the first page of loosely matching names', async () => {
			await harness.run(lf(create({ name: 'dup-name' })));
			await harness.run(lf(create({ name: '={{ "dup-name-" + $json.n }}' })), {
				inputItems: Array.from({ length: 105 }, (_, n) => ({ n })),
			});

			const result = await harness.run(lf(create({ name: 'dup-name', createOptions: { ifNameExists: 'returnExisting' } })));

			expect(result.error).toBeUndefined();
			expect(result.json('Cloud')[0].name).toBe('dup-name');
			expect(creates()).toHaveLength(106);
			expect(requests('ListLakeFormationInstances').map((request) => request.query.offset)).toEqual(['0', '100']);
		});

		it('Fail: the item fails, naming the existing instance', async () => {
			await harness.run(lf(create()));
			const result = await harness.run(lf(create({ createOptions: { ifNameExists: 'fail' } })));

			expect(result.error?.message).toMatch(/^An instance named "lf_instance_01" exists already \([0-9a-f-]{36}\) \[item 0\]$/);
			expect(creates()).toHaveLength(1);
		});

		it('Create Anyway: no lookup, a second instance', async () => {
			await harness.run(lf(create()));
			await harness.run(lf(create({ createOptions: { ifNameExists: 'create' } })));

			expect(requests('ListLakeFormationInstances')).toHaveLength(0);
			expect(instances()).toHaveLength(2);
		});
	});

	describe('an ambiguous failure is never resent blindly', () => {
		it('without a name policy: fails, saying the instance may exist', async () => {
			emulator.injectFault({ kind: 'reset', operation: 'CreateLakeFormationInstance', processed: true });

			const result = await harness.run(lf(create()));

			expect(result.error?.description).toContain('may have been created');
			expect(creates()).toHaveLength(1);
			expect(instances()).toHaveLength(1);
		});

		it('with Return the Existing Instance: looks the name up and returns the instance that was created', async () => {
			emulator.injectFault({ kind: 'gateway-timeout', operation: 'CreateLakeFormationInstance', processed: true });

			const result = await harness.run(lf(create({ createOptions: { ifNameExists: 'returnExisting' } })));

			expect(result.error).toBeUndefined();
			expect(result.json('Cloud')[0].instance_id).toBe(instances()[0].instance_id);
			expect(creates()).toHaveLength(1);
			expect(instances()).toHaveLength(1);
		});

		it('with Return the Existing Instance: does not send it again when the lookup finds nothing (it may still appear)', async () => {
			emulator.injectFault({ kind: 'reset', operation: 'CreateLakeFormationInstance', processed: false });

			const result = await harness.run(lf(create({ createOptions: { ifNameExists: 'returnExisting' } })));

			expect(result.error?.description).toContain('may have been created');
			expect(result.error?.description).toContain('No instance named "lf_instance_01" exists yet, but it may still appear.');
			expect(creates()).toHaveLength(1);
			// one lookup before creating, one after the ambiguous failure
			expect(requests('ListLakeFormationInstances')).toHaveLength(2);
		});
	});
});

describe('Get, Get Many, Update, Delete, Recover', () => {
	async function createOne(name: string, extra: Record<string, unknown> = {}): Promise<string> {
		const result = await harness.run(lf(create({ name, ...extra })));
		return String(result.json('Cloud')[0].instance_id);
	}

	it('gets an instance, with the X-request-id when asked', async () => {
		const id = await createOne('get-me');

		const result = await harness.run(lf({ operation: 'get', instanceId: id, includeRequestId: true }));

		expect(result.json('Cloud')).toEqual([
			expect.objectContaining({ instance_id: id, name: 'get-me', x_request_id: expect.stringMatching(/^[0-9a-f]{32}$/) }),
		]);
	});

	it('lists one item per instance, with a Limit or all of them through offset/limit pages', async () => {
		await harness.run(lf(create({ name: '={{ "bulk-" + $json.n }}' })), {
			inputItems: Array.from({ length: 120 }, (_, n) => ({ n })),
		});

		const limited = await harness.run(lf({ operation: 'getAll', returnAll: false, limit: 7 }));
		const all = await harness.run(lf({ operation: 'getAll', returnAll: true }));

		expect(limited.json('Cloud')).toHaveLength(7);
		expect(all.json('Cloud')).toHaveLength(120);
		expect(new Set(all.json('Cloud').map((instance) => instance.instance_id)).size).toBe(120);
		expect(all.output('Cloud').every((item) => JSON.stringify(item.pairedItem) === '{"item":0}')).toBe(true);
		const pages = requests('ListLakeFormationInstances').slice(1).map((request) => request.query);
		expect(pages).toEqual([
			expect.objectContaining({ offset: '0', limit: '100' }),
			expect.objectContaining({ offset: '100', limit: '100' }),
		]);
	});

	it('filters by name, enterprise project, tags and recycle bin', async () => {
		await createOne('tagged-one', { additionalFields: { tags: { tag: [{ key: 'env', value: 'prod' }] }, enterprise_project_id: 'ep-1' } });
		await createOne('tagged-two', { additionalFields: { tags: { tag: [{ key: 'env', value: 'dev' }] } } });
		const binned = await createOne('binned');
		await harness.run(lf({ operation: 'delete', instanceId: binned, toRecycleBin: true }));

		const names = async (filters: Record<string, unknown>) =>
			(await harness.run(lf({ operation: 'getAll', returnAll: true, filters }))).json('Cloud').map((i) => i.name);

		expect(await names({ name: 'tagged-two' })).toEqual(['tagged-two']);
		expect(await names({ enterprise_project_id: 'ep-1' })).toEqual(['tagged-one']);
		expect(await names({ tags: { tag: [{ key: 'env', value: 'prod' }] } })).toEqual(['tagged-one']);
		expect(await names({ in_recycle_bin: true })).toEqual(['binned']);
	});

	it('updates the name and description', async () => {
		const id = await createOne('before');

		const result = await harness.run(
			lf({ operation: 'update', instanceId: id, updateFields: { name: 'after', description: 'renamed' } }),
		);

		expect(result.error).toBeUndefined();
		expect(JSON.parse(requests('UpdateLakeFormationInstance')[0].body)).toEqual({ name: 'after', description: 'renamed' });
		expect(emulator.huawei.instance(id)).toMatchObject({ name: 'after', description: 'renamed' });
	});

	it('deletes to the recycle bin, recovers, and deletes for good', async () => {
		const id = await createOne('round-trip');

		const binned = await harness.run(lf({ operation: 'delete', instanceId: id, toRecycleBin: true }));
		expect(binned.error).toBeUndefined();
		expect(emulator.huawei.instance(id)).toMatchObject({ inRecycleBin: true });

		const recovered = await harness.run(lf({ operation: 'recover', instanceId: id }));
		expect(recovered.error).toBeUndefined();
		expect(emulator.huawei.instance(id)).toMatchObject({ inRecycleBin: false });

		const gone = await harness.run(lf({ operation: 'delete', instanceId: id, toRecycleBin: false }));
		expect(gone.json('Cloud')[0]).toMatchObject({ instance_id: id });
		expect(requests('DeleteLakeFormationInstance').map((request) => request.query.to_recycle_bin)).toEqual(['true', 'false']);
	});
});

describe('the IAM credential', () => {
	it('obtains the token once: 5 items × 3 executions → 1 token request', async () => {
		for (let run = 0; run < 3; run++) {
			const result = await harness.run(lf(create({ name: `={{ "run${run}-item" + $json.n }}` })), {
				inputItems: Array.from({ length: 5 }, (_, n) => ({ n })),
			});
			expect(result.error).toBeUndefined();
		}

		expect(tokenRequests()).toHaveLength(1);
		expect(creates()).toHaveLength(15);
		expect(harness.getCredentialData(PASSWORD.id)).toMatchObject({
			session: expect.any(String),
			sessionProjectId: emulator.huawei.projectId(REGION),
			sessionExpiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
		});
	});

	it('obtains the token once even with 10 concurrent requests', async () => {
		const result = await harness.run(lf(create({ name: '={{ "parallel-" + $json.n }}', requestOptions: { maxConcurrency: 10 } })), {
			inputItems: Array.from({ length: 20 }, (_, n) => ({ n })),
		});

		expect(result.error).toBeUndefined();
		expect(tokenRequests()).toHaveLength(1);
		expect(result.output('Cloud').map((item) => item.pairedItem)).toEqual(Array.from({ length: 20 }, (_, item) => ({ item })));
		expect(result.json('Cloud').map((instance) => instance.name)).toEqual(Array.from({ length: 20 }, (_, n) => `parallel-${n}`));
	});

	it('a token that expires mid-run is obtained again once, and every item succeeds', async () => {
		const local = await startEmulator({
			huawei: { readinessDelayMs: 300 },
			onRequest: (entry) => {
				// the token expires right after the third create
				if (entry.operation === 'CreateLakeFormationInstance' && entry.status === 202) {
					if (local.requestsFor({ operation: 'CreateLakeFormationInstance' }).filter((r) => r.status === 202).length === 3) {
						local.huawei.expireAllTokens();
					}
				}
			},
		});
		try {
			harness.addCredential({
				...PASSWORD,
				type: 'huaweiCloudIamApi',
				data: {
					authType: 'password',
					domainName: 'emulator-account',
					userName: 'emulator-user',
					password: 'emulator-password',
					region: REGION,
					iamEndpoint: local.huaweiUrl,
					lakeFormationEndpoint: local.huaweiUrl,
					session: '',
				},
			});

			const result = await harness.run(lf(create({ name: '={{ "expiring-" + $json.n }}' })), {
				inputItems: Array.from({ length: 6 }, (_, n) => ({ n })),
			});

			expect(result.error).toBeUndefined();
			expect(result.json('Cloud')).toHaveLength(6);
			expect(local.requestsFor({ operation: 'KeystoneCreateUserTokenByPassword' })).toHaveLength(2);
			const statuses = local.requestsFor({ operation: 'CreateLakeFormationInstance' }).map((r) => r.status);
			expect(statuses).toEqual([202, 202, 202, 401, 202, 202, 202]);
			expect(local.huawei.state().instances).toHaveLength(6);
		} finally {
			await local.close();
		}
	});

	it('a wrong password fails with IAM\'s message and stores nothing', async () => {
		const result = await harness.run(lf(create(), WRONG_PASSWORD));

		expect(result.error?.message).toContain('IAM answered 401');
		expect(creates()).toHaveLength(0);
		expect(harness.getCredentialData(WRONG_PASSWORD.id).session).toBe('');
	});

	it('uses a pasted token, validated once for its project', async () => {
		await harness.run(lf(create({ name: 'with-token' }), TOKEN));
		const result = await harness.run(lf({ operation: 'getAll', returnAll: true }, TOKEN));

		expect(result.json('Cloud').map((instance) => instance.name)).toEqual(['with-token']);
		expect(requests('KeystoneValidateToken')).toHaveLength(1);
		expect(tokenRequests()).toHaveLength(0);
		expect(creates()[0].headers['x-auth-token']).toBe(pastedToken);
	});

	it.each([
		['a permanent access key', AKSK],
		['a temporary access key with its security token', TEMP_AKSK],
	])('signs with %s (AK/SK), the project looked up in IAM once', async (_, credential) => {
		await harness.run(lf(create({ name: 'signed-1' }), credential));
		const result = await harness.run(lf({ operation: 'getAll', returnAll: true }, credential));

		expect(result.json('Cloud').map((instance) => instance.name)).toEqual(['signed-1']);
		expect(requests('KeystoneListProjects')).toHaveLength(1);
		expect(creates()[0].headers).toMatchObject({
			authorization: expect.stringMatching(/^SDK-HMAC-SHA256 Access=/),
			'x-project-id': emulator.huawei.projectId(REGION),
		});
	});

	it('takes an explicit Project ID over the token\'s: another project is refused with 00000021', async () => {
		harness.addCredential({
			id: 'hw-other-project',
			name: 'other project',
			type: 'huaweiCloudIamApi',
			data: {
				authType: 'password',
				domainName: 'emulator-account',
				userName: 'emulator-user',
				password: 'emulator-password',
				region: REGION,
				projectId: emulator.huawei.projectId('cn-east-3'),
				iamEndpoint: emulator.huaweiUrl,
				lakeFormationEndpoint: emulator.huaweiUrl,
				session: '',
			},
		});

		const result = await harness.run(lf(create(), { id: 'hw-other-project', name: 'other project' }));

		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toContain('(00000021)');
		expect(creates()[0].path).toContain(emulator.huawei.projectId('cn-east-3'));
	});
});

describe('errors from the cloud', () => {
	it('maps the flat LakeFormation body: error_code, error_msg and the X-request-id', async () => {
		const result = await harness.run(lf({ operation: 'get', instanceId: 'no-such-instance' }));

		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.httpCode).toBe('404');
		expect(result.error?.message).toMatch(/\(common\.01000001\)$|\([A-Za-z.0-9]+\)$/);
		expect(result.error?.description).toMatch(/Request ID: [0-9a-f]{32}/);
	});

	it('retries a throttled create (429 APIG.0308) and succeeds', async () => {
		emulator.injectFault({ kind: 'throttle', operation: 'CreateLakeFormationInstance' });

		const result = await harness.run(lf(create()));

		expect(result.error).toBeUndefined();
		expect(creates().map((request) => request.status)).toEqual([429, 202]);
	});

	it('retries reads after 502 and 504, and succeeds', async () => {
		const id = String((await harness.run(lf(create()))).json('Cloud')[0].instance_id);
		emulator.injectFault({ kind: 'bad-gateway', operation: 'ShowLakeFormationInstance' });
		emulator.injectFault({ kind: 'gateway-timeout', operation: 'ShowLakeFormationInstance' });

		const result = await harness.run(lf({ operation: 'get', instanceId: id }));

		expect(result.error).toBeUndefined();
		expect(requests('ShowLakeFormationInstance').map((request) => request.status)).toEqual([502, 504, 200]);
	});

	it('does not resend a create after a 500, and says the instance may exist', async () => {
		emulator.injectFault({ kind: 'internal-error', operation: 'CreateLakeFormationInstance' });

		const result = await harness.run(lf(create()));

		expect(result.error?.httpCode).toBe('500');
		expect(result.error?.message).toContain('(common.00000500)');
		expect(result.error?.description).toContain('may have been created');
		expect(creates()).toHaveLength(1);
	});

	it('reports a malformed body as an invalid response', async () => {
		emulator.injectFault({ kind: 'malformed', operation: 'ListLakeFormationInstances', processed: true });

		const result = await harness.run(lf({ operation: 'getAll', returnAll: true, requestOptions: { maxRetries: 0 } }));

		expect(result.error?.message).toContain('(InvalidResponse)');
	});

	it('with Continue On Fail yields one output or error item per input item', async () => {
		emulator.injectFault({ kind: 'internal-error', operation: 'CreateLakeFormationInstance' });

		const result = await harness.run(lf(create({ name: '={{ $json.name }}' }), PASSWORD, 'continueRegularOutput'), {
			inputItems: [{ name: 'fails-500' }, { name: 'ok-name' }, { name: 'no' }],
		});

		expect(result.error).toBeUndefined();
		const items = result.output('Cloud');
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json).toMatchObject({
			error: expect.stringContaining('(common.00000500)'),
			details: { code: 'common.00000500', httpCode: '500', requestId: expect.stringMatching(/^[0-9a-f]{32}$/) },
		});
		expect(items[1].json).toMatchObject({ name: 'ok-name' });
		expect(items[2].json.error).toMatch(/^Invalid Name: must be 4 to 32 characters/);
	});
});

describe('every documented constraint is checked before sending, naming the field and the item', () => {
	const tags = (count: number) => ({ tag: Array.from({ length: count }, (_, n) => ({ key: `k${n}`, value: 'v' })) });

	it.each([
		['a 3-character name', create({ name: 'abc' }), 'Invalid Name: must be 4 to 32 characters'],
		['a 33-character name', create({ name: 'a'.repeat(33) }), 'Invalid Name: must be 4 to 32 characters'],
		['a name with a space', create({ name: 'lake one' }), 'Invalid Name: must be 4 to 32 characters'],
		['a 256-character description', create({ additionalFields: { description: 'd'.repeat(256) } }), 'Invalid Description: must be at most 255 characters'],
		['an enterprise project ID with _', create({ additionalFields: { enterprise_project_id: 'ep_1' } }), 'Invalid Enterprise Project ID'],
		['a 65-character enterprise project ID', create({ additionalFields: { enterprise_project_id: 'e'.repeat(65) } }), 'Invalid Enterprise Project ID'],
		['21 tags', create({ additionalFields: { tags: tags(21) } }), 'Invalid Tags: Up to 20 tags can be added'],
		['a tag without a key', create({ additionalFields: { tags: { tag: [{ key: '', value: 'v' }] } } }), 'Invalid Key of Tags #1: is required'],
		['a spec without a code', create({ specs: { spec: [{ spec_code: '={{ "" }}', stride_num: 5 }] } }), 'Invalid Spec Code of Specs #1: is required'],
		['a stride num of 4', create({ specs: { spec: [{ spec_code: 'c', stride_num: 4 }] } }), 'Invalid Stride Num of Specs #1: must be at least 5'],
		['a fractional stride num', create({ specs: { spec: [{ spec_code: 'c', stride_num: 5.5 }] } }), 'Invalid Stride Num of Specs #1: must be a whole number'],
		['prePaid without charge info', create({ chargeMode: 'prePaid', chargeInfo: {} }), 'Invalid Period Type: must be MONTH or YEAR'],
		['10 months', create({ chargeMode: 'prePaid', chargeInfo: { period_type: 'MONTH', period_num: 10 } }), 'Invalid Period Num: must be 1 to 9 when Period Type is MONTH'],
		['4 years', create({ chargeMode: 'prePaid', chargeInfo: { period_type: 'YEAR', period_num: 4 } }), 'Invalid Period Num: must be 1 to 3 when Period Type is YEAR'],
		['0 months', create({ chargeMode: 'prePaid', chargeInfo: { period_type: 'MONTH', period_num: 0 } }), 'Invalid Period Num: must be 1 to 9 when Period Type is MONTH'],
		['an unknown charge mode', create({ chargeMode: '={{ "monthly" }}' }), 'Invalid Charge Mode: must be postPaid or prePaid'],
		['an update without fields', { operation: 'update', instanceId: 'i', updateFields: {} }, 'Invalid input: add at least a Name or a Description to update'],
		['an update to a bad name', { operation: 'update', instanceId: 'i', updateFields: { name: 'x' } }, 'Invalid Name: must be 4 to 32 characters'],
		['an empty instance ID', { operation: 'get', instanceId: '={{ "" }}' }, 'Invalid Instance ID: is required'],
		['a Limit of 0', { operation: 'getAll', returnAll: false, limit: 0 }, 'Invalid Limit: must be a whole number of at least 1'],
	])('%s', async (_, parameters, message) => {
		const result = await harness.run(lf(parameters));

		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toContain(message);
		expect(result.error?.message).toContain('[item 0]');
		expect(emulator.requests).toHaveLength(0);
	});

	it('accepts every boundary the docs allow', async () => {
		const result = await harness.run(
			lf(
				create({
					name: '={{ $json.name }}',
					chargeMode: 'prePaid',
					chargeInfo: { period_type: 'MONTH', period_num: 9 },
					specs: { spec: [{ spec_code: 'c', stride_num: 5 }] },
					additionalFields: { description: 'd'.repeat(255), enterprise_project_id: 'e'.repeat(64), tags: tags(20) },
				}),
			),
			{ inputItems: [{ name: 'abcd' }, { name: 'A'.repeat(32) }, { name: 'a-b_c' }] },
		);

		expect(result.error).toBeUndefined();
		expect(creates()).toHaveLength(3);
	});
});

it('never shows the password, the IAM token, the pasted token or the SK in output, errors or logs', async () => {
	const runs = [
		await harness.run(lf(create({ name: 'secret-1' }))),
		await harness.run(lf(create({ name: 'secret-1' }))), // duplicate name is fine for the API
		await harness.run(lf(create(), WRONG_PASSWORD)),
		await harness.run(lf(create({ name: 'secret-2' }), TOKEN)),
		await harness.run(lf(create({ name: 'secret-3' }), TEMP_AKSK)),
		await harness.run(lf({ operation: 'get', instanceId: 'nope' }, AKSK)),
		await harness.run(lf(create({ name: 'x' }), AKSK, 'continueRegularOutput')),
	];
	emulator.injectFault({ kind: 'reset', operation: 'CreateLakeFormationInstance' });
	runs.push(await harness.run(lf(create({ name: 'secret-4' }))));

	const iamToken = String(harness.getCredentialData(PASSWORD.id).session);
	expect(iamToken.length).toBeGreaterThan(10);
	const secrets = [
		'emulator-password',
		'not-the-password',
		iamToken,
		pastedToken,
		'emulator-sk-secret',
		'emulator-temp-sk-secret',
		'emulator-security-token',
	];
	for (const result of runs) {
		const said = everythingSaid(result, harness);
		for (const secret of secrets) expect(said).not.toContain(secret);
	}
});
