/**
 * Fault matrix: every emulator fault × every operation of both nodes, run as workflows through
 * n8n-core against the emulator. Each case sends three items with Continue On Fail; the fault
 * hits the middle item (armed once the first item's request has been answered, items being sent
 * one at a time), and the case checks:
 * - the run has no error (nothing unhandled);
 * - one output item (Get Many: one per instance) or exactly one error item per input item,
 *   paired with it, in input order;
 * - the faulty item's outcome follows the retry rules (modelled in test/support/faultMatrix.ts):
 *   retried and succeeded, or an error item with the cloud's code, HTTP status and request ID,
 *   saying "may have been created" exactly when a create may have happened;
 * - the emulator received exactly the requests the rules allow, per operation;
 * - the cloud's state matches what the items report (never two instances for one intended create);
 * - no secret appears in any output item, error or log line.
 *
 * Cases run concurrently (jest's default of 5 at a time), each with its own emulator and harness:
 * retries wait 0.25–1 s of backoff, which would otherwise add up.
 */
import { ALIBABA_NODE, HUAWEI_NODE, packageHarness, workflowWith } from './support';
import {
	addCounts,
	addCredentials,
	ALIBABA_CREDENTIALS,
	allSecrets,
	checkErrorItem,
	countByOperation,
	expectationFor,
	type CredentialRef,
	type Expectation,
	FaultArmer,
	faultSpec,
	HUAWEI_CREDENTIALS,
	leakedSecrets,
	MAX_RETRIES,
	STATIC_SECRETS,
	type StepKind,
	timesCounts,
	untilIdle,
	type Variant,
} from './support/faultMatrix';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { startEmulator, type Emulator } from './emulator/server';
import type { Cloud } from './emulator/http';
import type { N8nHarness, RunResult } from './harness';

/** Request option Timeout of the `slow/timeout` cases; their slow answer takes more than twice as long. */
const TIMEOUT_MS = 400;
const SLOW_MS = 1000;
const ITEMS = 3;
/** The item the fault hits. */
const FAULTY = 1;

const VARIANTS: Variant[] = [
	{ id: 'throttle', kind: 'throttle' },
	{ id: `throttle×${MAX_RETRIES + 1} (retries exhausted)`, kind: 'throttle', times: MAX_RETRIES + 1 },
	{ id: 'internal-error', kind: 'internal-error' },
	{ id: 'internal-error/processed', kind: 'internal-error', processed: true },
	{ id: 'unavailable', kind: 'unavailable' },
	{ id: 'unavailable/processed', kind: 'unavailable', processed: true },
	{ id: 'bad-gateway', kind: 'bad-gateway' },
	{ id: 'bad-gateway/processed', kind: 'bad-gateway', processed: true },
	{ id: 'gateway-timeout', kind: 'gateway-timeout' },
	{ id: 'gateway-timeout/processed', kind: 'gateway-timeout', processed: true },
	{ id: 'slow (within the timeout)', kind: 'slow', ms: 100 },
	{ id: 'slow/timeout', kind: 'slow', ms: SLOW_MS, timeoutMs: TIMEOUT_MS },
	{ id: 'malformed/processed', kind: 'malformed', processed: true },
	{ id: 'malformed/unprocessed', kind: 'malformed', processed: false },
	{ id: 'reset/processed', kind: 'reset', processed: true },
	{ id: 'reset/unprocessed', kind: 'reset', processed: false },
	{ id: 'business-failure', kind: 'business-failure', cloud: 'alibaba' },
];

// ---------------------------------------------------------------- one case's world

/** An emulator, a harness with every credential, and the names and IDs a case works on. */
interface CaseContext {
	emulator: Emulator;
	armer: FaultArmer;
	harness: N8nHarness;
	pastedToken: string;
	credential: CredentialRef;
	names: string[];
	ids: string[];
}

async function withContext(credential: CredentialRef, body: (ctx: CaseContext) => Promise<void>): Promise<void> {
	const armer = new FaultArmer();
	const emulator = await startEmulator({ huawei: { readinessDelayMs: 20 }, onRequest: armer.onRequest });
	armer.emulator = emulator;
	try {
		const harness = packageHarness();
		const { pastedToken } = addCredentials(harness, emulator);
		await body({ emulator, armer, harness, pastedToken, credential, names: [], ids: [] });
	} finally {
		await untilIdle(emulator).catch(() => undefined);
		await emulator.close();
	}
}

