/**
 * Captures everything n8n logs while the harness runs a workflow.
 *
 * n8n has two logger entry points and both end up here:
 * - `LoggerProxy` (n8n-workflow), used by WorkflowExecute and n8n-workflow itself;
 * - `Container.get(Logger)` (@n8n/backend-common), used by n8n-core services and by nodes as
 *   `this.logger`. The real `Logger`, when the container builds it, calls `LoggerProxy.init(itself)`,
 *   which would silently replace our capture; so we register our logger in the container first.
 *
 * Lines are formatted as `<level> <message> <metadata as JSON>`: metadata is included in full on
 * purpose, so secret-hygiene tests see everything a real log transport could print.
 * Set `N8N_HARNESS_LOG=1` to also print the lines to the console while debugging.
 */
import { Logger as BackendLogger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger as N8nLogger, LogMetadata } from 'n8n-workflow';
import { LoggerProxy } from 'n8n-workflow';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

/** Where the lines of one harness run go (set for the duration of `N8nHarness.run`). */
export interface LogCollector {
	lines: string[];
	/** The harness-wide list the run's lines are also appended to. */
	harnessLines: string[];
}

export const runScope = new AsyncLocalStorage<LogCollector>();

/** Harness-wide lists receiving lines logged outside of any run. */
const harnessSinks = new Set<string[]>();

export function registerHarnessSink(lines: string[]): void {
	harnessSinks.add(lines);
}

/** JSON that survives Errors, circular references, bigint, functions and symbols. */
export function safeStringify(value: unknown): string {
	const seen = new WeakSet<object>();
	const replacer = (_key: string, val: unknown): unknown => {
		if (typeof val === 'bigint') return `${val.toString()}n`;
		if (typeof val === 'function') return `[Function ${val.name || 'anonymous'}]`;
		if (typeof val === 'symbol') return val.toString();
		if (val instanceof Error) {
			if (seen.has(val)) return '[Circular]';
			seen.add(val);
			const out: Record<string, unknown> = { name: val.name, message: val.message };
			for (const key of Object.keys(val)) out[key] = (val as unknown as Record<string, unknown>)[key];
			if (val.cause !== undefined) out.cause = val.cause;
			return out;
		}
		if (val !== null && typeof val === 'object') {
			if (seen.has(val)) return '[Circular]';
			seen.add(val);
		}
		return val;
	};
	try {
		return JSON.stringify(value, replacer) ?? '';
	} catch (error) {
		return `[unserialisable: ${(error as Error).message}]`;
	}
}

function formatLine(level: LogLevel, message: string, metadata?: Record<string, unknown>): string {
	const meta = metadata && Object.keys(metadata).length > 0 ? ` ${safeStringify(metadata)}` : '';
	return `${level} ${message}${meta}`;
}

class CapturingLogger implements N8nLogger {
	constructor(private readonly scopes: string[] = []) {}

	private write(level: LogLevel, message: string, metadata?: LogMetadata): void {
		const scoped = this.scopes.length > 0 ? { ...(metadata ?? {}), scopes: this.scopes } : metadata;
		const line = formatLine(level, String(message), scoped);
		const collector = runScope.getStore();
		if (collector) {
			collector.lines.push(line);
			collector.harnessLines.push(line);
		} else {
			for (const sink of harnessSinks) sink.push(line);
		}
		if (process.env.N8N_HARNESS_LOG === '1') console.log(`[n8n] ${line}`);
	}

	error(message: string, metadata?: LogMetadata): void {
		this.write('error', message, metadata);
	}

	warn(message: string, metadata?: LogMetadata): void {
		this.write('warn', message, metadata);
	}

	info(message: string, metadata?: LogMetadata): void {
		this.write('info', message, metadata);
	}

	debug(message: string, metadata?: LogMetadata): void {
		this.write('debug', message, metadata);
	}

	/** `@n8n/backend-common`'s Logger API used by n8n-core services. */
	scoped(scopes: string | string[]): CapturingLogger {
		return new CapturingLogger([...this.scopes, ...(Array.isArray(scopes) ? scopes : [scopes])]);
	}
}

let installed: CapturingLogger | undefined;

/** Installs the capturing logger once per process (idempotent). */
export function installCapturingLogger(): void {
	if (installed) return;
	installed = new CapturingLogger();
	Container.set(BackendLogger, installed as unknown as BackendLogger);
	LoggerProxy.init(installed);
}
