/** Small measuring helpers shared by the benchmark sections. */

export function median(values: number[]): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Spread of a sample as (max - min) / median, to tell a stable figure from a noisy one. */
export function spread(values: number[]): number {
	return (Math.max(...values) - Math.min(...values)) / median(values);
}

/** A full collection before a timed run, when node runs with --expose-gc (npm run bench does). */
export function collectGarbage(): void {
	const gc = (globalThis as { gc?: () => void }).gc;
	if (typeof gc === 'function') gc();
}

/**
 * Wall time, and the CPU time of this whole process (all its threads), of `work`, after a full
 * GC. CPU time hardly moves when other processes compete for the cores; wall time does.
 */
export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> {
	collectGarbage();
	const cpuBefore = process.cpuUsage();
	const started = performance.now();
	const value = await work();
	const ms = performance.now() - started;
	const cpu = process.cpuUsage(cpuBefore);
	return { ms, cpuMs: (cpu.user + cpu.system) / 1000, value };
}

export function fixed(value: number, digits = 2): string {
	return Number.isFinite(value) ? value.toFixed(digits) : String(value);
}

const startedAt = performance.now();

/** Logs progress on stderr (seconds since start), so stdout carries only the table. */
export function progress(message: string): void {
	process.stderr.write(`[bench ${((performance.now() - startedAt) / 1000).toFixed(0).padStart(3)} s] ${message}\n`);
}

/** Connection-level failures that say nothing about the code measured (e.g. ephemeral ports running short). */
export function isConnectionFailure(error: unknown): boolean {
	const seen = new Set<unknown>();
	for (let current = error; current && !seen.has(current); current = (current as { cause?: unknown }).cause) {
		seen.add(current);
		const { code, message } = current as { code?: string; message?: string };
		if (code && ['ECONNRESET', 'ECONNREFUSED', 'EADDRNOTAVAIL', 'EPIPE', 'ETIMEDOUT'].includes(code)) return true;
		if (message && /socket hang up|fetch failed|ECONNRESET|EADDRNOTAVAIL|ECONNREFUSED|connection was closed before a response|connection was refused/.test(message)) return true;
	}
	return false;
}

export const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work`; if it fails on a connection (see isConnectionFailure), waits 5 s and runs it once
 * more, calling `onRedo` so that the row can say so. Any other failure is thrown as it is.
 */
export async function redoOnceOnConnectionFailure<T>(work: () => Promise<T>, onRedo: () => void): Promise<T> {
	try {
		return await work();
	} catch (error) {
		if (!isConnectionFailure(error)) throw error;
		progress(`  ${error instanceof Error ? error.message : String(error)}: not the code measured; redoing in 5 s`);
		onRedo();
		await pause(5000);
		return await work();
	}
}