function run(
	ctx: CaseContext,
	cloud: Cloud,
	parameters: Record<string, unknown>,
	inputItems: IDataObject[],
	continueOnFail = true,
): Promise<RunResult> {
	const workflow = workflowWith({
		type: cloud === 'alibaba' ? ALIBABA_NODE : HUAWEI_NODE,
		parameters: cloud === 'alibaba' ? parameters : { resource: 'instance', ...parameters },
		credentials: cloud === 'alibaba' ? { alibabaCloudAccessKeyApi: ctx.credential } : { huaweiCloudIamApi: ctx.credential },
		onError: continueOnFail ? 'continueRegularOutput' : undefined,
	});
	return ctx.harness.run(workflow, { inputItems });
}

// ---------------------------------------------------------------- the operations

interface Prepared {
	parameters: Record<string, unknown>;
	inputItems: IDataObject[];
}

interface Row {
	id: string;
	cloud: Cloud;
	step: StepKind;
	/** The emulator operation the fault hits. */
	operation: string;
	/** Requests each item sends when nothing fails. */
	perItem: Record<string, number>;
	/** Requests of an item that follow the faulty step: not sent when it fails. */
	afterStep?: Record<string, number>;
	/** Seeds the cloud (with the node, no faults); returns the node's parameters and the input items. */
	prepare(ctx: CaseContext): Promise<Prepared>;
	/** Problems of a successful item's output. */
	checkOutput(items: INodeExecutionData[], index: number, ctx: CaseContext): string[];
	/** The item's piece of cloud state, and what it must be, given whether the item's change took effect. */
	state?(index: number, ctx: CaseContext): unknown;
	expectedState?(index: number, tookEffect: boolean, ctx: CaseContext): unknown;
}

const alibabaCreate = {
	resource: 'instance',
	operation: 'create',
	regionId: 'cn-hangzhou',
	instanceType: 'CU_SPARK',
	chargeType: 'POSTPAY',
	componentInput: 'fields',
	instanceName: '={{ $json.name }}',
	engine: 'spark',
	minCu: 0,
	maxCu: 8,
	appName: 'xx',
	appVersionName: 'xx',
	operable: false,
};

const lfCreate = (createOptions: IDataObject = {}) => ({
	operation: 'create',
	name: '={{ $json.name }}',
	chargeMode: 'postPaid',
	shared: true,
	createOptions,
});

const names = (prefix: string) => Array.from({ length: ITEMS }, (_, n) => `${prefix}-${n}`);
const byName = (ctx: CaseContext, name: string) => ctx.emulator.huawei.state().instances.filter((i) => i.name === name);

/** Creates LakeFormation instances with the node (no faults); their IDs in order. */
async function seedHuawei(ctx: CaseContext, instanceNames: string[]): Promise<string[]> {
	const result = await run(ctx, 'huawei', lfCreate(), instanceNames.map((name) => ({ name })), false);
	expect(result.error).toBeUndefined();
	return result.json('Cloud').map((instance) => String(instance.instance_id));
}

/** LakeFormation creates: the item's output is the one instance with its name. */
const lfCreateRow = (row: Omit<Row, 'cloud' | 'checkOutput' | 'state' | 'expectedState'>): Row => ({
	...row,
	cloud: 'huawei',
	checkOutput: ([item], index, ctx) => {
		const [instance] = byName(ctx, ctx.names[index]);
		return item.json.name === ctx.names[index] && instance && item.json.instance_id === instance.instance_id
			? []
			: [`output ${JSON.stringify(item.json)} is not the instance named ${ctx.names[index]}`];
	},
	state: (index, ctx) => `${byName(ctx, ctx.names[index]).length} instance(s) named ${ctx.names[index]}`,
	expectedState: (index, tookEffect, ctx) => `${tookEffect ? 1 : 0} instance(s) named ${ctx.names[index]}`,
});

