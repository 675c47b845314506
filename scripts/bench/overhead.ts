/**
 * Row 1: per-item cost of each node (a workflow of 1,000 items through n8n-core's
 * WorkflowExecute) over the raw HTTP loop of ./baseline.ts sending the same signed requests to
 * the same emulator. Both sides run in this process, alternately, after a warm-up; each timed
 * run starts from a reset emulator (its per-request work grows with the nonces and instances it
 * holds) and a full GC; the figure is the ratio of the medians over several runs.
 *
 * Three more sides are timed in the first rounds, to show where the time goes (the rungs in the
 * row's detail): the loop over one kept-alive connection, the loop through n8n-core's HTTP
 * helper (axios), and the workflow with constant parameters instead of expressions. The CPU
 * time of this process is recorded too: unlike wall time, it hardly moves when other processes
 * compete for the cores.
 */
import type { IDataObject } from 'n8n-workflow';

import type { N8nHarness, WorkflowJson } from '../../test/harness';

import {
	alibabaCreateLoop,
	createHuaweiInstance,
	huaweiCreateLoop,
	huaweiGetLoop,
	obtainHuaweiToken,
	type Transport,
	watchConnections,
} from './baseline';
import type { EmulatorProcess, LoggedRequestView } from './emulator';
import { fixed, median, progress, redoOnceOnConnectionFailure, spread, timed } from './stats';
import type { Row } from './table';
import {
	alibabaCreateWorkflow,
	benchHarness,
	HUAWEI_REGION,
	HUAWEI_USER,
	huaweiCreateWorkflow,
	huaweiGetWorkflow,
	NODE_NAME,
	runChecked,
	setHuaweiSession,
	type WorkflowOptions,
} from './workflows';

export interface OverheadOptions {
	items: number;
	runs: number;
}

interface Prepared {
	token: string;
	projectId: string;
	instanceId: string;
}

interface Scenario {
	label: string;
	operation: string;
	workflow: (prepared: Prepared, constant: boolean) => WorkflowJson;
	items: (count: number, prepared: Prepared) => IDataObject[];
	loop: (emulator: EmulatorProcess, prepared: Prepared, count: number, transport?: Transport) => Promise<void>;
	/** Needs a token kept in the credential / an instance to read. */
	huawei: boolean;
	needsInstance: boolean;
}

const numbered = (count: number) => Array.from({ length: count }, (_, n) => ({ n }));
const options = (prepared: Prepared, constant: boolean): WorkflowOptions =>
	constant ? { constant: { instanceId: prepared.instanceId } } : {};

const SCENARIOS: Scenario[] = [
	{
		label: 'Alibaba DLA Create (V3 signature)',
		operation: 'CreateInstance',
		workflow: (prepared, constant) => alibabaCreateWorkflow(options(prepared, constant)),
		items: numbered,
		loop: (emulator, _prepared, count, transport) => alibabaCreateLoop(emulator.alibabaUrl, count, transport),
		huawei: false,
		needsInstance: false,
	},
	{
		label: 'Huawei LakeFormation Create (IAM token)',
		operation: 'CreateLakeFormationInstance',
		workflow: (prepared, constant) => huaweiCreateWorkflow(options(prepared, constant)),
		items: numbered,
		loop: (emulator, { token, projectId }, count, transport) =>
			huaweiCreateLoop(emulator.huaweiUrl, token, projectId, count, transport),
		huawei: true,
		needsInstance: false,
	},
	{
		label: 'Huawei LakeFormation Get (IAM token)',
		operation: 'ShowLakeFormationInstance',
		workflow: (prepared, constant) => huaweiGetWorkflow(options(prepared, constant)),
		items: (count, { instanceId }) => Array.from({ length: count }, () => ({ id: instanceId })),
		loop: (emulator, { token, projectId, instanceId }, count, transport) =>
			huaweiGetLoop(emulator.huaweiUrl, token, projectId, instanceId, count, transport),
		huawei: true,
		needsInstance: true,
	},
];

/** A clean emulator; for Huawei a token kept in the credential (as after the first run) and the instance to read. */
async function prepare(emulator: EmulatorProcess, harness: N8nHarness, scenario: Scenario): Promise<Prepared> {
	await emulator.reset();
	if (!scenario.huawei) return { token: '', projectId: '', instanceId: '' };
	const session = await obtainHuaweiToken(emulator.huaweiUrl, HUAWEI_USER, HUAWEI_REGION);
	setHuaweiSession(harness, emulator, session);
	const instanceId = scenario.needsInstance
		? await createHuaweiInstance(emulator.huaweiUrl, session.token, session.projectId)
		: '';
	return { token: session.token, projectId: session.projectId, instanceId };
}

/** What a request looked like on the wire: method, path, auth-related headers, Connection, body size. */
function describeRequest(request: LoggedRequestView | undefined): string {
	if (!request) return 'none';
	const auth = Object.keys(request.headers)
		.filter((name) => /^(authorization|x-auth-token|x-acs-|content-type|host)/.test(name))
		.sort()
		.join(',');
	const connection = `connection: ${String(request.headers.connection)}`;
	return `${request.method} ${request.path} [${auth}] ${connection} ${request.body === '' ? '(no body)' : `${request.body.length} bytes`} → ${String(request.status)}`;
}

type Side = 'loop' | 'node' | 'keep-alive' | 'n8n-helper' | 'node-constant';
/** The two sides of the ratio, timed in every run. */
const HEADLINE: Side[] = ['loop', 'node'];
/** The rungs in between, for the breakdown only: timed in the first LADDER_RUNS runs. */
const LADDER: Side[] = ['keep-alive', 'n8n-helper', 'node-constant'];
const LADDER_RUNS = 3;

