/**
 * End-to-end test in a real n8n (`npm run test:e2e`): the pinned n8n app (cached outside the
 * repository), this package built, packed and installed as n8n installs community packages, the
 * cloud emulator, credentials of every authentication mode, and the example workflows of
 * `examples/` run with `n8n execute`; then `n8n start` and the credential tests through n8n's
 * REST API.
 *
 *   node .build/scripts/e2e/run.js [--no-build] [--keep] [--n8n-port 5688] [--emulator-ports 8797,8798]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { EmulatorPorts, LoggedRequest } from './emulator';
import { type Environment, prepareEnvironment, zodResolution } from './environment';
import { type CredentialFixture, variant, type WorkflowJson } from './fixtures';
import { DEMO_OWNER, type ExecutionResult, N8nRest, type N8nPorts } from './n8n';
import { PACKAGE_NAME } from './package';
import { formatMs, ProcessGroup, repoRoot, say, Steps } from './processes';

const TAG = 'e2e';

// Ports apart from `npm run demo` (5678/5679/5680, 8787/8788) so both can run at once.
const DEFAULT_N8N_PORTS: N8nPorts = { http: 5688, broker: 5689, cliBroker: 5690 };
const DEFAULT_EMULATOR_PORTS: EmulatorPorts = { alibaba: 8797, huawei: 8798 };

const HW_FILE = 'huawei-lakeformation-scheduled-instance.json';
const ALI_CREATE_FILE = 'alibaba-dla-create-instance.json';
const ALI_RELEASE_FILE = 'alibaba-dla-release-instance.json';

/** Started with `--fail-pattern`: LakeFormation instances with such a name end in RESOURCE_PREPARATION_FAIL. */
const FAIL_PATTERN = '^fail-';
const FAILING_NAME = 'fail-e2e-lake';

const HW_CREATE = 'Create LakeFormation Instance';
const HW_READY = 'Notify: Instance Ready';
const HW_FAILED = 'Notify: Creation Failed';
const ALI_CREATE = 'Create DLA Instance';
const ALI_CREATED = 'Notify: Instance Created';
const ALI_CREATE_FAILED = 'Notify: Creation Failed';
const ALI_RELEASE = 'Release DLA Instance';
const ALI_RELEASED = 'Notify: Instance Released';
const ALI_RELEASE_FAILED = 'Notify: Release Failed';

class CheckFailed extends Error {}

function expect(condition: unknown, message: string): asserts condition {
	if (!condition) throw new CheckFailed(message);
}

function parseArgs(argv: string[]) {
	const value = (name: string) => {
		const index = argv.indexOf(`--${name}`);
		return index >= 0 ? argv[index + 1] : undefined;
	};
	if (argv.includes('--help')) {
		console.log('Usage: npm run test:e2e -- [--no-build] [--keep] [--n8n-port 5688] [--emulator-ports 8797,8798]');
		process.exit(0);
	}
	const http = Number(value('n8n-port') ?? DEFAULT_N8N_PORTS.http);
	const [alibaba, huawei] = (value('emulator-ports') ?? `${DEFAULT_EMULATOR_PORTS.alibaba},${DEFAULT_EMULATOR_PORTS.huawei}`)
		.split(',')
		.map(Number);
	return {
		build: !argv.includes('--no-build'),
		keep: argv.includes('--keep'),
		n8nPorts: { http, broker: http + 1, cliBroker: http + 2 },
		emulatorPorts: { alibaba, huawei },
	};
}