const ROWS: Row[] = [
	{
		id: 'Alibaba Create',
		cloud: 'alibaba',
		step: 'create',
		operation: 'CreateInstance',
		perItem: { CreateInstance: 1 },
		prepare: async (ctx) => {
			ctx.names = names('dla-create');
			return { parameters: alibabaCreate, inputItems: ctx.names.map((name) => ({ name })) };
		},
		checkOutput: ([item]) =>
			item.json.Success === true && typeof item.json.RequestId === 'string' ? [] : [`output ${JSON.stringify(item.json)}`],
		state: (index, ctx) => `${ctx.emulator.alibaba.findByName(ctx.names[index]).length} instance(s) named ${ctx.names[index]}`,
		expectedState: (index, tookEffect, ctx) => `${tookEffect ? 1 : 0} instance(s) named ${ctx.names[index]}`,
	},
	{
		id: 'Alibaba Release',
		cloud: 'alibaba',
		step: 'write',
		operation: 'ReleaseInstance',
		perItem: { ReleaseInstance: 1 },
		prepare: async (ctx) => {
			ctx.names = names('dla-release');
			const seeded = await run(ctx, 'alibaba', alibabaCreate, ctx.names.map((name) => ({ name })), false);
			expect(seeded.error).toBeUndefined();
			ctx.ids = ctx.names.map((name) => ctx.emulator.alibaba.findByName(name)[0].instanceId);
			return {
				parameters: { resource: 'instance', operation: 'release', regionId: 'cn-hangzhou', instanceId: '={{ $json.id }}' },
				inputItems: ctx.ids.map((id) => ({ id })),
			};
		},
		checkOutput: ([item]) => (item.json.Success === true ? [] : [`output ${JSON.stringify(item.json)}`]),
		state: (index, ctx) => ctx.emulator.alibaba.instances.get(ctx.ids[index])?.status,
		expectedState: (_index, tookEffect) => (tookEffect ? 'RELEASED' : 'RUNNING'),
	},
	lfCreateRow({
		id: 'LakeFormation Create',
		step: 'create',
		operation: 'CreateLakeFormationInstance',
		perItem: { CreateLakeFormationInstance: 1 },
		prepare: async (ctx) => {
			ctx.names = names('lf-create');
			return { parameters: lfCreate(), inputItems: ctx.names.map((name) => ({ name })) };
		},
	}),
	lfCreateRow({
		id: 'LakeFormation Create (Return the Existing Instance; fault on the create)',
		step: 'createReturnExisting',
		operation: 'CreateLakeFormationInstance',
		perItem: { ListLakeFormationInstances: 1, CreateLakeFormationInstance: 1 },
		prepare: async (ctx) => {
			ctx.names = names('lf-existing');
			return { parameters: lfCreate({ ifNameExists: 'returnExisting' }), inputItems: ctx.names.map((name) => ({ name })) };
		},
	}),
	lfCreateRow({
		id: 'LakeFormation Create (Return the Existing Instance; fault on the name lookup)',
		step: 'read',
		operation: 'ListLakeFormationInstances',
		perItem: { ListLakeFormationInstances: 1, CreateLakeFormationInstance: 1 },
		afterStep: { CreateLakeFormationInstance: 1 },
		prepare: async (ctx) => {
			ctx.names = names('lf-lookup');
			return { parameters: lfCreate({ ifNameExists: 'returnExisting' }), inputItems: ctx.names.map((name) => ({ name })) };
		},
	}),
	{
		...lfCreateRow({
			id: 'LakeFormation Create (Wait Until Ready; fault on a status poll)',
			step: 'read',
			operation: 'ShowLakeFormationInstance',
			// readinessDelayMs 20 < the 0.1 s poll interval: RESOURCE_PREPARATION when created, RUNNING at the first poll
			perItem: { CreateLakeFormationInstance: 1, ShowLakeFormationInstance: 1 },
			prepare: async (ctx) => {
				ctx.names = names('lf-wait');
				return {
					parameters: lfCreate({ waitUntilReady: true, pollInterval: 0.1, waitTimeout: 1 }),
					inputItems: ctx.names.map((name) => ({ name })),
				};
			},
		}),
		checkOutput: ([item], index, ctx) => {
			const [instance] = byName(ctx, ctx.names[index]);
			return item.json.status === 'RUNNING' && instance && item.json.instance_id === instance.instance_id
				? []
				: [`output ${JSON.stringify(item.json)} is not the RUNNING instance named ${ctx.names[index]}`];
		},
		// the instance was created before the poll that fails
		expectedState: (index, _tookEffect, ctx) => `1 instance(s) named ${ctx.names[index]}`,
	},
	{
		id: 'LakeFormation Get',
		cloud: 'huawei',
		step: 'read',
		operation: 'ShowLakeFormationInstance',
		perItem: { ShowLakeFormationInstance: 1 },
		prepare: async (ctx) => {
			ctx.ids = await seedHuawei(ctx, names('lf-get'));
			return { parameters: { operation: 'get', instanceId: '={{ $json.id }}' }, inputItems: ctx.ids.map((id) => ({ id })) };
		},
		checkOutput: ([item], index, ctx) => (item.json.instance_id === ctx.ids[index] ? [] : [`output ${JSON.stringify(item.json)}`]),
	},
	{
		id: 'LakeFormation Get Many',
		cloud: 'huawei',
		step: 'read',
		operation: 'ListLakeFormationInstances',
		perItem: { ListLakeFormationInstances: 1 },
		prepare: async (ctx) => {
			ctx.ids = await seedHuawei(ctx, ['lf-many-a', 'lf-many-b']);
			return { parameters: { operation: 'getAll', returnAll: true }, inputItems: [{}, {}, {}] };
		},
		checkOutput: (items, _index, ctx) => {
			const ids = items.map((item) => String(item.json.instance_id)).sort();
			return JSON.stringify(ids) === JSON.stringify([...ctx.ids].sort())
				? []
				: [`output ${JSON.stringify(items.map((item) => item.json))}`];
		},
	},
	{
		id: 'LakeFormation Update',
		cloud: 'huawei',
		step: 'write',
		operation: 'UpdateLakeFormationInstance',
		perItem: { UpdateLakeFormationInstance: 1 },
		prepare: async (ctx) => {
			ctx.names = names('lf-before');
			ctx.ids = await seedHuawei(ctx, ctx.names);
			return {
				parameters: { operation: 'update', instanceId: '={{ $json.id }}', updateFields: { name: '={{ $json.newName }}' } },
				inputItems: ctx.ids.map((id, n) => ({ id, newName: `lf-after-${n}` })),
			};
		},
		checkOutput: ([item], index, ctx) =>
			item.json.instance_id === ctx.ids[index] && item.json.name === `lf-after-${index}` ? [] : [`output ${JSON.stringify(item.json)}`],
		state: (index, ctx) => ctx.emulator.huawei.instance(ctx.ids[index])?.name,
		expectedState: (index, tookEffect, ctx) => (tookEffect ? `lf-after-${index}` : ctx.names[index]),
	},
	{
		id: 'LakeFormation Delete (to the recycle bin)',
		cloud: 'huawei',
		step: 'write',
		operation: 'DeleteLakeFormationInstance',
		perItem: { DeleteLakeFormationInstance: 1 },
		prepare: async (ctx) => {
			ctx.ids = await seedHuawei(ctx, names('lf-delete'));
			return {
				parameters: { operation: 'delete', instanceId: '={{ $json.id }}', toRecycleBin: true },
				inputItems: ctx.ids.map((id) => ({ id })),
			};
		},
		checkOutput: ([item], index, ctx) =>
			item.json.instance_id === ctx.ids[index] && item.json.deleted === true ? [] : [`output ${JSON.stringify(item.json)}`],
		state: (index, ctx) => (ctx.emulator.huawei.instance(ctx.ids[index])?.inRecycleBin ? 'in the recycle bin' : 'not in the recycle bin'),
		expectedState: (_index, tookEffect) => (tookEffect ? 'in the recycle bin' : 'not in the recycle bin'),
	},
	{
		id: 'LakeFormation Recover',
		cloud: 'huawei',
		step: 'write',
		operation: 'MoveLakeFormationInstanceOutRecycleBin',
		perItem: { MoveLakeFormationInstanceOutRecycleBin: 1 },
		prepare: async (ctx) => {
			ctx.ids = await seedHuawei(ctx, names('lf-recover'));
			const binned = await run(
				ctx,
				'huawei',
				{ operation: 'delete', instanceId: '={{ $json.id }}', toRecycleBin: true },
				ctx.ids.map((id) => ({ id })),
				false,
			);
			expect(binned.error).toBeUndefined();
			return { parameters: { operation: 'recover', instanceId: '={{ $json.id }}' }, inputItems: ctx.ids.map((id) => ({ id })) };
		},
		checkOutput: ([item], index, ctx) => (item.json.instance_id === ctx.ids[index] ? [] : [`output ${JSON.stringify(item.json)}`]),
		state: (index, ctx) => (ctx.emulator.huawei.instance(ctx.ids[index])?.inRecycleBin ? 'in the recycle bin' : 'not in the recycle bin'),
		expectedState: (_index, tookEffect) => (tookEffect ? 'not in the recycle bin' : 'in the recycle bin'),
	},
];

