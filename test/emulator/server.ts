/**
 * The emulator's HTTP server: one listener per cloud on 127.0.0.1, a request log, fault
 * injection, optional latency, and a small JSON control API under `/__emulator/` on both
 * listeners (for tests running in another process).
 *
 *   const emulator = await startEmulator({ huawei: { readinessDelayMs: 300 } });
 *   emulator.injectFault({ kind: 'throttle', cloud: 'huawei', operation: 'CreateLakeFormationInstance' });
 *   ... drive emulator.alibabaUrl / emulator.huaweiUrl ...
 *   expect(emulator.requestsFor({ operation: 'KeystoneCreateUserTokenByPassword' })).toHaveLength(1);
 *   await emulator.close();
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { AlibabaEmulator, type AlibabaOptions } from './alibaba';
import { FaultQueue, type Fault, type FaultKind, type FaultSpec } from './faults';
import { HuaweiEmulator, type HuaweiOptions } from './huawei';
import {
	firstValue,
	queryFromUrl,
	randomHex,
	sleep,
	type Cloud,
	type CloudEmulator,
	type QueryValues,
	type ReceivedRequest,
	type Reply,
} from './http';

export interface EmulatorOptions {
	/** Listen address (default 127.0.0.1). */
	host?: string;
	/** Fixed ports (default 0: ephemeral). */
	alibabaPort?: number;
	huaweiPort?: number;
	/** Delay added to every cloud response (not to the control API), e.g. for benchmarks. */
	latencyMs?: number;
	alibaba?: AlibabaOptions;
	huawei?: HuaweiOptions;
	/** Called after each cloud request has been answered (the CLI prints them). */
	onRequest?: (entry: LoggedRequest) => void;
}

/** One cloud request as received (control API requests are not logged). */
export interface LoggedRequest {
	seq: number;
	at: string;
	cloud: Cloud;
	method: string;
	path: string;
	query: QueryValues;
	headers: Record<string, string | string[] | undefined>;
	body: string;
	/** Alibaba Action or Huawei SDK operation name; `Unknown` when no route matched. */
	operation: string;
	/** Status answered; undefined while in flight and for a `reset` fault. */
	status?: number;
	/** The fault applied to this request, if any. */
	fault?: FaultKind;
}

/** A body posted to `/__emulator/notifications` (stands in for Slack / webhook targets). */
export interface Notification {
	receivedAt: string;
	path: string;
	headers: Record<string, string | string[] | undefined>;
	/** Parsed JSON, or the raw text when the body is not JSON. */
	body: unknown;
}

export interface EmulatorState {
	alibaba: ReturnType<AlibabaEmulator['state']>;
	huawei: ReturnType<HuaweiEmulator['state']>;
	faults: Fault[];
	latencyMs: number;
	requestCount: number;
	notificationCount: number;
}

export interface Emulator {
	readonly alibabaUrl: string;
	readonly huaweiUrl: string;
	readonly alibaba: AlibabaEmulator;
	readonly huawei: HuaweiEmulator;
	readonly faults: FaultQueue;
	/** Every cloud request received, oldest first (the same array across `reset()`). */
	readonly requests: LoggedRequest[];
	readonly notifications: Notification[];
	/** Delay added to every cloud response. */
	latencyMs: number;
	injectFault(spec: FaultSpec): Fault;
	requestsFor(filter: { cloud?: Cloud; operation?: string }): LoggedRequest[];
	state(): EmulatorState;
	/** Clears instances, tokens, nonces, faults, the request log and notifications; restores settings. */
	reset(): void;
	close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
	const emulator = new HttpEmulator(options);
	await emulator.listen(options.host ?? '127.0.0.1', options.alibabaPort ?? 0, options.huaweiPort ?? 0);
	return emulator;
}

// ---------------------------------------------------------------- implementation

class HttpEmulator implements Emulator {
	alibabaUrl = '';
	huaweiUrl = '';
	readonly alibaba: AlibabaEmulator;
	readonly huawei: HuaweiEmulator;
	readonly faults = new FaultQueue();
	readonly requests: LoggedRequest[] = [];
	readonly notifications: Notification[] = [];
	latencyMs: number;

	private readonly servers: Server[] = [];
	private seq = 0;

	constructor(private readonly options: EmulatorOptions) {
		this.alibaba = new AlibabaEmulator(options.alibaba);
		this.huawei = new HuaweiEmulator(options.huawei);
		this.latencyMs = options.latencyMs ?? 0;
	}

