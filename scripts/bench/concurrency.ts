/**
 * Row 4: speed-up from Max Concurrent Requests = 10 over 1, with 50 ms of emulated latency on
 * every cloud response, 200 items, the same workflow otherwise. The nodes send the first item
 * alone (so a credential obtaining a token does so once), then keep 10 in flight: the ideal is
 * 200 / (1 + ⌈199 / 10⌉) = 9.52×.
 *
 * For reference, in the same conditions: the raw HTTP loop of row 1, one at a time and with 10
 * in flight (what the machine allows at this moment), the CPU time used by the benchmark process
 * and by the emulator during the concurrent runs, and how long each TCP connection stays open
 * (connect → close) in the concurrent runs — the time a request waits for a busy event loop
 * shows there.
 */
import os from 'node:os';

import { alibabaCreateLoop, huaweiCreateLoop, obtainHuaweiToken, watchConnections } from './baseline';
import type { EmulatorProcess } from './emulator';
import { fixed, median, progress, redoOnceOnConnectionFailure, timed } from './stats';
import type { Row } from './table';
import {
	alibabaCreateWorkflow,
	benchHarness,
	HUAWEI_REGION,
	HUAWEI_USER,
	huaweiCreateWorkflow,
	runChecked,
	setHuaweiSession,
	type HuaweiSession,
	type WorkflowOptions,
} from './workflows';

interface Case {
	label: string;
	workflow: (options: WorkflowOptions) => ReturnType<typeof alibabaCreateWorkflow>;
	huawei: boolean;
	loop: (emulator: EmulatorProcess, session: HuaweiSession | undefined, items: number) => Promise<void>;
}

const CASES: Case[] = [
	{
		label: 'Alibaba DLA Create',
		workflow: alibabaCreateWorkflow,
		huawei: false,
		loop: (emulator, _session, items) => alibabaCreateLoop(emulator.alibabaUrl, items),
	},
	{
		label: 'Huawei LakeFormation Create',
		workflow: huaweiCreateWorkflow,
		huawei: true,
		loop: (emulator, session, items) =>
			huaweiCreateLoop(emulator.huaweiUrl, session?.token ?? '', session?.projectId ?? '', items),
	},
];

interface Sample {
	ms: number;
	cpuMs: number;
	emulatorCpuMs: number;
	lifetimes: number[];
}

export async function measureConcurrency(
	emulator: EmulatorProcess,
	{ items, latencyMs, concurrency }: { items: number; latencyMs: number; concurrency: number },
): Promise<Row[]> {
	const harness = benchHarness(emulator);
	const connections = watchConnections();
	const inputItems = Array.from({ length: items }, (_, n) => ({ n }));
	const ideal = items / (1 + Math.ceil((items - 1) / concurrency));
	const floor = (1 + Math.ceil((items - 1) / concurrency)) * latencyMs;
	const rows: Row[] = [];

	for (const { label, workflow, huawei, loop } of CASES) {
		/** A clean emulator at the latency, the Huawei token kept in the credential. */
		const fresh = async (): Promise<HuaweiSession | undefined> => {
			await emulator.reset();
			const session = huawei ? await obtainHuaweiToken(emulator.huaweiUrl, HUAWEI_USER, HUAWEI_REGION) : undefined;
			if (session) setHuaweiSession(harness, emulator, session);
			await emulator.setLatency(latencyMs);
			return session;
		};
		let redone = 0;
		const measure = (what: string, work: (session: HuaweiSession | undefined) => Promise<unknown>): Promise<Sample> =>
			redoOnceOnConnectionFailure(() => measureOnce(what, work), () => redone++);
		const measureOnce = async (what: string, work: (session: HuaweiSession | undefined) => Promise<unknown>): Promise<Sample> => {
			const session = await fresh();
			progress(`concurrency: ${label}, ${items} items at ${latencyMs} ms latency: ${what}`);
			const emulatorBefore = emulator.cpuMs();
			connections.recordLifetimes();
			const { ms, cpuMs } = await timed(() => work(session));
			const lifetimes = connections.takeLifetimes();
			const emulatorAfter = emulator.cpuMs();
			const emulatorCpuMs = emulatorBefore === undefined || emulatorAfter === undefined ? NaN : emulatorAfter - emulatorBefore;
			return { ms, cpuMs, emulatorCpuMs, lifetimes };
		};
		const node = (limit: number) =>
			measure(`node, Max Concurrent Requests ${limit}`, () => runChecked(harness, workflow({ concurrency: limit }), inputItems));

		// Max Concurrent Requests 1 takes items × latency, on which noise hardly shows: timed once.
		// The concurrent run is short and noise does show: the median of three.
		const sequential = await node(1);
		const concurrentRuns: Sample[] = [];
		for (let repeat = 0; repeat < 3; repeat++) concurrentRuns.push(await node(concurrency));
		const loopSequential = await measure('raw HTTP loop, one at a time', (session) => loop(emulator, session, items));
		const loopConcurrent = await measure(`raw HTTP loop, ${concurrency} in flight`, (session) =>
			Promise.all(Array.from({ length: concurrency }, () => loop(emulator, session, Math.ceil(items / concurrency)))),
		);
		await emulator.reset();

		const concurrent = median(concurrentRuns.map((one) => one.ms));
		const speedUp = sequential.ms / concurrent;
		const seconds = (ms: number) => `${fixed(ms / 1000)} s`;
		const lifetime = (samples: Sample[]) => fixed(median(samples.flatMap((one) => one.lifetimes)), 1);
		rows.push({
			measure: `Speed-up, ${label}: Max Concurrent Requests ${concurrency} vs 1 (${items} items, ${latencyMs} ms emulated latency)`,
			value: `${fixed(speedUp)}×`,
			target: '≥ 8×',
			met: speedUp >= 8,
			detail:
				`${seconds(sequential.ms)} vs ${seconds(concurrent)} (concurrent: median of 3 runs); ideal ${fixed(ideal)}× ` +
				`(the first item is sent alone; latency alone makes the concurrent run last ≥ ${seconds(floor)}). ` +
				`Raw HTTP loop in the same conditions: ${seconds(loopSequential.ms)} one at a time, ${seconds(loopConcurrent.ms)} with ${concurrency} in flight ` +
				`(${fixed(loopSequential.ms / loopConcurrent.ms)}×); one at a time the node takes ${fixed(sequential.ms / loopSequential.ms, 3)}× the loop. ` +
				`Median TCP connection lifetime with ${concurrency} in flight: node ${lifetime(concurrentRuns)} ms, loop ${lifetime([loopConcurrent])} ms. ` +
				`CPU used during the concurrent run: this process ${seconds(median(concurrentRuns.map((one) => one.cpuMs)))} ` +
				`(loop: ${seconds(loopConcurrent.cpuMs)}), the emulator ${seconds(median(concurrentRuns.map((one) => one.emulatorCpuMs)))}; ` +
				`${os.availableParallelism()} cores shared with whatever else runs` +
				(redone ? `; ${redone} run(s) redone after a connection failure` : ''),
		});
	}
	return rows;
}