// ---------------------------------------------------------------- the cases

interface Case {
	row: Row;
	variant: Variant;
	credential: CredentialRef;
	expectation: Expectation;
}

const CASES: Case[] = [];
for (const row of ROWS) {
	// every credential mode takes its turn: secret hygiene is checked for each of them
	const credentials =
		row.cloud === 'alibaba'
			? [ALIBABA_CREDENTIALS.v3, ALIBABA_CREDENTIALS.rpcSts]
			: [HUAWEI_CREDENTIALS.password, HUAWEI_CREDENTIALS.aksk, HUAWEI_CREDENTIALS.tempAksk, HUAWEI_CREDENTIALS.token];
	VARIANTS.filter((variant) => variant.cloud === undefined || variant.cloud === row.cloud)
		// a read changes nothing: whether the cloud "processed" a 5xx makes no difference to it
		.filter((variant) => !(row.step === 'read' && variant.processed === true && variant.kind !== 'malformed' && variant.kind !== 'reset'))
		.forEach((variant, n) => {
			CASES.push({
				row,
				variant,
				credential: credentials[n % credentials.length],
				expectation: expectationFor(row.step, row.cloud, row.operation, variant),
			});
		});
}

function describeExpectation(testCase: Case): string {
	const { expectation } = testCase;
	if (expectation.ok) return 'the item succeeds';
	const { code, mayExist } = expectation.error!;
	return `an error item ${code}${mayExist ? ' saying the instance may have been created' : ''}`;
}