	async listen(host: string, alibabaPort: number, huaweiPort: number): Promise<void> {
		this.alibabaUrl = await this.listenFor(this.alibaba, host, alibabaPort);
		this.huaweiUrl = await this.listenFor(this.huawei, host, huaweiPort);
	}

	injectFault(spec: FaultSpec): Fault {
		return this.faults.add(spec);
	}

	requestsFor(filter: { cloud?: Cloud; operation?: string }): LoggedRequest[] {
		return this.requests.filter(
			(entry) =>
				(filter.cloud === undefined || entry.cloud === filter.cloud) &&
				(filter.operation === undefined || entry.operation === filter.operation),
		);
	}

	state(): EmulatorState {
		return {
			alibaba: this.alibaba.state(),
			huawei: this.huawei.state(),
			faults: this.faults.pending(),
			latencyMs: this.latencyMs,
			requestCount: this.requests.length,
			notificationCount: this.notifications.length,
		};
	}

	reset(): void {
		this.alibaba.reset();
		this.huawei.reset();
		this.faults.clear();
		this.requests.length = 0;
		this.notifications.length = 0;
		this.latencyMs = this.options.latencyMs ?? 0;
	}

	async close(): Promise<void> {
		await Promise.all(
			this.servers.map(
				(server) =>
					new Promise<void>((resolve) => {
						server.close(() => resolve());
						server.closeAllConnections();
					}),
			),
		);
	}

	// ------------------------------------------------------------ per request

