/**
 * Process handling shared by the e2e test, the demo and the UI test: every child runs in its
 * own process group (n8n starts task runners of its own), its output goes to a log file (never
 * to a pipe that could fill up), and everything still running is stopped on exit, on failure
 * and on Ctrl-C.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const started = Date.now();

/** `[e2e 12.3s] message` */
export function say(tag: string, message: string): void {
	const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
	process.stdout.write(`[${tag} ${seconds}s] ${message}\n`);
}

export function formatMs(ms: number): string {
	return ms >= 60_000 ? `${Math.floor(ms / 60_000)} min ${((ms % 60_000) / 1000).toFixed(0)} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** Runs named steps, printing each one with its duration, and keeps the timings for a summary. */
export class Steps {
	readonly timings: Array<{ name: string; ms: number; ok: boolean }> = [];

	constructor(private readonly tag: string) {}

	log(message: string): void {
		say(this.tag, message);
	}

	async run<T>(name: string, action: () => Promise<T> | T): Promise<T> {
		const begin = Date.now();
		say(this.tag, `▶ ${name}`);
		try {
			const result = await action();
			const ms = Date.now() - begin;
			this.timings.push({ name, ms, ok: true });
			say(this.tag, `✔ ${name} (${formatMs(ms)})`);
			return result;
		} catch (error) {
			const ms = Date.now() - begin;
			this.timings.push({ name, ms, ok: false });
			say(this.tag, `✘ ${name} (${formatMs(ms)})`);
			throw error;
		}
	}

	summary(): string {
		const width = Math.max(...this.timings.map((timing) => timing.name.length), 10);
		const lines = this.timings.map(
			(timing) => `  ${timing.ok ? '✔' : '✘'} ${timing.name.padEnd(width)}  ${formatMs(timing.ms).padStart(10)}`,
		);
		const total = this.timings.reduce((sum, timing) => sum + timing.ms, 0);
		return [...lines, `    ${'total'.padEnd(width)}  ${formatMs(total).padStart(10)}`].join('\n');
	}
}

export interface RunOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	/** stdout and stderr go here (appended); stdout also to `stdoutFile` when given. */
	logFile: string;
	/** Keep stdout apart (e.g. `n8n execute --rawOutput`), to read it afterwards. */
	stdoutFile?: string;
	timeoutMs?: number;
}

export interface RunResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	/** The content of `stdoutFile`, when one was given. */
	stdout: string;
	timedOut: boolean;
}

export interface Service {
	readonly name: string;
	readonly child: ChildProcess;
	readonly logFile: string;
	/** Resolves when the process has ended. */
	readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
	stop(): Promise<void>;
}

/** Children of this process, stopped by `stopAll()` (also registered for exit and signals). */
export class ProcessGroup {
	private readonly services = new Set<Service>();
	private readonly oneShots = new Set<ChildProcess>();
	private stopping: Promise<void> | undefined;

	/** Runs a command to its end; its output goes to the log file. */
	run(command: string, args: string[], options: RunOptions): Promise<RunResult> {
		mkdirSync(dirname(options.logFile), { recursive: true });
		const log = openSync(options.logFile, 'a');
		const out = options.stdoutFile ? openSync(options.stdoutFile, 'w') : log;
		const child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env ?? process.env,
			stdio: ['ignore', out, log],
			detached: true,
		});
		this.oneShots.add(child);
		return new Promise((resolve, reject) => {
			let timedOut = false;
			const timer =
				options.timeoutMs === undefined
					? undefined
					: setTimeout(() => {
							timedOut = true;
							killGroup(child, 'SIGKILL');
						}, options.timeoutMs);
			const finish = () => {
				if (timer) clearTimeout(timer);
				this.oneShots.delete(child);
				closeSync(log);
				if (out !== log) closeSync(out);
			};
			child.once('error', (error) => {
				finish();
				reject(error);
			});
			child.once('exit', (code, signal) => {
				finish();
				// what the process group may have left behind (e.g. n8n's task runner)
				killGroup(child, 'SIGKILL');
				const stdout = options.stdoutFile && existsSync(options.stdoutFile) ? readFileSync(options.stdoutFile, 'utf8') : '';
				resolve({ code, signal, stdout, timedOut });
			});
		});
	}

	/** Like `run`, but fails with the command line and the end of the log unless it exits 0. */
	async mustRun(command: string, args: string[], options: RunOptions): Promise<RunResult> {
		const result = await this.run(command, args, options);
		if (result.code !== 0) {
			throw new Error(
				`${[command, ...args].join(' ')} ${result.timedOut ? 'timed out' : `exited with ${result.code ?? result.signal}`}` +
					`\n--- end of ${options.logFile} ---\n${tail(options.logFile)}`,
			);
		}
		return result;
	}

	/** Starts a long-running process (emulator, n8n server). */
	start(name: string, command: string, args: string[], options: Omit<RunOptions, 'stdoutFile' | 'timeoutMs'>): Service {
		mkdirSync(dirname(options.logFile), { recursive: true });
		const log = openSync(options.logFile, 'a');
		const child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env ?? process.env,
			stdio: ['ignore', log, log],
			detached: true,
		});
		closeSync(log);
		const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
			child.once('exit', (code, signal) => resolve({ code, signal }));
			child.once('error', () => resolve({ code: null, signal: null }));
		});
		const service: Service = {
			name,
			child,
			logFile: options.logFile,
			exited,
			stop: async () => {
				await stopChild(child, exited);
				this.services.delete(service);
			},
		};
		this.services.add(service);
		return service;
	}

	/** Stops every service (latest first) and every command still running. Safe to call twice. */
	stopAll(): Promise<void> {
		this.stopping ??= (async () => {
			for (const child of this.oneShots) killGroup(child, 'SIGKILL');
			for (const service of [...this.services].reverse()) await service.stop();
		})();
		return this.stopping;
	}

	/**
	 * Stops everything on Ctrl-C / SIGTERM (then exits 130 / 143) and, as a last resort, kills
	 * the children synchronously when this process exits.
	 */
	installSignalHandlers(onSignal?: (signal: NodeJS.Signals) => void): void {
		for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
			process.once(signal, () => {
				onSignal?.(signal);
				const code = signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 129;
				this.stopAll().finally(() => process.exit(code));
				// a second Ctrl-C does not wait
				process.once(signal, () => {
					this.killAllNow();
					process.exit(code);
				});
			});
		}
		process.once('exit', () => this.killAllNow());
	}

	private killAllNow(): void {
		for (const child of this.oneShots) killGroup(child, 'SIGKILL');
		for (const service of this.services) killGroup(service.child, 'SIGKILL');
	}
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// the group is gone already
	}
}

async function stopChild(
	child: ChildProcess,
	exited: Promise<unknown>,
): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) {
		killGroup(child, 'SIGKILL');
		return;
	}
	killGroup(child, 'SIGTERM');
	const stopped = await Promise.race([exited.then(() => true), delay(15_000).then(() => false)]);
	killGroup(child, 'SIGKILL');
	if (!stopped) await Promise.race([exited, delay(5_000)]);
}

export function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The last lines of a log file, for error messages. */
export function tail(file: string, lines = 40): string {
	if (!existsSync(file)) return '(no log)';
	return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function waitFor<T>(
	what: string,
	check: () => Promise<T | undefined>,
	{ timeoutMs, intervalMs = 250, service }: { timeoutMs: number; intervalMs?: number; service?: Service },
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let lastError: unknown;
	for (;;) {
		if (service && (service.child.exitCode !== null || service.child.signalCode !== null)) {
			throw new Error(`${service.name} exited while waiting for ${what}\n--- end of ${service.logFile} ---\n${tail(service.logFile)}`);
		}
		try {
			const value = await check();
			if (value !== undefined) return value;
		} catch (error) {
			lastError = error;
		}
		if (Date.now() > deadline) {
			const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
			const log = service ? `\n--- end of ${service.logFile} ---\n${tail(service.logFile)}` : '';
			throw new Error(`Timed out after ${formatMs(timeoutMs)} waiting for ${what}${detail}${log}`);
		}
		await delay(intervalMs);
	}
}

/** The repository root: the folder whose package.json is this package's. */
export function repoRoot(): string {
	let dir = __dirname;
	for (;;) {
		const manifest = join(dir, 'package.json');
		if (existsSync(manifest)) {
			try {
				if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'n8n-nodes-cloud-data-lake') return dir;
			} catch {
				// not this one
			}
		}
		const parent = dirname(dir);
		if (parent === dir) throw new Error(`No n8n-nodes-cloud-data-lake package.json above ${__dirname}`);
		dir = parent;
	}
}

/** Fails with a clear message when something listens on the port already. */
export async function assertPortsFree(ports: Array<{ port: number; what: string }>, host = '127.0.0.1'): Promise<void> {
	const { createServer } = await import('node:net');
	for (const { port, what } of ports) {
		await new Promise<void>((resolve, reject) => {
			const server = createServer();
			server.once('error', (error: NodeJS.ErrnoException) =>
				reject(
					new Error(
						error.code === 'EADDRINUSE'
							? `Port ${port} (${what}) is in use on ${host}: stop what runs there, or choose other ports (see --help)`
							: `Cannot listen on ${host}:${port} (${what}): ${error.message}`,
					),
				),
			);
			server.listen(port, host, () => server.close(() => resolve()));
		});
	}
}