/** The requests of the run per operation: `itemCount` items, the faulty one with its extras. */
function expectedRequests(row: Row, expectation: Expectation, itemCount: number): Record<string, number> {
	return addCounts(
		timesCounts(row.perItem, itemCount),
		expectation.extra,
		expectation.ok ? {} : timesCounts(row.afterStep ?? {}, -1),
	);
}

const pairedIndex = (item: INodeExecutionData) => (item.pairedItem as { item: number }).item;

describe('fault matrix, Continue On Fail: one item of three meets the fault', () => {
	it.concurrent.each(CASES.map((testCase) => [testCase.row.id, testCase.variant.id, describeExpectation(testCase), testCase] as const))(
		'%s × %s → %s',
		async (_row, _variant, _outcome, { row, variant, credential, expectation }) => {
			await withContext(credential, async (ctx) => {
				const { parameters, inputItems } = await row.prepare(ctx);
				const mark = ctx.emulator.requests.length;
				ctx.armer.arm(faultSpec(variant, row.cloud, row.operation), FAULTY * row.perItem[row.operation]);
				const requestOptions = { maxRetries: MAX_RETRIES, ...(variant.timeoutMs ? { timeout: variant.timeoutMs } : {}) };

				const result = await run(ctx, row.cloud, { ...parameters, requestOptions }, inputItems);
				await untilIdle(ctx.emulator);

				// nothing unhandled
				expect(result.error).toBeUndefined();
				expect(result.status).toBe('success');
				expect(ctx.armer.pending).toBe(0);

				const problems: string[] = [];
				// items paired with their input item, in input order
				const output = result.output('Cloud');
				const order = output.map(pairedIndex);
				if (order.some((index, n) => n > 0 && index < order[n - 1])) problems.push(`output not in input order: ${order.join(',')}`);
				for (let index = 0; index < ITEMS; index++) {
					const items = output.filter((item) => pairedIndex(item) === index);
					const ok = index !== FAULTY || expectation.ok;
					if (!ok) {
						if (items.length !== 1) problems.push(`item ${index}: ${items.length} items instead of one error item`);
						else problems.push(...checkErrorItem(items[0], expectation.error!, row.cloud).map((p) => `item ${index}: ${p}`));
					} else if (items.length === 0 || items.some((item) => 'error' in item.json)) {
						problems.push(`item ${index}: expected success, got ${JSON.stringify(items.map((item) => item.json))}`);
					} else {
						problems.push(...row.checkOutput(items, index, ctx).map((p) => `item ${index}: ${p}`));
					}
					// the cloud holds what the items report
					if (row.state && row.expectedState) {
						const state = row.state(index, ctx);
						const wanted = row.expectedState(index, index !== FAULTY || expectation.tookEffect, ctx);
						if (state !== wanted) problems.push(`item ${index}: the cloud has ${String(state)}, expected ${String(wanted)}`);
					}
				}

				// the requests the rules allow, no more, no fewer
				const received = ctx.emulator.requests.slice(mark);
				const counts = JSON.stringify(countByOperation(received));
				const wantedCounts = JSON.stringify(expectedRequests(row, expectation, ITEMS));
				if (counts !== wantedCounts) problems.push(`requests ${counts}, expected ${wantedCounts}`);
				const faults = received.filter((entry) => entry.fault !== undefined).length;
				if (faults !== (variant.times ?? 1)) problems.push(`${faults} requests met the fault, expected ${variant.times ?? 1}`);

				// no secret anywhere (the IAM token obtained with the password among them)
				const secrets = allSecrets(ctx.harness, ctx.pastedToken);
				if (credential === HUAWEI_CREDENTIALS.password && secrets.length !== STATIC_SECRETS.length + 2) {
					problems.push('the IAM token obtained with the password is not known, so not checked');
				}
				const leaked = leakedSecrets(result, ctx.harness, secrets);
				if (leaked.length > 0) problems.push(`secrets in output, errors or logs: ${leaked.length}`);

				expect(problems).toEqual([]);
			});
		},
	);
});

