/**
 * The Huawei side of the emulator (IAM + LakeFormation), driven over real HTTP with IAM
 * tokens and with AK/SK requests signed by the official `AKSKSigner`.
 */
import { startEmulator, type Emulator } from './emulator/server';
import {
	call,
	callWithToken,
	huaweiDate,
	requestHuaweiToken,
	send,
	signHuawei,
	type HttpAnswer,
	type HuaweiKey,
} from './emulator/clients';
import { huaweiAuthorization } from './emulator/signatures';

const USER = { domainName: 'emulator-account', userName: 'emulator-user', password: 'emulator-password' };
const KEY: HuaweiKey = { accessKey: 'EMULATORAKEXAMPLE001', secretKey: 'emulator-sk-secret' };
const TEMP_KEY: HuaweiKey = {
	accessKey: 'EMULATORTEMPAKEXAMPL',
	secretKey: 'emulator-temp-sk-secret',
	securityToken: 'emulator-security-token',
};
const READY_MS = 400;

const TABLE_8_KEYS = [
	'instance_id',
	'name',
	'description',
	'enterprise_project_id',
	'shared',
	'default_instance',
	'create_time',
	'update_time',
	'status',
	'resource_progress',
	'resource_expected_duration',
	'in_recycle_bin',
	'tags',
	'specs',
	'charge_mode',
];
const LF_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+00:00$/;

let emulator: Emulator;
let projectId: string;
let token: string;

beforeAll(async () => {
	emulator = await startEmulator({ huawei: { readinessDelayMs: READY_MS } });
	projectId = emulator.huawei.projectId('cn-north-4');
});

afterAll(async () => {
	await emulator.close();
});