export async function measureOverhead(emulator: EmulatorProcess, { items, runs }: OverheadOptions): Promise<Row[]> {
	const harness = benchHarness(emulator);
	const connections = watchConnections();
	const rows: Row[] = [];

	const runSide = async (scenario: Scenario, side: Side, prepared: Prepared, count: number) => {
		switch (side) {
			case 'loop':
				return await scenario.loop(emulator, prepared, count, 'per-request');
			case 'keep-alive':
			case 'n8n-helper':
				return await scenario.loop(emulator, prepared, count, side);
			case 'node':
			case 'node-constant': {
				const result = await runChecked(harness, scenario.workflow(prepared, side === 'node-constant'), scenario.items(count, prepared));
				return result.task(NODE_NAME).executionTime;
			}
		}
	};

	for (const scenario of SCENARIOS) {
		progress(`overhead: ${scenario.label}: warming up`);
		const warmUp = Math.min(300, items);
		for (const sides of [[...HEADLINE, ...LADDER], HEADLINE]) {
			const prepared = await prepare(emulator, harness, scenario);
			for (const side of sides) await runSide(scenario, side, prepared, warmUp);
		}

		// the same request on the wire from both sides?
		const prepared = await prepare(emulator, harness, scenario);
		await runSide(scenario, 'loop', prepared, 1);
		await runSide(scenario, 'node', prepared, 1);
		const [fromLoop, fromNode] = (await emulator.requests({ operation: scenario.operation })).slice(-2).map(describeRequest);
		const sameOnTheWire = fromLoop === fromNode;
		if (!sameOnTheWire) progress(`  note: the requests differ on the wire:\n    loop: ${fromLoop}\n    node: ${fromNode}`);

		const empty = () => ({ loop: [], node: [], 'keep-alive': [], 'n8n-helper': [], 'node-constant': [] }) as Record<Side, number[]>;
		const ms = empty();
		const cpuMs = empty();
		const nodeOwnMs: number[] = [];
		let loopConnections = 0;
		let nodeConnections = 0;
		let redone = 0;
		for (let run = 0; run < runs; run++) {
			const planned = run < LADDER_RUNS ? [...HEADLINE, ...LADDER] : HEADLINE;
			// alternate the order, so that no side always comes first
			const sides = run % 2 === 0 ? planned : [...planned].reverse();
			for (const side of sides) {
				// a timed run that fails on a connection (not in the code measured) is redone once, and the row says so
				const attempt = async () => {
					const state = await prepare(emulator, harness, scenario);
					const opened = connections.opened();
					return { opened, ...(await timed(() => runSide(scenario, side, state, items))) };
				};
				const { opened: before, ms: elapsed, cpuMs: cpu, value } = await redoOnceOnConnectionFailure(attempt, () => redone++);
				ms[side].push(elapsed);
				cpuMs[side].push(cpu);
				if (side === 'loop') loopConnections += connections.opened() - before;
				if (side === 'node') {
					nodeConnections += connections.opened() - before;
					if (typeof value === 'number') nodeOwnMs.push(value);
				}
			}
			const per = (side: Side) => (ms[side][run] === undefined ? '-' : fixed(ms[side][run] / items, 3));
			progress(
				`overhead: ${scenario.label}: run ${run + 1}/${runs}: loop ${per('loop')}, node ${per('node')} ms/item` +
					(run < LADDER_RUNS ? ` (keep-alive ${per('keep-alive')}, n8n helper ${per('n8n-helper')}, node constant ${per('node-constant')})` : ''),
			);
		}
		await emulator.reset();

		const perItem = (side: Side) => median(ms[side]) / items;
		const cpuPerItem = (side: Side) => median(cpuMs[side]) / items;
		const ratio = median(ms.node) / median(ms.loop);
		const requests = items * runs;
		const rung = (side: Side, label: string) =>
			`${label} ${fixed(perItem(side), 3)} ms (${fixed(perItem(side) / perItem('loop'))}×), CPU ${fixed(cpuPerItem(side), 3)} ms (${fixed(cpuPerItem(side) / cpuPerItem('loop'))}×)`;
		rows.push({
			measure: `Per-item overhead, ${scenario.label}: workflow of ${items.toLocaleString('en-US')} items ÷ raw HTTP loop`,
			value: `${fixed(ratio)}×`,
			target: '≤ 1.10×',
			met: ratio <= 1.1,
			detail:
				`node ${fixed(perItem('node'), 3)} ms/item (n8n's execution time of the node alone ${fixed(median(nodeOwnMs) / items, 3)}), ` +
				`loop ${fixed(perItem('loop'), 3)} ms/item; median of ${runs} runs (spread node ${fixed(spread(ms.node) * 100, 0)} %, loop ${fixed(spread(ms.loop) * 100, 0)} %); ` +
				`TCP connections per request: node ${fixed(nodeConnections / requests)}, loop ${fixed(loopConnections / requests)}; ` +
				`${sameOnTheWire ? 'same request on the wire' : 'the requests DIFFER on the wire'}` +
				`${redone ? `; ${redone} timed run(s) redone after a connection failure` : ''}. ` +
				`Where the time goes, per item, wall time and CPU time of this process (× raw loop; CPU time hardly moves with other load): ` +
				`${rung('loop', 'raw loop')}; ${rung('keep-alive', 'raw loop over one kept-alive connection')}; ` +
				`${rung('n8n-helper', "raw loop through n8n-core's HTTP helper (axios)")}; ${rung('node-constant', 'node with constant parameters')}; ` +
				`${rung('node', 'node with parameters from expressions (the figure above)')}; rungs other than the two compared: median of ${Math.min(runs, LADDER_RUNS)} runs`,
		});
	}
	return rows;
}