describe('without Continue On Fail, the failing item stops the node and later items are not sent', () => {
	const failing = (row: Row): Variant => {
		if (row.step === 'read') return { id: 'malformed', kind: 'malformed' };
		// with "Return the Existing Instance" a processed 5xx is followed by a lookup and succeeds
		if (row.step === 'createReturnExisting') return VARIANTS[1];
		return { id: 'internal-error', kind: 'internal-error' };
	};

	it.concurrent.each(ROWS.map((row) => [row.id, failing(row).id, row] as const))('%s × %s', async (_row, _variant, row) => {
		const variant = failing(row);
		const expectation = expectationFor(row.step, row.cloud, row.operation, variant);
		const credential = row.cloud === 'alibaba' ? ALIBABA_CREDENTIALS.rpcSts : HUAWEI_CREDENTIALS.password;
		await withContext(credential, async (ctx) => {
			const { parameters, inputItems } = await row.prepare(ctx);
			const mark = ctx.emulator.requests.length;
			ctx.armer.arm(faultSpec(variant, row.cloud, row.operation), FAULTY * row.perItem[row.operation]);

			const result = await run(ctx, row.cloud, { ...parameters, requestOptions: { maxRetries: MAX_RETRIES } }, inputItems, false);

			expect(expectation.ok).toBe(false);
			expect(result.error?.name).toBe('NodeApiError');
			expect(result.error?.message).toMatch(new RegExp(`\\(${expectation.error!.code.replace(/\./g, '\\.')}\\)$`));
			expect(result.error?.httpCode).toBe(expectation.error!.httpCode);
			expect(result.error?.context?.itemIndex).toBe(FAULTY);
			// items 0 and 1 were sent, item 2 was not
			expect(countByOperation(ctx.emulator.requests.slice(mark))).toEqual(expectedRequests(row, expectation, FAULTY + 1));
			expect(leakedSecrets(result, ctx.harness, allSecrets(ctx.harness, ctx.pastedToken))).toEqual([]);
		});
	});
});

it('the secret check is not vacuous: it finds a secret that a run does show', async () => {
	await withContext(ALIBABA_CREDENTIALS.v3, async (ctx) => {
		const result = await run(ctx, 'alibaba', { ...alibabaCreate, instanceName: 'canary' }, [{ note: 'emulator-secret' }]);

		expect(result.error).toBeUndefined();
		expect(leakedSecrets(result, ctx.harness, allSecrets(ctx.harness, ctx.pastedToken))).toEqual(['emulator-secret']);
	});
});