	private listenFor(cloud: CloudEmulator, host: string, port: number): Promise<string> {
		const server = createServer((req, res) => {
			this.serve(cloud, req, res).catch((error: unknown) => {
				if (!res.headersSent && !res.destroyed) {
					res.writeHead(500, { 'content-type': 'application/json' });
					res.end(JSON.stringify({ emulatorError: String(error) }));
				}
			});
		});
		this.servers.push(server);
		return new Promise((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, host, () => {
				const address = server.address() as AddressInfo;
				resolve(`http://${host}:${address.port}`);
			});
		});
	}

	private async serve(cloud: CloudEmulator, req: IncomingMessage, res: ServerResponse): Promise<void> {
		const request = await readRequest(req, cloud.cloud);
		if (request.path.startsWith('/__emulator/')) {
			send(res, this.control(request));
			return;
		}

		const route = cloud.route(request);
		const entry: LoggedRequest = {
			seq: ++this.seq,
			at: new Date().toISOString(),
			cloud: cloud.cloud,
			method: request.method,
			path: request.path,
			query: request.query,
			headers: { ...request.headers },
			body: request.body,
			operation: route.operation,
		};
		this.requests.push(entry);
		const fault = this.faults.take(cloud.cloud, route.operation);
		entry.fault = fault?.kind;
		if (this.latencyMs > 0) await sleep(this.latencyMs);

		let reply: Reply;
		if (!fault) {
			reply = route.handle();
		} else if (fault.kind === 'slow') {
			await sleep(fault.ms ?? 0);
			reply = route.handle();
		} else if (fault.kind === 'reset') {
			if (fault.processed) route.handle();
			req.socket.destroy();
			this.options.onRequest?.(entry);
			return;
		} else if (fault.kind === 'malformed') {
			const real = fault.processed ? route.handle() : { status: 200, body: { request_id: randomHex(16) } };
			const text = typeof real.body === 'string' ? real.body : JSON.stringify(real.body ?? { truncated: true });
			reply = {
				status: 200,
				headers: { 'content-type': 'application/json;charset=utf-8' },
				body: text.slice(0, Math.max(1, Math.floor(text.length / 2))),
			};
		} else {
			if (fault.processed) route.handle();
			reply = cloud.renderFault(fault, request);
		}
		entry.status = reply.status;
		send(res, { ...reply, headers: { ...cloud.commonHeaders(), ...reply.headers } });
		this.options.onRequest?.(entry);
	}

	// ------------------------------------------------------------ control API

	private control(request: ReceivedRequest): Reply {
		const route = `${request.method} ${request.path.replace(/\/$/, '')}`;
		const ok = (body: unknown, status = 200): Reply => ({ status, body });
		const bad = (message: string, status = 400): Reply => ({ status, body: { error: message } });
		let body: unknown;
		if (request.body !== '') {
			try {
				body = JSON.parse(request.body);
			} catch {
				body = request.body;
			}
		}

		switch (route) {
			case 'GET /__emulator/state':
				return ok(this.state());
			case 'POST /__emulator/reset':
				this.reset();
				return ok({ reset: true });
			case 'GET /__emulator/requests': {
				const cloud = firstValue(request.query.cloud) as Cloud | undefined;
				const operation = firstValue(request.query.operation);
				return ok({ requests: this.requestsFor({ cloud, operation }) });
			}
			case 'DELETE /__emulator/requests':
				this.requests.length = 0;
				return ok({ cleared: true });
			case 'GET /__emulator/faults':
				return ok({ faults: this.faults.pending() });
			case 'POST /__emulator/faults': {
				const specs = (Array.isArray(body) ? body : [body]) as FaultSpec[];
				try {
					return ok({ faults: specs.map((spec) => this.faults.add(spec)) }, 201);
				} catch (error) {
					return bad(error instanceof Error ? error.message : String(error));
				}
			}
			case 'DELETE /__emulator/faults':
				this.faults.clear();
				return ok({ cleared: true });
			case 'POST /__emulator/settings':
				return this.applySettings(body);
			case 'POST /__emulator/huawei/expire-tokens':
				this.huawei.expireAllTokens();
				return ok({ expired: this.huawei.tokens.size });
			case 'POST /__emulator/notifications':
				this.notifications.push({
					receivedAt: new Date().toISOString(),
					path: request.path,
					headers: { ...request.headers },
					body,
				});
				return ok({ stored: this.notifications.length }, 201);
			case 'GET /__emulator/notifications':
				return ok({ notifications: this.notifications });
			case 'DELETE /__emulator/notifications':
				this.notifications.length = 0;
				return ok({ cleared: true });
			default:
				return bad(`no control route ${route}`, 404);
		}
	}

	/** `{latencyMs?, huawei?: {tokenLifetimeMs?, readinessDelayMs?, failNamePattern?: string|null, failNextCreates?}}` */
	private applySettings(body: unknown): Reply {
		if (typeof body !== 'object' || body === null) return { status: 400, body: { error: 'settings must be a JSON object' } };
		const settings = body as {
			latencyMs?: number;
			huawei?: { tokenLifetimeMs?: number; readinessDelayMs?: number; failNamePattern?: string | null; failNextCreates?: number };
		};
		if (typeof settings.latencyMs === 'number') this.latencyMs = settings.latencyMs;
		const huawei = settings.huawei ?? {};
		if (typeof huawei.tokenLifetimeMs === 'number') this.huawei.tokenLifetimeMs = huawei.tokenLifetimeMs;
		if (typeof huawei.readinessDelayMs === 'number') this.huawei.readinessDelayMs = huawei.readinessDelayMs;
		if (typeof huawei.failNextCreates === 'number') this.huawei.failNextCreates = huawei.failNextCreates;
		if (huawei.failNamePattern === null) this.huawei.failNamePattern = undefined;
		else if (typeof huawei.failNamePattern === 'string') this.huawei.failNamePattern = new RegExp(huawei.failNamePattern);
		return { status: 200, body: { latencyMs: this.latencyMs, huawei: this.huawei.state().settings } };
	}
}

// ---------------------------------------------------------------- HTTP helpers

async function readRequest(req: IncomingMessage, cloud: Cloud): Promise<ReceivedRequest> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const rawBody = Buffer.concat(chunks);
	const host = req.headers.host ?? '127.0.0.1';
	const target = req.url ?? '/';
	return {
		cloud,
		method: req.method ?? 'GET',
		path: target.split('?')[0] || '/',
		query: queryFromUrl(new URL(target, 'http://emulator')),
		headers: req.headers,
		host,
		rawBody,
		body: rawBody.toString('utf8'),
	};
}

function send(res: ServerResponse, reply: Reply): void {
	if (res.destroyed) return;
	const headers: Record<string, string> = { ...reply.headers };
	let payload: string | undefined;
	if (typeof reply.body === 'string') {
		payload = reply.body;
	} else if (reply.body !== undefined) {
		payload = JSON.stringify(reply.body);
		if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
			headers['content-type'] = 'application/json;charset=utf-8';
		}
	}
	res.writeHead(reply.status, headers);
	res.end(payload);
}