async function main(): Promise<number> {
	const args = parseArgs(process.argv.slice(2));
	const root = repoRoot();
	const group = new ProcessGroup();
	const steps = new Steps(TAG);
	const userFolder = mkdtempSync(join(tmpdir(), 'n8n-cdl-e2e-'));
	group.installSignalHandlers((signal) => say(TAG, `${signal}: stopping everything this test started; logs are in ${userFolder}`));
	const failures: string[] = [];
	let ok = false;

	try {
		say(TAG, `n8n user folder and logs: ${userFolder}`);
		const env = await prepareEnvironment({
			root,
			group,
			steps,
			userFolder,
			n8nPorts: args.n8nPorts,
			emulatorPorts: args.emulatorPorts,
			readinessMs: 2500,
			failPattern: FAIL_PATTERN,
			build: args.build,
			extraWorkflows: (examples, credentials) => [
				variant(examples[HW_FILE], {
					id: 'cdlE2eHwToken001',
					name: 'e2e: LakeFormation with a pasted IAM token',
					credential: credentials.huaweiToken,
					parameters: { [HW_CREATE]: { name: 'e2e-token-lake' } },
				}),
				variant(examples[HW_FILE], {
					id: 'cdlE2eHwAkSk0001',
					name: 'e2e: LakeFormation with AK/SK',
					credential: credentials.huaweiAkSk,
					parameters: { [HW_CREATE]: { name: 'e2e-aksk-lake' } },
				}),
				variant(examples[HW_FILE], {
					// the emulator fails the preparation of instances whose name matches FAIL_PATTERN
					id: 'cdlE2eHwPrepFail',
					name: 'e2e: LakeFormation preparation fails',
					parameters: { [HW_CREATE]: { name: FAILING_NAME } },
				}),
				variant(examples[ALI_CREATE_FILE], {
					id: 'cdlE2eAliStsRpc1',
					name: 'e2e: DLA with STS token and RPC signature',
					credential: credentials.alibabaStsRpc,
					parameters: { [ALI_CREATE]: { instanceName: 'e2e-sts-rpc' } },
				}),
			],
		});

		await steps.run('zod (imported by the package, provided by n8n) resolves from the installed package', async () => {
			const zod = await zodResolution(group, env);
			say(TAG, `  zod ${zod.version} from ${zod.path}`);
			expect(zod.version.startsWith('3.'), `zod resolved to version ${zod.version}, expected 3.x`);
		});

		const scenario = async (name: string, action: () => Promise<void>) => {
			try {
				await steps.run(name, action);
			} catch (error) {
				failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
				say(TAG, `  FAILED: ${error instanceof Error ? error.message : String(error)}`);
			}
		};

		await runWorkflowScenarios(env, scenario);

		const rest = new N8nRest(env.n8n.url);
		await scenario('n8n start, owner account, our node and credential types loaded', async () => {
			await env.n8n.start();
			await rest.ownerSetupOrLogin(DEMO_OWNER);
			const nodes = (await rest.request('GET', '/types/nodes.json')).body as Array<{ name: string }>;
			const credentialTypes = (await rest.request('GET', '/types/credentials.json')).body as Array<{ name: string }>;
			expect(Array.isArray(nodes) && Array.isArray(credentialTypes), 'the type files of the editor did not answer JSON arrays');
			for (const type of ['alibabaCloudDataLakeAnalytics', 'huaweiCloudLakeFormation']) {
				expect(nodes.some((node) => node.name === `${PACKAGE_NAME}.${type}`), `/types/nodes.json lacks ${PACKAGE_NAME}.${type}`);
			}
			for (const type of ['alibabaCloudAccessKeyApi', 'huaweiCloudIamApi']) {
				expect(credentialTypes.some((credential) => credential.name === type), `/types/credentials.json lacks ${type}`);
			}
			say(TAG, '  both nodes and both credential types are served to the editor');
		});
		for (const credential of Object.values(env.credentials)) {
			await scenario(`credential Test through n8n's REST API: ${credential.name}`, () => credentialTest(rest, credential));
		}

		ok = failures.length === 0;
	} catch (error) {
		failures.push(error instanceof Error ? error.message : String(error));
		say(TAG, `FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
	} finally {
		await steps.run('stop the emulator and n8n', () => group.stopAll());
		console.log(`\nSteps and their durations:\n${steps.summary()}\n`);
		if (ok && !args.keep) {
			rmSync(userFolder, { recursive: true, force: true });
		} else {
			console.log(`Logs and the n8n user folder are kept in ${userFolder}`);
		}
	}

	if (failures.length > 0) {
		console.log(`\n✘ e2e: ${failures.length} failure(s):\n${failures.map((failure) => `  - ${failure}`).join('\n')}`);
		return 1;
	}
	console.log('✔ e2e: all checks passed');
	return 0;
}

type Scenario = (name: string, action: () => Promise<void>) => Promise<void>;

async function runWorkflowScenarios(env: Environment, scenario: Scenario): Promise<void> {
	const { n8n, emulator, examples, credentials } = env;
	const hwId = examples[HW_FILE].id;
	const aliCreateId = examples[ALI_CREATE_FILE].id;
	const aliReleaseId = examples[ALI_RELEASE_FILE].id;
	const passwordTokenRequests = async () =>
		(await emulator.requests({ cloud: 'huawei', operation: 'KeystoneCreateUserTokenByPassword' })).length;
	// the token of the Token credential was obtained before; count from here
	const tokensBefore = await passwordTokenRequests();
	let firstInstanceId = '';

	const execute = async (workflowId: string, label: string): Promise<ExecutionResult> => {
		await emulator.clearNotifications();
		const result = await n8n.execute(workflowId, label);
		say(TAG, `  n8n execute --id=${workflowId}: ${formatMs(result.ms)}\n${result.describe()}`);
		return result;
	};
	const onlyNotification = async (event: string) => {
		const notifications = await emulator.notifications();
		expect(notifications.length === 1, `expected 1 notification, the receiver got ${notifications.length}`);
		const body = notifications[0].body as Record<string, unknown>;
		expect(body.event === event, `notification event is ${String(body.event)}, expected ${event}`);
		say(TAG, `  notification: ${String(body.text)}`);
		return body;
	};
	const expectErrorItem = (result: ExecutionResult, node: string, failureNotifier: string, code: string) => {
		expect(result.exitCode === 0 && !result.error, `the workflow failed: ${result.error?.message ?? `exit ${result.exitCode}`}`);
		const errors = result.items(node, 1);
		expect(errors.length === 1, `${node}: expected 1 item on the error output, got ${errors.length} (main output: ${JSON.stringify(result.items(node, 0))})`);
		const item = errors[0];
		const details = (item.details ?? {}) as Record<string, unknown>;
		expect(typeof item.error === 'string' && item.error.length > 0, `error item has no error message: ${JSON.stringify(item)}`);
		expect(details.code === code, `error item details.code is ${String(details.code)}, expected ${code}: ${JSON.stringify(item)}`);
		expect(typeof details.requestId === 'string' && details.requestId.length > 0, `error item has no details.requestId: ${JSON.stringify(item)}`);
		expect(result.items(node, 0).length === 0, `${node}: the main output has items too`);
		expect(result.nodesRun.includes(failureNotifier), `${failureNotifier} did not run`);
		say(TAG, `  error item: ${item.error} (code ${String(details.code)}, request ID ${String(details.requestId)})`);
		return details;
	};
	/** Throttles every matching request until cleared: the node's retries are spent, then it fails. */
	const throttled = async (cloud: 'alibaba' | 'huawei', operation: string, action: () => Promise<void>) => {
		await emulator.fault({ kind: 'throttle', cloud, operation, times: 50 });
		const before = (await emulator.requests({ cloud, operation })).length;
		try {
			await action();
		} finally {
			await emulator.clearFaults();
		}
		const attempts = (await emulator.requests({ cloud, operation })).length - before;
		say(TAG, `  ${operation} was sent ${attempts} time(s) (the node's retries of a throttled request)`);
	};
	const expectRunning = async (result: ExecutionResult, name: string) => {
		expect(result.exitCode === 0 && !result.error, `the workflow failed: ${result.error?.message ?? `exit ${result.exitCode}`}`);
		expect(result.items(HW_CREATE, 1).length === 0, `error output: ${JSON.stringify(result.items(HW_CREATE, 1))}`);
		const [instance] = result.items(HW_CREATE, 0);
		expect(instance, `${HW_CREATE} output no item`);
		expect(instance.name === name, `instance name is ${String(instance.name)}, expected ${name}`);
		expect(instance.status === 'RUNNING', `instance status is ${String(instance.status)}, expected RUNNING`);
		expect(typeof instance.x_request_id === 'string' && instance.x_request_id.length > 0, 'no x_request_id on the item');
		expect(result.nodesRun.includes(HW_READY) && !result.nodesRun.includes(HW_FAILED), `wrong notification branch: ${result.nodesRun.join(', ')}`);
		const state = await emulator.state();
		const stored = state.huawei.instances.find((candidate) => candidate.instance_id === instance.instance_id);
		expect(stored?.status === 'RUNNING', `the emulator has instance ${String(instance.instance_id)} as ${stored?.status ?? 'missing'}`);
		const body = await onlyNotification('lakeformation.instance.ready');
		expect(body.instance_id === instance.instance_id && body.status === 'RUNNING', `notification: ${JSON.stringify(body)}`);
		return instance;
	};
	const lakeFormationCalls = async (instanceId: string, operation: string) =>
		(await emulator.requests({ cloud: 'huawei', operation })).filter((request) => request.path.includes(instanceId));

	await scenario('Huawei (IAM password): scheduled example → Create, Wait Until Ready → RUNNING → notification', async () => {
		const result = await execute(hwId, 'huawei-password-1');
		const instance = await expectRunning(result, 'n8n-scheduled-lake');
		firstInstanceId = String(instance.instance_id);
		const polls = await lakeFormationCalls(firstInstanceId, 'ShowLakeFormationInstance');
		expect(polls.length >= 1, 'the node did not poll the instance (Wait Until Ready)');
		say(TAG, `  instance ${firstInstanceId} RUNNING after ${polls.length} status poll(s)`);
	});

	await scenario('Huawei (IAM password) again: the existing instance is returned, nothing created', async () => {
		const creates = (await emulator.requests({ cloud: 'huawei', operation: 'CreateLakeFormationInstance' })).length;
		const result = await execute(hwId, 'huawei-password-2');
		const instance = await expectRunning(result, 'n8n-scheduled-lake');
		expect(instance.instance_id === firstInstanceId, `another instance: ${String(instance.instance_id)} instead of ${firstInstanceId}`);
		const after = (await emulator.requests({ cloud: 'huawei', operation: 'CreateLakeFormationInstance' })).length;
		expect(after === creates, `${after - creates} create request(s) were sent`);
	});

	await scenario('Huawei (pasted IAM token): Create, Wait Until Ready → RUNNING', async () => {
		const result = await execute('cdlE2eHwToken001', 'huawei-token');
		await expectRunning(result, 'e2e-token-lake');
	});

	await scenario('Huawei (AK/SK): Create, Wait Until Ready → RUNNING, requests signed SDK-HMAC-SHA256', async () => {
		const result = await execute('cdlE2eHwAkSk0001', 'huawei-aksk');
		const instance = await expectRunning(result, 'e2e-aksk-lake');
		const creates = await emulator.requests({ cloud: 'huawei', operation: 'CreateLakeFormationInstance' });
		const signed = creates.filter((request) => authorization(request).startsWith('SDK-HMAC-SHA256'));
		expect(signed.length === 1, `${signed.length} SDK-HMAC-SHA256-signed create requests, expected 1`);
		say(TAG, `  instance ${String(instance.instance_id)}: ${authorization(signed[0]).slice(0, 60)}…`);
	});

	await scenario('Huawei failure path: RESOURCE_PREPARATION_FAIL → error output → notification with code and request ID', async () => {
		const result = await execute('cdlE2eHwPrepFail', 'huawei-preparation-fails');
		const item = expectErrorItem(result, HW_CREATE, HW_FAILED, 'RESOURCE_PREPARATION_FAIL');
		const failed = (await emulator.state()).huawei.instances.find((instance) => instance.name === FAILING_NAME);
		expect(failed?.status === 'RESOURCE_PREPARATION_FAIL', `the emulator has ${FAILING_NAME} as ${failed?.status ?? 'missing'}`);
		const body = await onlyNotification('lakeformation.instance.failed');
		expect(body.code === 'RESOURCE_PREPARATION_FAIL' && body.request_id === item.requestId, `notification: ${JSON.stringify(body)}`);
	});

	await scenario('Huawei failure path: throttled (fault APIG.0308, HTTP 429) → error output → notification', async () => {
		await throttled('huawei', 'ListLakeFormationInstances', async () => {
			const result = await execute(hwId, 'huawei-throttled');
			const item = expectErrorItem(result, HW_CREATE, HW_FAILED, 'APIG.0308');
			expect(item.httpCode === '429', `httpCode ${String(item.httpCode)}, expected 429`);
			const body = await onlyNotification('lakeformation.instance.failed');
			expect(body.code === 'APIG.0308' && body.request_id === item.requestId, `notification: ${JSON.stringify(body)}`);
		});
	});

	await scenario('Huawei IAM token obtained once with the password across 4 executions', async () => {
		const obtained = (await passwordTokenRequests()) - tokensBefore;
		expect(obtained === 1, `the password credential obtained ${obtained} tokens, expected 1 (kept by n8n between executions)`);
		say(TAG, '  1 KeystoneCreateUserTokenByPassword request for 4 executions');
	});

	const created: Record<string, string> = {};
	const aliCreateScenario = async (workflowId: string, label: string, name: string, credential: CredentialFixture, check: (request: LoggedRequest) => string | undefined) => {
		const result = await execute(workflowId, label);
		expect(result.exitCode === 0 && !result.error, `the workflow failed: ${result.error?.message ?? `exit ${result.exitCode}`}`);
		expect(result.items(ALI_CREATE, 1).length === 0, `error output: ${JSON.stringify(result.items(ALI_CREATE, 1))}`);
		const [answer] = result.items(ALI_CREATE, 0);
		expect(answer?.Success === true && typeof answer.RequestId === 'string', `${ALI_CREATE} output ${JSON.stringify(answer)}`);
		expect(result.nodesRun.includes(ALI_CREATED), `${ALI_CREATED} did not run`);
		const state = await emulator.state();
		const instance = state.alibaba.instances.find((candidate) => candidate.instanceName === name);
		expect(instance?.status === 'RUNNING', `the emulator has no RUNNING instance named ${name}`);
		expect(instance.accessKeyId === credential.data.accessKeyId, `created with key ${instance.accessKeyId}`);
		created[name] = instance.instanceId;
		const body = await onlyNotification('dla.instance.created');
		expect(body.request_id === answer.RequestId, `notification: ${JSON.stringify(body)}`);
		const requests = await emulator.requests({ cloud: 'alibaba', operation: 'CreateInstance' });
		const problem = check(requests[requests.length - 1]);
		expect(problem === undefined, problem ?? '');
		say(TAG, `  instance ${instance.instanceId} (${name}) created with ${credential.name}`);
	};

	await scenario('Alibaba (V3 ACS3-HMAC-SHA256): create example → instance created → notification', () =>
		aliCreateScenario(aliCreateId, 'alibaba-v3-create', 'n8n-dla-spark', credentials.alibabaV3, (request) =>
			authorization(request).startsWith('ACS3-HMAC-SHA256') ? undefined : `not ACS3-signed: ${authorization(request)}`,
		),
	);

	await scenario('Alibaba (STS token, RPC HMAC-SHA1): create → instance created → notification', () =>
		aliCreateScenario('cdlE2eAliStsRpc1', 'alibaba-sts-rpc-create', 'e2e-sts-rpc', credentials.alibabaStsRpc, (request) => {
			const params = new URLSearchParams(request.body ?? '');
			if (params.get('SignatureMethod') !== 'HMAC-SHA1') return `SignatureMethod ${params.get('SignatureMethod')}`;
			if (params.get('SecurityToken') !== credentials.alibabaStsRpc.data.securityToken) return 'no SecurityToken';
			return undefined;
		}),
	);

	await scenario('Alibaba failure path: throttled (Throttling.User) → error output → notification', async () => {
		await throttled('alibaba', 'CreateInstance', async () => {
			const result = await execute(aliCreateId, 'alibaba-throttled');
			const item = expectErrorItem(result, ALI_CREATE, ALI_CREATE_FAILED, 'Throttling.User');
			const body = await onlyNotification('dla.instance.failed');
			expect(body.code === 'Throttling.User' && body.request_id === item.requestId, `notification: ${JSON.stringify(body)}`);
		});
	});

	await scenario('Alibaba failure path: release example as shipped (no such instance) → error output → notification', async () => {
		const result = await execute(aliReleaseId, 'alibaba-release-unknown');
		const item = expectErrorItem(result, ALI_RELEASE, ALI_RELEASE_FAILED, 'Openanalytics.NotFound.Exception');
		const body = await onlyNotification('dla.instance.release_failed');
		expect(body.code === item.code && body.request_id === item.requestId, `notification: ${JSON.stringify(body)}`);
	});

	await scenario('Alibaba: release on demand (both instances) → RELEASED → notification', async () => {
		expect(created['n8n-dla-spark'] && created['e2e-sts-rpc'], 'the create scenarios did not create both instances');
		const release = env.examples[ALI_RELEASE_FILE];
		const releases: Array<[WorkflowJson, string]> = [
			[variant(release, { id: 'cdlE2eAliRelV3a1', name: 'e2e: release (V3)', setFields: { 'Instance to Release': { instanceId: created['n8n-dla-spark'] } } }), created['n8n-dla-spark']],
			[
				variant(release, {
					id: 'cdlE2eAliRelSts1',
					name: 'e2e: release (STS, RPC)',
					credential: credentials.alibabaStsRpc,
					setFields: { 'Instance to Release': { instanceId: created['e2e-sts-rpc'] } },
				}),
				created['e2e-sts-rpc'],
			],
		];
		await n8n.importWorkflows(releases.map(([workflow]) => workflow));
		for (const [workflow, instanceId] of releases) {
			const result = await execute(workflow.id, `alibaba-release-${workflow.id}`);
			expect(result.exitCode === 0 && !result.error, `the workflow failed: ${result.error?.message ?? `exit ${result.exitCode}`}`);
			const [answer] = result.items(ALI_RELEASE, 0);
			expect(answer?.Success === true, `${ALI_RELEASE} output ${JSON.stringify(answer)} / errors ${JSON.stringify(result.items(ALI_RELEASE, 1))}`);
			const stored = (await emulator.state()).alibaba.instances.find((candidate) => candidate.instanceId === instanceId);
			expect(stored?.status === 'RELEASED', `instance ${instanceId} is ${stored?.status ?? 'missing'} in the emulator`);
			expect(result.nodesRun.includes(ALI_RELEASED), `${ALI_RELEASED} did not run`);
			const body = await onlyNotification('dla.instance.released');
			expect(body.instance_id === instanceId, `notification: ${JSON.stringify(body)}`);
		}
	});
}

async function credentialTest(rest: N8nRest, credential: CredentialFixture): Promise<void> {
	const good = await rest.testCredential({ id: credential.id, name: credential.name, type: credential.type, data: credential.data });
	expect(good.status === 'OK', `credential test of "${credential.name}": ${good.status} ${good.message}`);
	const bad = await rest.testCredential({
		id: credential.id,
		name: credential.name,
		type: credential.type,
		data: { ...credential.data, ...credential.wrong },
	});
	expect(bad.status === 'Error', `credential test of "${credential.name}" with a wrong ${Object.keys(credential.wrong).join(', ')} passed`);
	say(TAG, `  Test "${credential.name}": OK; with a wrong ${Object.keys(credential.wrong).join(', ')}: Error "${bad.message}"`);
}

function authorization(request: LoggedRequest | undefined): string {
	const value = request?.headers.authorization;
	return typeof value === 'string' ? value : '';
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