beforeEach(() => {
	emulator.reset();
	token = emulator.huawei.issueToken('cn-north-4');
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const path = (suffix = '') => `/v1/${projectId}/instances${suffix}`;
/** A LakeFormation call with the test's token (`null`: no X-Auth-Token at all). */
const lf = (method: string, suffix = '', body?: unknown, withToken: string | null = token) =>
	callWithToken(emulator.huaweiUrl, withToken ?? undefined, method, path(suffix), body);
const create = (body: Record<string, unknown> = {}) =>
	lf('POST', '', { name: 'lf_instance_01', charge_mode: 'postPaid', shared: true, ...body });
const aksk = (input: { method: string; suffix?: string; body?: unknown; query?: Record<string, string>; key?: HuaweiKey; project?: string; date?: string }) =>
	send(
		signHuawei({
			baseUrl: emulator.huaweiUrl,
			key: input.key ?? KEY,
			method: input.method,
			path: path(input.suffix),
			query: input.query,
			body: input.body,
			projectId: input.project ?? projectId,
			date: input.date,
		}),
	);

function expectError(answer: HttpAnswer, status: number, code: string) {
	expect(answer.status).toBe(status);
	expect(answer.body?.error_code).toBe(code);
	expect(typeof answer.body?.error_msg).toBe('string');
	expect(answer.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
}

describe('official signer cross-check', () => {
	test('the verification helper reproduces the reference vector on the raw body bytes', () => {
		const authorization = huaweiAuthorization({
			method: 'POST',
			host: 'lakeformation.cn-north-4.myhuaweicloud.com',
			path: '/v1/0123456789abcdef0123456789abcdef/instances',
			query: {},
			signedHeaders: {
				'content-type': 'application/json',
				'x-project-id': '0123456789abcdef0123456789abcdef',
				'x-sdk-date': '20240101T000000Z',
			},
			rawBody: Buffer.from(
				'{"name":"lf_instance_01","charge_mode":"postPaid","shared":true,"description":"n8n test","specs":[{"spec_code":"lakeformation.unit.basic.qps","stride_num":5}],"tags":[{"key":"env","value":"test"}]}',
			),
			accessKey: 'AKTESTEXAMPLE0000001',
			secretKey: 'SKTESTEXAMPLEsecretsecretsecretsecret0001',
		});
		expect(authorization).toBe(
			'SDK-HMAC-SHA256 Access=AKTESTEXAMPLE0000001, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=f81ede1e79e141d4515e0872238f03a06b843de8ee1fcba3cb7907652266646d',
		);
	});
});

describe('IAM', () => {
	test('password token scoped by project name → 201 with X-Subject-Token and the token body', async () => {
		const answer = await requestHuaweiToken(emulator.huaweiUrl, USER, { name: 'cn-north-4' });
		expect(answer.status).toBe(201);
		expect(answer.token).toMatch(/^MII/);
		const body = answer.body?.token as Record<string, unknown>;
		expect(body).toMatchObject({
			methods: ['password'],
			project: { id: projectId, name: 'cn-north-4', domain: { name: 'emulator-account' } },
			user: { name: 'emulator-user', domain: { name: 'emulator-account' } },
		});
		expect(body.expires_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
		expect(Date.parse(String(body.expires_at)) - Date.parse(String(body.issued_at))).toBe(24 * 3600 * 1000);
		expect(body.catalog).toBeUndefined();
		expect(emulator.requestsFor({ operation: 'KeystoneCreateUserTokenByPassword' })).toHaveLength(1);
	});

	test('scope by project ID; without nocatalog the catalog is included', async () => {
		const answer = await requestHuaweiToken(emulator.huaweiUrl, USER, { id: projectId }, '');
		expect(answer.status).toBe(201);
		expect(answer.body?.token).toMatchObject({ project: { name: 'cn-north-4' } });
		expect((answer.body?.token as { catalog: unknown[] }).catalog.length).toBeGreaterThan(0);
	});

	test('wrong password or user → 401 in IAM shape; unknown project → 400', async () => {
		for (const user of [{ ...USER, password: 'nope' }, { ...USER, userName: 'ghost' }, { ...USER, domainName: 'other' }]) {
			const answer = await requestHuaweiToken(emulator.huaweiUrl, user, { name: 'cn-north-4' });
			expect(answer.status).toBe(401);
			expect(answer.body).toEqual({
				error: { code: 401, message: 'The username or password is wrong.', title: 'Unauthorized' },
			});
			expect(answer.token).toBeNull();
		}
		const project = await requestHuaweiToken(emulator.huaweiUrl, USER, { name: 'eu-west-0' });
		expect(project.status).toBe(400);
		expect(project.body?.error).toMatchObject({ code: 400, title: 'Bad Request' });
	});

	test('a domain-scoped token cannot call LakeFormation (403 00000021)', async () => {
		const domainToken = await requestHuaweiToken(emulator.huaweiUrl, USER, 'domain');
		expect(domainToken.status).toBe(201);
		expectError(await lf('GET', '', undefined, domainToken.token ?? ''), 403, '00000021');
	});

	test('GET /v3/projects?name= with a token or an AK/SK signature; 401 without', async () => {
		const withToken = await call(`${emulator.huaweiUrl}/v3/projects?name=cn-north-4`, { headers: { 'x-auth-token': token } });
		expect(withToken.status).toBe(200);
		expect(withToken.body?.projects).toEqual([
			expect.objectContaining({ id: projectId, name: 'cn-north-4', domain_id: expect.stringMatching(/^[0-9a-f]{32}$/), enabled: true }),
		]);

		const signed = await send(signHuawei({ baseUrl: emulator.huaweiUrl, key: KEY, method: 'GET', path: '/v3/projects', query: { name: 'cn-north-4' } }));
		expect(signed.status).toBe(200);
		expect((signed.body?.projects as unknown[]).length).toBe(1);

		const all = await call(`${emulator.huaweiUrl}/v3/projects`, { headers: { 'x-auth-token': token } });
		expect((all.body?.projects as unknown[]).length).toBe(9);

		const none = await call(`${emulator.huaweiUrl}/v3/projects?name=cn-north-4`);
		expect(none.status).toBe(401);
		expect(none.body?.error).toMatchObject({ code: 401, title: 'Unauthorized' });
	});

	test('GET /v3/auth/tokens validates a token', async () => {
		const valid = await call(`${emulator.huaweiUrl}/v3/auth/tokens`, { headers: { 'x-auth-token': token, 'x-subject-token': token } });
		expect(valid.status).toBe(200);
		expect(valid.headers.get('x-subject-token')).toBe(token);
		expect(valid.body?.token).toMatchObject({ project: { id: projectId } });

		const other = emulator.huawei.issueToken('cn-east-3');
		emulator.huawei.tokens.get(other)!.expiresAt = Date.now() - 1;
		const expired = await call(`${emulator.huaweiUrl}/v3/auth/tokens`, { headers: { 'x-auth-token': token, 'x-subject-token': other } });
		expect(expired.status).toBe(404);
	});
});

describe('LakeFormation authentication', () => {
	test('no X-Auth-Token → 403 in the nested shape of the seed', async () => {
		const answer = await lf('GET', '', undefined, null);
		expect(answer.status).toBe(403);
		expect(answer.body).toEqual({
			error: { code: '403', message: 'X-Auth-Token is invalid in the request', error_code: null, error_msg: null, title: 'Forbidden' },
			error_code: '403',
			error_msg: 'X-Auth-Token is invalid in the request',
			title: 'Forbidden',
		});
	});

	test('unknown token → 401 APIG.1002; expired → 401 APIG.0307; other project → 403 00000021', async () => {
		expectError(await lf('GET', '', undefined, 'MIIforged'), 401, 'APIG.1002');

		const otherProject = emulator.huawei.issueToken('cn-east-3');
		expectError(await lf('GET', '', undefined, otherProject), 403, '00000021');

		emulator.huawei.expireAllTokens();
		expectError(await lf('GET'), 401, 'APIG.0307');
	});

	test('a token expires after tokenLifetimeMs; a fresh token works again', async () => {
		emulator.huawei.tokenLifetimeMs = 80;
		const short = await requestHuaweiToken(emulator.huaweiUrl, USER, { name: 'cn-north-4' });
		expect((await lf('GET', '', undefined, short.token ?? '')).status).toBe(200);
		await sleep(100);
		expectError(await lf('GET', '', undefined, short.token ?? ''), 401, 'APIG.0307');
		const fresh = await requestHuaweiToken(emulator.huaweiUrl, USER, { name: 'cn-north-4' });
		expect((await lf('GET', '', undefined, fresh.token ?? '')).status).toBe(200);
		expect(emulator.requestsFor({ operation: 'KeystoneCreateUserTokenByPassword' })).toHaveLength(2);
	});

	test('AK/SK: permanent and temporary keys', async () => {
		const created = await aksk({ method: 'POST', body: { name: 'aksk_instance', charge_mode: 'postPaid', shared: false } });
		expect(created.status).toBe(202);
		const listed = await aksk({ method: 'GET', key: TEMP_KEY, query: { limit: '5' } });
		expect(listed.status).toBe(200);
		expect(listed.body?.total).toBe(1);
		const shown = await aksk({ method: 'GET', suffix: `/${String(created.body?.instance_id)}` });
		expect(shown.body?.name).toBe('aksk_instance');
	});

	test('AK/SK failures → 401 APIG.0301 (or 403 00000021 for the project)', async () => {
		expectError(await aksk({ method: 'GET', key: { ...KEY, secretKey: 'wrong' } }), 401, 'APIG.0301');
		expectError(await aksk({ method: 'GET', key: { ...KEY, accessKey: 'UNKNOWNAK' } }), 401, 'APIG.0301');
		expectError(await aksk({ method: 'GET', date: huaweiDate(new Date(Date.now() - 16 * 60_000)) }), 401, 'APIG.0301');
		expectError(await aksk({ method: 'GET', key: { ...TEMP_KEY, securityToken: undefined } }), 401, 'APIG.0301');
		expectError(await aksk({ method: 'GET', key: { ...TEMP_KEY, securityToken: 'other' } }), 401, 'APIG.0301');
		expectError(await aksk({ method: 'GET', project: '' }), 401, 'APIG.0301');
		expectError(await aksk({ method: 'GET', project: emulator.huawei.projectId('cn-east-3') }), 403, '00000021');

		const signed = signHuawei({
			baseUrl: emulator.huaweiUrl,
			key: KEY,
			method: 'POST',
			path: path(),
			body: { name: 'signed_name', charge_mode: 'postPaid', shared: true },
			projectId,
		});
		const tampered = await call(signed.url, { ...signed.init, body: String(signed.init.body).replace('signed_name', 'other_name') });
		expectError(tampered, 401, 'APIG.0301');
		expect(tampered.body?.error_msg).toMatch(/verify aksk signature fail/);
		expect(emulator.huawei.instances.size).toBe(0);
	});
});

describe('LakeFormation instances', () => {
	test('create → 202 with the fields of Table 8, RESOURCE_PREPARATION → RUNNING', async () => {
		const created = await create({
			description: 'n8n test',
			tags: [{ key: 'env', value: 'test' }],
			specs: [{ spec_code: 'lakeformation.unit.basic.qps', stride_num: 5 }],
		});
		expect(created.status).toBe(202);
		expect(created.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
		expect(Object.keys(created.body ?? {})).toEqual(TABLE_8_KEYS);
		expect(created.body).toMatchObject({
			name: 'lf_instance_01',
			description: 'n8n test',
			enterprise_project_id: '0',
			shared: true,
			default_instance: true,
			status: 'RESOURCE_PREPARATION',
			resource_expected_duration: 1,
			in_recycle_bin: false,
			tags: [{ key: 'env', value: 'test' }],
			specs: [{ spec_code: 'lakeformation.unit.basic.qps', stride_num: 5 }],
			charge_mode: 'postPaid',
		});
		expect(created.body?.instance_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		expect(created.body?.create_time).toMatch(LF_TIME);
		expect(created.body?.resource_progress).toBeGreaterThanOrEqual(0);

		const id = String(created.body?.instance_id);
		await sleep(READY_MS + 20);
		const shown = await lf('GET', `/${id}`);
		expect(shown.status).toBe(200);
		expect(shown.body?.status).toBe('RUNNING');
		expect(shown.body).not.toHaveProperty('resource_progress');
		expect(shown.body?.update_time).toMatch(LF_TIME);
	});

	test('without specs the default specs of the seed example are shown; the second instance is not default', async () => {
		const first = await create();
		expect(first.body?.specs).toEqual([
			{ spec_code: 'lakeformation.unit.basic.metadata', stride_num: 0 },
			{ spec_code: 'lakeformation.unit.basic.apiinvoke', stride_num: 0 },
		]);
		const second = await create({ name: 'lf_instance_02' });
		expect(second.body?.default_instance).toBe(false);
	});

	test('failure mode: failNextCreate and failNamePattern → RESOURCE_PREPARATION_FAIL', async () => {
		emulator.huawei.failNextCreate();
		const failing = await create({ name: 'will_fail' });
		const fine = await create({ name: 'will_run' });
		emulator.huawei.failNamePattern = /^broken/;
		const broken = await create({ name: 'broken_one' });
		await sleep(READY_MS + 20);
		const status = async (answer: HttpAnswer) => (await lf('GET', `/${String(answer.body?.instance_id)}`)).body?.status;
		expect(await status(failing)).toBe('RESOURCE_PREPARATION_FAIL');
		expect(await status(fine)).toBe('RUNNING');
		expect(await status(broken)).toBe('RESOURCE_PREPARATION_FAIL');
	});

	test.each([
		['shared as the string "true" (the seed example)', 'common.01000001', { shared: 'true' }],
		['name a number', 'common.01000001', { name: 1234 }],
		['specs not an array', 'common.01000001', { specs: { spec_code: 'x', stride_num: 5 } }],
		['stride_num a string', 'common.01000001', { specs: [{ spec_code: 'x', stride_num: '5' }] }],
		['tags an array of strings', 'common.01000001', { tags: ['env'] }],
		['name missing', 'common.00000400', { name: undefined }],
		['name too short', 'common.00000400', { name: 'abc' }],
		['name too long', 'common.00000400', { name: 'a'.repeat(33) }],
		['name with a dot', 'common.00000400', { name: 'lf.instance' }],
		['charge_mode missing', 'common.00000400', { charge_mode: undefined }],
		['charge_mode unknown', 'common.00000400', { charge_mode: 'onDemand' }],
		['shared missing', 'common.00000400', { shared: undefined }],
		['description too long', 'common.00000400', { description: 'd'.repeat(256) }],
		['enterprise_project_id with an underscore', 'common.00000400', { enterprise_project_id: 'ep_1' }],
		['enterprise_project_id too long', 'common.00000400', { enterprise_project_id: 'e'.repeat(65) }],
		['21 tags', 'common.00000400', { tags: Array.from({ length: 21 }, (_, i) => ({ key: `k${i}` })) }],
		['a tag without key', 'common.00000400', { tags: [{ value: 'v' }] }],
		['a spec without spec_code', 'common.00000400', { specs: [{ stride_num: 5 }] }],
		['stride_num 4', 'common.00000400', { specs: [{ spec_code: 'x', stride_num: 4 }] }],
		['prePaid without charge_info', 'common.00000400', { charge_mode: 'prePaid' }],
		['prePaid with period_type DAY', 'common.00000400', { charge_mode: 'prePaid', charge_info: { period_type: 'DAY', period_num: 1 } }],
		['prePaid MONTH 10', 'common.00000400', { charge_mode: 'prePaid', charge_info: { period_type: 'MONTH', period_num: 10 } }],
		['prePaid YEAR 4', 'common.00000400', { charge_mode: 'prePaid', charge_info: { period_type: 'YEAR', period_num: 4 } }],
	])('%s → 400 %s', async (_label, code, change) => {
		const answer = await create(change);
		expectError(answer, 400, code);
		expect(emulator.huawei.instances.size).toBe(0);
	});

	test('valid edge values: 4 and 32 characters, prePaid YEAR 3 and MONTH 9.7 (truncated), 20 tags', async () => {
		for (const body of [
			{ name: 'abcd' },
			{ name: 'a'.repeat(32), tags: Array.from({ length: 20 }, (_, i) => ({ key: `k${i}` })) },
			{ charge_mode: 'prePaid', charge_info: { period_type: 'YEAR', period_num: 3 } },
			{ charge_mode: 'prePaid', charge_info: { period_type: 'MONTH', period_num: 9.7 } },
		]) {
			expect((await create(body)).status).toBe(202);
		}
	});

	test('a body that is not JSON → 400 common.01000001', async () => {
		expectError(await lf('POST', '', '{"name":'), 400, 'common.01000001');
	});

	test('show / update / delete of an unknown instance → 404 with a LakeFormation body', async () => {
		const missing = '2180518f-42b8-4947-b20b-adfc53981a25';
		for (const [method, body] of [['GET'], ['PUT', { name: 'renamed' }], ['DELETE']] as const) {
			const answer = await lf(method, `/${missing}${method === 'DELETE' ? '?to_recycle_bin=false' : ''}`, body);
			expectError(answer, 404, 'common.01000001');
			expect(answer.body?.error_msg).toBe('response status exception, code: 404');
		}
	});

	test('update → 200 with the new name and description', async () => {
		const id = String((await create()).body?.instance_id);
		const updated = await lf('PUT', `/${id}`, { name: 'renamed_instance', description: 'new text' });
		expect(updated.status).toBe(200);
		expect(updated.body).toMatchObject({ instance_id: id, name: 'renamed_instance', description: 'new text' });
		expect(updated.body).toHaveProperty('tags');
		expectError(await lf('PUT', `/${id}`, { name: 'x' }), 400, 'common.00000400');
		expectError(await lf('PUT', `/${id}`, { description: 'no name' }), 400, 'common.00000400');
	});

	test('recycle bin: delete to the bin, list it, recover, delete for good', async () => {
		const id = String((await create()).body?.instance_id);
		await sleep(READY_MS + 20);

		const binned = await lf('DELETE', `/${id}?to_recycle_bin=true`);
		expect(binned.status).toBe(202);
		expect(binned.text).toBe('');
		const inBin = await lf('GET', `/${id}`);
		expect(inBin.body).toMatchObject({ in_recycle_bin: true, status: 'FROZEN_RELEASABLE' });
		expect((await lf('GET', '?in_recycle_bin=false')).body?.total).toBe(0);
		expect((await lf('GET', '?in_recycle_bin=true')).body?.total).toBe(1);
		expectError(await lf('DELETE', `/${id}?to_recycle_bin=true`), 400, 'common.00000400');
		expectError(await lf('POST', `/${id}/default`), 400, 'common.00000400');

		expect((await lf('POST', `/${id}/recover`)).status).toBe(200);
		expect((await lf('GET', `/${id}`)).body).toMatchObject({ in_recycle_bin: false, status: 'RUNNING' });
		expectError(await lf('POST', `/${id}/recover`), 400, 'common.00000400');
		expectError(await lf('DELETE', `/${id}?to_recycle_bin=maybe`), 400, 'common.01000001');

		expect((await lf('DELETE', `/${id}?to_recycle_bin=false`)).status).toBe(202);
		expectError(await lf('GET', `/${id}`), 404, 'common.01000001');
		expect(emulator.huawei.instances.size).toBe(0);
	});

	test('set default: only a RUNNING instance; the previous default loses the flag', async () => {
		const first = String((await create({ name: 'first' })).body?.instance_id);
		const second = String((await create({ name: 'second' })).body?.instance_id);
		expectError(await lf('POST', `/${second}/default`), 400, 'common.00000400');
		await sleep(READY_MS + 20);
		const answer = await lf('POST', `/${second}/default`);
		expect(answer.status).toBe(200);
		expect((await lf('GET', `/${second}`)).body?.default_instance).toBe(true);
		expect((await lf('GET', `/${first}`)).body?.default_instance).toBe(false);
	});

	test('list: filters, pagination and total', async () => {
		// every instance must still be preparing when the status filter is checked, however slow the machine
		emulator.huawei.readinessDelayMs = 60_000;
		for (let i = 0; i < 12; i++) {
			await create({
				name: `inst_${String(i).padStart(2, '0')}`,
				tags: [{ key: 'env', value: i % 2 === 0 ? 'prod' : 'test' }, ...(i < 3 ? [{ key: 'team' }] : [])],
				...(i === 5 ? { enterprise_project_id: 'ep-5' } : {}),
			});
		}
		const list = async (query: string) => {
			const answer = await lf('GET', query);
			expect(answer.status).toBe(200);
			return {
				total: answer.body?.total,
				names: (answer.body?.instances as Array<{ name: string }>).map((instance) => instance.name),
			};
		};
		const all = await list('');
		expect(all.total).toBe(12);
		expect(all.names).toHaveLength(10); // the documented default limit
		expect(all.names[0]).toBe('inst_11'); // newest first

		const page = await list('?offset=10&limit=5');
		expect(page).toEqual({ total: 12, names: ['inst_01', 'inst_00'] });
		expect((await list('?offset=2&limit=3')).names).toEqual(['inst_09', 'inst_08', 'inst_07']);

		expect((await list('?name=inst_0')).total).toBe(10);
		expect((await list('?name=inst_11')).names).toEqual(['inst_11']);
		expect((await list('?tags=env%3Dprod')).total).toBe(6);
		expect((await list(`?tags=${encodeURIComponent('[{"key":"env","value":"test"},{"key":"team"}]')}`)).names).toEqual(['inst_01']);
		expect((await list('?tags=team')).total).toBe(3);
		expect((await list('?enterprise_project_id=ep-5')).names).toEqual(['inst_05']);
		expect((await list('?enterprise_project_id=all_granted_eps')).total).toBe(12);
		expect((await list('?status=RUNNING')).total).toBe(0);
		expect((await list('?status=RESOURCE_PREPARATION&limit=1000')).total).toBe(12);

		expectError(await lf('GET', '?limit=0'), 400, 'common.00000400');
		expectError(await lf('GET', '?limit=1001'), 400, 'common.00000400');
		expectError(await lf('GET', '?offset=-1'), 400, 'common.00000400');
		expectError(await lf('GET', '?offset=x'), 400, 'common.01000001');
		expectError(await lf('GET', '?in_recycle_bin=yes'), 400, 'common.01000001');
		expectError(await lf('GET', '?name=ab'), 400, 'common.00000400');
		expectError(await lf('GET', '?status=SLEEPING'), 400, 'common.00000400');
		expectError(await lf('GET', '?tags=%5Bnot-json'), 400, 'common.01000001');
	});

	test('instances of another project are invisible', async () => {
		const id = String((await create()).body?.instance_id);
		const east = emulator.huawei.projectId('cn-east-3');
		const eastToken = emulator.huawei.issueToken('cn-east-3');
		const answer = await callWithToken(emulator.huaweiUrl, eastToken, 'GET', `/v1/${east}/instances/${id}`);
		expectError(answer, 404, 'common.01000001');
		expect((await callWithToken(emulator.huaweiUrl, eastToken, 'GET', `/v1/${east}/instances`)).body?.total).toBe(0);
	});

	test('an unknown API → 404 APIG.0101', async () => {
		expectError(await lf('POST', '/some-id/scale', {}), 404, 'APIG.0101');
		expect(emulator.requests[0].operation).toBe('Unknown');
	});
});

describe('faults (Huawei rendering)', () => {
	test.each([
		['throttle', 429, 'APIG.0308'],
		['internal-error', 500, 'common.00000500'],
		['unavailable', 503, 'common.00000503'],
		['bad-gateway', 502, 'APIG.0202'],
		['gateway-timeout', 504, 'APIG.0203'],
	] as const)('%s → %i %s', async (kind, status, code) => {
		emulator.injectFault({ kind, cloud: 'huawei', operation: 'CreateLakeFormationInstance' });
		expectError(await create(), status, code);
		expect(emulator.huawei.instances.size).toBe(0);
		expect((await create()).status).toBe(202);
	});

	test('IAM token requests can be faulted too', async () => {
		emulator.injectFault({ kind: 'throttle', operation: 'KeystoneCreateUserTokenByPassword' });
		expect((await requestHuaweiToken(emulator.huaweiUrl, USER, { name: 'cn-north-4' })).status).toBe(429);
		expect((await requestHuaweiToken(emulator.huaweiUrl, USER, { name: 'cn-north-4' })).status).toBe(201);
	});

	test('ambiguous create: reset with processed → the instance exists, findable by name', async () => {
		emulator.injectFault({ kind: 'reset', operation: 'CreateLakeFormationInstance', processed: true });
		await expect(create({ name: 'ambiguous' })).rejects.toThrow();
		const found = await lf('GET', '?name=ambiguous');
		expect(found.body?.total).toBe(1);
	});

	test('a 504 with processed: true also leaves the instance behind', async () => {
		emulator.injectFault({ kind: 'gateway-timeout', processed: true });
		expectError(await create(), 504, 'APIG.0203');
		expect(emulator.huawei.instances.size).toBe(1);
	});

	test('malformed → 200 with a truncated body; slow → normal answer after the delay', async () => {
		emulator.injectFault({ kind: 'malformed', operation: 'ListLakeFormationInstances' });
		const malformed = await lf('GET');
		expect(malformed.status).toBe(200);
		expect(malformed.body).toBeUndefined();
		expect(malformed.text.startsWith('{"instances"')).toBe(true);

		emulator.injectFault({ kind: 'slow', ms: 100, cloud: 'huawei' });
		const started = Date.now();
		expect((await lf('GET')).status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(90);
	});
});

describe('control API, notifications and request log', () => {
	test('settings, token expiry and state over HTTP', async () => {
		const control = (method: string, suffix: string, body?: unknown) =>
			call(`${emulator.huaweiUrl}/__emulator/${suffix}`, {
				method,
				headers: { 'content-type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
		const settings = await control('POST', 'settings', { huawei: { readinessDelayMs: 0, failNamePattern: '^bad' } });
		expect(settings.body).toMatchObject({ huawei: { readinessDelayMs: 0, failNamePattern: '^bad' } });
		await create({ name: 'bad_instance' });
		await create({ name: 'good_instance' });
		const state = await control('GET', 'state');
		const statuses = (state.body?.huawei as { instances: Array<{ name: string; status: string; project_id: string }> }).instances;
		expect(statuses.map((instance) => [instance.name, instance.status, instance.project_id])).toEqual([
			['bad_instance', 'RESOURCE_PREPARATION_FAIL', projectId],
			['good_instance', 'RUNNING', projectId],
		]);

		expect((await control('POST', 'huawei/expire-tokens')).status).toBe(200);
		expectError(await lf('GET'), 401, 'APIG.0307');

		expect((await control('POST', 'faults', [{ kind: 'throttle', cloud: 'huawei' }, { kind: 'reset' }])).status).toBe(201);
		expect(((await control('GET', 'faults')).body?.faults as unknown[]).length).toBe(2);
		expect((await control('DELETE', 'faults')).status).toBe(200);
		expect(emulator.faults.pending()).toHaveLength(0);
	});

	test('notifications: any JSON body is stored and listed; reset clears them', async () => {
		const url = `${emulator.huaweiUrl}/__emulator/notifications`;
		const posted = await call(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'instance ready' }) });
		expect(posted.status).toBe(201);
		await call(url, { method: 'POST', body: 'plain text' });
		const listed = await call(url);
		expect((listed.body?.notifications as Array<{ body: unknown }>).map((n) => n.body)).toEqual([{ text: 'instance ready' }, 'plain text']);
		expect(emulator.requests).toHaveLength(0); // control calls are not cloud requests
		emulator.reset();
		expect(emulator.notifications).toHaveLength(0);
	});

	test('the request log records method, path, query, headers, body and operation', async () => {
		await requestHuaweiToken(emulator.huaweiUrl, USER, { name: 'cn-north-4' });
		await create();
		await lf('GET', '?limit=3');
		expect(emulator.requests.map((entry) => entry.operation)).toEqual([
			'KeystoneCreateUserTokenByPassword',
			'CreateLakeFormationInstance',
			'ListLakeFormationInstances',
		]);
		const [tokenRequest, createRequest, listRequest] = emulator.requests;
		expect(tokenRequest).toMatchObject({ cloud: 'huawei', method: 'POST', path: '/v3/auth/tokens', query: { nocatalog: 'true' }, status: 201 });
		expect(createRequest.headers['x-auth-token']).toBe(token);
		expect(JSON.parse(createRequest.body)).toMatchObject({ name: 'lf_instance_01' });
		expect(listRequest.query).toEqual({ limit: '3' });
		expect(emulator.requestsFor({ cloud: 'alibaba' })).toHaveLength(0);
	});
});
