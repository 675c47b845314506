/**
 * The two credentials used by other nodes, through n8n-core's real request helpers: the legacy
 * shape of n8n's HTTP Request node (`requestWithAuthentication`: uri, qs, form/body, json) and
 * the current one (`httpRequestWithAuthentication`: baseURL/url, qs, body), including each
 * credential's own "Test" request. The emulator verifies with the official signers.
 */
import { HTTP_TEST_NODE, packageHarness, workflowWith } from './support';

import { AlibabaCloudAccessKeyApi, signAlibabaCloudRequest } from '../credentials/AlibabaCloudAccessKeyApi.credentials';
import { authorizeHuaweiRequest, HuaweiCloudIamApi } from '../credentials/HuaweiCloudIamApi.credentials';
import { startEmulator, type Emulator } from './emulator/server';
import type { N8nHarness } from './harness';

let emulator: Emulator;
let harness: N8nHarness;

beforeAll(async () => {
	emulator = await startEmulator({ huawei: { readinessDelayMs: 300 } });
});
afterAll(async () => {
	await emulator.close();
});
beforeEach(() => {
	emulator.reset();
	harness = packageHarness();
});

function request(credentialType: string, credentialId: string, shape: 'legacy' | 'current', options: object) {
	return workflowWith({
		type: HTTP_TEST_NODE,
		parameters: { credentialType, shape, request: JSON.stringify(options) },
		credentials: { [credentialType]: { id: credentialId, name: credentialId } },
	});
}

describe('Alibaba Cloud AccessKey API', () => {
	const alibaba = (signatureVersion: string, secret = 'emulator-secret') => {
		const id = `ali-${signatureVersion}-${secret}`;
		harness.addCredential({
			id,
			name: id,
			type: 'alibabaCloudAccessKeyApi',
			data: { accessKeyId: 'LTAI_EMULATOR_ID', accessKeySecret: secret, signatureVersion, endpoint: emulator.alibabaUrl },
		});
		return id;
	};
	const component =
		'{"operable":"false","max_cu":"8","instance_name":"from-http-node","min_cu":"0","engine":"spark","region":"cn-hangzhou","app_name":"xx","app_version_name":"xx"}';

	it.each(['v3', 'rpc'])('signs the HTTP Request node\'s form POST (%s)', async (version) => {
		const result = await harness.run(
			request('alibabaCloudAccessKeyApi', alibaba(version), 'legacy', {
				method: 'POST',
				uri: `${emulator.alibabaUrl}/`,
				form: {
					Action: 'CreateInstance',
					Version: '2018-06-19',
					RegionId: 'cn-hangzhou',
					ChargeType: 'POSTPAY',
					InstanceType: 'CU_SPARK',
					Component: component,
				},
				json: true,
			}),
		);

		expect(result.error).toBeUndefined();
		expect(result.json('Cloud')[0]).toMatchObject({ Success: true });
		expect(emulator.alibaba.state().instances).toHaveLength(1);
	});

	it.each(['v3', 'rpc'])('signs the HTTP Request node\'s GET with query parameters (%s)', async (version) => {
		const result = await harness.run(
			request('alibabaCloudAccessKeyApi', alibaba(version), 'legacy', {
				method: 'GET',
				uri: `${emulator.alibabaUrl}/`,
				qs: { Action: 'GetCallerIdentity', Version: '2015-04-01' },
				json: true,
			}),
		);

		expect(result.error).toBeUndefined();
		expect(result.json('Cloud')[0]).toMatchObject({ AccountId: expect.any(String), Arn: expect.any(String) });
	});

	it.each(['v3', 'rpc'])('passes its own Test request with the endpoint override (%s), and fails it with a wrong secret', async (version) => {
		const { test } = new AlibabaCloudAccessKeyApi();
		expect(test.request.baseURL).toContain('$credentials.endpoint');
		const testRequest = { ...test.request, baseURL: emulator.alibabaUrl };

		const good = await harness.run(request('alibabaCloudAccessKeyApi', alibaba(version), 'current', testRequest));
		const bad = await harness.run(request('alibabaCloudAccessKeyApi', alibaba(version, 'wrong'), 'current', testRequest));

		expect(good.error).toBeUndefined();
		expect(emulator.requestsFor({ operation: 'GetCallerIdentity' }).map((r) => r.status)).toEqual([200, 400]);
		expect(bad.error).toBeDefined();
	});

	it.each(['rpc', 'v3'])('re-signs its own output with a fresh nonce (n8n re-authenticates before resending) (%s)', async (signatureVersion) => {
		const credentials = { accessKeyId: 'LTAI_EMULATOR_ID', accessKeySecret: 'emulator-secret', signatureVersion };
		const first = await signAlibabaCloudRequest(credentials, {
			method: 'POST',
			url: `${emulator.alibabaUrl}/`,
			body: { Action: 'GetCallerIdentity', Version: '2015-04-01' },
		});
		const second = await signAlibabaCloudRequest(credentials, first);

		for (const signed of [first, second]) {
			const response = await fetch(signed.url, {
				method: 'POST',
				headers: signed.headers as Record<string, string>,
				body: signed.body as string,
			});
			expect(response.status).toBe(200);
		}
		const nonce = (signed: { body?: unknown; headers?: object }) =>
			new URLSearchParams(signed.body as string).get('SignatureNonce') ??
			(signed.headers as Record<string, string>)['x-acs-signature-nonce'];
		expect(nonce(second)).not.toBe(nonce(first));
		expect(new URLSearchParams(second.body as string).getAll('Signature')).toHaveLength(signatureVersion === 'rpc' ? 1 : 0);
	});
});

