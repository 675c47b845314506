/**
 * Starts ./emulator-process.js as a child process and talks to it through the emulator's
 * control API (`/__emulator/...`, see test/emulator/README.md).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

export interface LoggedRequestView {
	cloud: string;
	method: string;
	path: string;
	headers: Record<string, string | string[] | undefined>;
	body: string;
	operation: string;
	status?: number;
}

export class EmulatorProcess {
	private constructor(
		private readonly child: ChildProcess,
		readonly alibabaUrl: string,
		readonly huaweiUrl: string,
	) {}

	static async start(): Promise<EmulatorProcess> {
		const script = path.join(__dirname, 'emulator-process.js');
		const child = spawn(process.execPath, [script], { stdio: ['pipe', 'pipe', 'inherit'] });
		const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
		const exited = once(child, 'exit').then(([code]) => {
			throw new Error(`the emulator process exited (code ${String(code)}) before it was ready`);
		});
		const ready = (async () => {
			for await (const line of lines) {
				const urls = JSON.parse(line) as { alibabaUrl: string; huaweiUrl: string };
				return urls;
			}
			throw new Error('the emulator process closed its output before it was ready');
		})();
		const urls = await Promise.race([ready, exited]);
		exited.catch(() => undefined);
		lines.close();
		return new EmulatorProcess(child, urls.alibabaUrl, urls.huaweiUrl);
	}

	/**
	 * A control API call. Every call the bench makes is idempotent, so a connection failure (the
	 * machine can run short of ephemeral ports: n8n opens a connection per request) is retried.
	 */
	private async control(method: string, route: string, body?: unknown): Promise<unknown> {
		for (let attempt = 1; ; attempt++) {
			let response: Response;
			try {
				response = await fetch(`${this.alibabaUrl}/__emulator/${route}`, {
					method,
					headers: body === undefined ? {} : { 'content-type': 'application/json' },
					body: body === undefined ? undefined : JSON.stringify(body),
				});
			} catch (error) {
				if (attempt >= 5) throw error;
				await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
				continue;
			}
			const text = await response.text();
			if (!response.ok) throw new Error(`emulator control ${method} ${route}: ${response.status} ${text}`);
			return text ? JSON.parse(text) : undefined;
		}
	}

	/** Clears instances, tokens, nonces, the request log; latency back to 0. */
	async reset(): Promise<void> {
		await this.control('POST', 'reset');
	}

	async setLatency(latencyMs: number): Promise<void> {
		await this.control('POST', 'settings', { latencyMs });
	}

	async requests(filter: { cloud?: string; operation?: string } = {}): Promise<LoggedRequestView[]> {
		const query = new URLSearchParams(filter as Record<string, string>).toString();
		const answer = (await this.control('GET', `requests${query ? `?${query}` : ''}`)) as {
			requests: LoggedRequestView[];
		};
		return answer.requests;
	}

	async clearRequests(): Promise<void> {
		await this.control('DELETE', 'requests');
	}

	/** CPU time the emulator process has used so far (Linux /proc), or undefined elsewhere. */
	cpuMs(): number | undefined {
		try {
			// fields after the command name: state is the 3rd field; utime and stime are the 14th and 15th
			const stat = readFileSync(`/proc/${String(this.child.pid)}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			const ticks = Number(fields[11]) + Number(fields[12]);
			return Number.isFinite(ticks) ? ticks * 10 : undefined; // USER_HZ is 100 on Linux
		} catch {
			return undefined;
		}
	}

	/** Stops the child (its own PID only) and waits for it. */
	async stop(): Promise<void> {
		if (this.child.exitCode !== null || this.child.signalCode !== null) return;
		const exited = once(this.child, 'exit');
		this.child.stdin?.end();
		const timer = setTimeout(() => this.child.kill('SIGKILL'), 3000);
		await exited;
		clearTimeout(timer);
	}
}
