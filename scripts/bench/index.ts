/**
 * `npm run bench`: measures the package against baselines, side by side in one run, and prints
 * ONE table (Markdown) of ratios with their targets. A script, not a test: nothing asserts,
 * a missed target is reported, not failed. Progress goes to stderr, the table to stdout.
 *
 *   node --expose-gc .build/scripts/bench/index.js [--only overhead,signing,tokens,concurrency,package]
 *        [--items 1000] [--runs 5] [--quick]
 *
 * See docs/benchmarks.md for what each row measures and a recorded run.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { EmulatorProcess } from './emulator';
import { progress } from './stats';
import { renderTable, type Row } from './table';

const SECTIONS = ['overhead', 'signing', 'tokens', 'concurrency', 'package'] as const;
type Section = (typeof SECTIONS)[number];

interface Options {
	only: Set<Section>;
	items: number;
	runs: number;
	quick: boolean;
}

function parseOptions(argv: string[]): Options {
	const value = (name: string): string | undefined => {
		const index = argv.indexOf(`--${name}`);
		return index >= 0 ? argv[index + 1] : argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
	};
	const only = value('only');
	const selected = only ? only.split(',').map((name) => name.trim()) : [...SECTIONS];
	for (const name of selected) {
		if (!(SECTIONS as readonly string[]).includes(name)) throw new Error(`unknown section "${name}" (known: ${SECTIONS.join(', ')})`);
	}
	const quick = argv.includes('--quick');
	const count = (name: string, fallback: number) => {
		const parsed = Number(value(name) ?? fallback);
		if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`--${name} must be a whole number of at least 1`);
		return parsed;
	};
	return {
		only: new Set(selected as Section[]),
		items: count('items', quick ? 200 : 1000),
		runs: count('runs', quick ? 3 : 5),
		quick,
	};
}

/** The project root: up from .build/scripts/bench (the compiled layout), else from the working directory. */
function projectRoot(): string {
	for (let dir of [__dirname, process.cwd()]) {
		for (let i = 0; i < 6; i++) {
			try {
				const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string };
				if (manifest.name === 'n8n-nodes-cloud-data-lake') return dir;
			} catch {
				// not here
			}
			dir = path.dirname(dir);
		}
	}
	throw new Error('cannot find the project root (package.json of n8n-nodes-cloud-data-lake)');
}

function machine(): string {
	let cpu = os.cpus()[0]?.model ?? 'unknown CPU';
	try {
		const model = /^model name\s*:\s*(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
		if (model) cpu = model[1].trim();
	} catch {
		// not Linux
	}
	return `${cpu}, ${os.availableParallelism()} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`;
}

/** The commit measured, and whether the package's sources differ from it. */
function revision(root: string): string {
	try {
		const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
		const commit = git('rev-parse', '--short', 'HEAD');
		const changed = git('status', '--porcelain', '--', 'nodes', 'credentials');
		return changed ? `${commit} with uncommitted changes in nodes/ or credentials/` : commit;
	} catch {
		return 'unknown (not a git checkout)';
	}
}

async function main(): Promise<void> {
	const options = parseOptions(process.argv.slice(2));
	const root = projectRoot();
	const tempDir = mkdtempSync(path.join(os.tmpdir(), 'cloud-data-lake-bench-'));
	const started = Date.now();
	const loadBefore = os.loadavg();
	const rows: Row[] = [];
	let emulator: EmulatorProcess | undefined;
	const cleanUp = () => rmSync(tempDir, { recursive: true, force: true });
	process.once('exit', cleanUp);
	for (const signal of ['SIGINT', 'SIGTERM'] as const) {
		process.once(signal, () => {
			void (emulator?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
		});
	}
	if (typeof (globalThis as { gc?: unknown }).gc !== 'function') {
		progress('note: run node with --expose-gc (npm run bench does) for a full GC before every timed run');
	}

	/** Runs one section; a failure becomes a row saying so, and the other sections still run. */
	const section = async (name: Section, measure: () => Promise<Row[]> | Row[]) => {
		if (!options.only.has(name)) return;
		try {
			rows.push(...(await measure()));
		} catch (error) {
			const cause = (error as { cause?: { code?: string; message?: string } }).cause;
			const message = `${error instanceof Error ? error.message : String(error)}${cause ? ` (${cause.code ?? cause.message ?? String(cause)})` : ''}`;
			progress(`${name} failed: ${message}\n${error instanceof Error ? (error.stack ?? '') : ''}`);
			rows.push({ measure: `${name}: could not be measured`, value: 'error', target: '', met: undefined, detail: message });
		}
	};

	try {
		// in the order of the table
		const needsEmulator = ['overhead', 'tokens', 'concurrency'].some((name) => options.only.has(name as Section));
		if (needsEmulator) emulator = await EmulatorProcess.start();
		const running = () => {
			if (!emulator) throw new Error('the emulator is not running');
			return emulator;
		};
		await section('overhead', async () =>
			(await import('./overhead')).measureOverhead(running(), { items: options.items, runs: options.runs }),
		);
		await section('signing', async () =>
			(await import('./signing')).measureSigning({ sampleMs: options.quick ? 100 : 250, samples: options.quick ? 5 : 11 }),
		);
		await section('tokens', async () =>
			(await import('./tokens')).measureTokenRequests(running(), { items: 100, executions: 5, concurrency: 10 }),
		);
		await section('concurrency', async () =>
			(await import('./concurrency')).measureConcurrency(running(), { items: 200, latencyMs: 50, concurrency: 10 }),
		);
		await emulator?.stop();
		emulator = undefined;
		await section('package', async () =>
			(await import('./package')).measurePackage(root, tempDir, { loadSamples: options.quick ? 3 : 11 }),
		);
	} finally {
		await emulator?.stop();
		cleanUp();
	}

	const seconds = Math.round((Date.now() - started) / 1000);
	const load = (values: number[]) => values.map((value) => value.toFixed(1)).join(' / ');
	const met = rows.filter((row) => row.met === true).length;
	process.stdout.write(
		[
			`Benchmark of n8n-nodes-cloud-data-lake — ${new Date().toISOString()}`,
			`Commit: ${revision(root)}`,
			`Machine: ${machine()}`,
			`Load average (1/5/15 min): ${load(loadBefore)} before, ${load(os.loadavg())} after; anything else running on the machine shows in the figures`,
			`Options: ${options.items} items, ${options.runs} runs${options.quick ? ' (--quick: fewer items, runs and samples)' : ''}; took ${seconds} s`,
			'',
			renderTable(rows),
			'',
			`${met} of ${rows.length} targets met.`,
			'',
		].join('\n'),
	);
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