describe('Huawei Cloud IAM API', () => {
	const modes: Array<[string, () => Record<string, string>]> = [
		['IAM user password', () => ({ authType: 'password', domainName: 'emulator-account', userName: 'emulator-user', password: 'emulator-password' })],
		['token', () => ({ authType: 'token', token: emulator.huawei.issueToken('cn-north-4') })],
		['access key', () => ({ authType: 'accessKey', accessKey: 'EMULATORAKEXAMPLE001', secretKey: 'emulator-sk-secret' })],
	];
	const huawei = (data: Record<string, string>) => {
		const id = `hw-${data.authType}-${Object.values(data).join('-')}`.slice(0, 60);
		harness.addCredential({
			id,
			name: id,
			type: 'huaweiCloudIamApi',
			data: { region: 'cn-north-4', iamEndpoint: emulator.huaweiUrl, lakeFormationEndpoint: emulator.huaweiUrl, session: '', ...data },
		});
		return id;
	};

	it.each(modes)('fills {project_id} in the HTTP Request node\'s URL and authorizes it (%s)', async (_, data) => {
		const id = huawei(data());
		const created = await harness.run(
			request('huaweiCloudIamApi', id, 'legacy', {
				method: 'POST',
				uri: `${emulator.huaweiUrl}/v1/{project_id}/instances`,
				body: { name: 'from-http-node', charge_mode: 'postPaid', shared: true },
				json: true,
			}),
		);
		const listed = await harness.run(
			request('huaweiCloudIamApi', id, 'legacy', {
				method: 'GET',
				uri: `${emulator.huaweiUrl}/v1/{project_id}/instances`,
				qs: { name: 'from-http-node', limit: 10 },
				json: true,
			}),
		);

		expect(created.error).toBeUndefined();
		expect(listed.json('Cloud')[0]).toMatchObject({ total: 1, instances: [expect.objectContaining({ name: 'from-http-node' })] });
		expect(emulator.requestsFor({ operation: 'ListLakeFormationInstances' })[0].path).toBe(
			`/v1/${emulator.huawei.projectId('cn-north-4')}/instances`,
		);
	});

	it.each(modes)('passes its own Test request (%s)', async (_, data) => {
		const { test } = new HuaweiCloudIamApi();
		expect(test.request.baseURL).toContain('$credentials.lakeFormationEndpoint');

		const result = await harness.run(
			request('huaweiCloudIamApi', huawei(data()), 'current', { ...test.request, baseURL: emulator.huaweiUrl }),
		);

		expect(result.error).toBeUndefined();
		expect(result.json('Cloud')[0]).toMatchObject({ instances: [], total: 0 });
	});

	it('fails the Test request with a wrong password, with IAM\'s message', async () => {
		const { test } = new HuaweiCloudIamApi();
		const id = huawei({ authType: 'password', domainName: 'emulator-account', userName: 'emulator-user', password: 'wrong' });

		const result = await harness.run(request('huaweiCloudIamApi', id, 'current', { ...test.request, baseURL: emulator.huaweiUrl }));

		expect(result.error?.message).toContain('IAM answered 401');
	});

	it('re-signs its own output (AK/SK) so that a resent request is accepted', async () => {
		const credentials = {
			authType: 'accessKey',
			accessKey: 'EMULATORAKEXAMPLE001',
			secretKey: 'emulator-sk-secret',
			projectId: emulator.huawei.projectId('cn-north-4'),
		};
		const first = await authorizeHuaweiRequest(credentials, {
			method: 'GET',
			url: `${emulator.huaweiUrl}/v1/{project_id}/instances`,
			qs: { limit: 5 },
		});
		const second = await authorizeHuaweiRequest(credentials, first);

		expect(second.url).toBe(first.url);
		const response = await fetch(second.url, { headers: second.headers as Record<string, string> });
		expect(response.status).toBe(200);
		expect(Object.keys(second.headers ?? {}).filter((name) => name.toLowerCase() === 'authorization')).toHaveLength(1);
	});
});
