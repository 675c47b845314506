/**
 * Shared HTTP plumbing of the emulator: what a received request and a reply look like,
 * and the contract each cloud implements. The server (server.ts) owns the sockets; the
 * clouds (alibaba.ts, huawei.ts) only see `ReceivedRequest` and answer with a `Reply`.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

import type { Fault } from './faults';

export type Cloud = 'alibaba' | 'huawei';

export type QueryValues = Record<string, string | string[]>;

/** One request as the clouds see it: already read in full, query decoded. */
export interface ReceivedRequest {
	cloud: Cloud;
	method: string;
	/** The path as sent (not percent-decoded), without the query. */
	path: string;
	/** Decoded query parameters; a repeated name gives an array. */
	query: QueryValues;
	/** Node's lowercased headers. */
	headers: IncomingHttpHeaders;
	/** The Host header, e.g. `127.0.0.1:8787`. */
	host: string;
	rawBody: Buffer;
	body: string;
}

/** A reply: an object body is sent as JSON, a string as it is, undefined as an empty body. */
export interface Reply {
	status: number;
	headers?: Record<string, string>;
	body?: unknown;
}

/** What a cloud decided about a request before running it: its operation name and how to run it. */
export interface Route {
	operation: string;
	handle(): Reply;
}

/** The contract of a cloud behind one listener. */
export interface CloudEmulator {
	readonly cloud: Cloud;
	route(request: ReceivedRequest): Route;
	/** The cloud's own error body for an injected fault (never called for slow/reset/malformed). */
	renderFault(fault: Fault, request: ReceivedRequest): Reply;
	/** Headers every reply of this cloud carries (e.g. Huawei's X-request-id). */
	commonHeaders(): Record<string, string>;
	state(): unknown;
	reset(): void;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
	return { status, body, headers };
}

export function firstValue(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[value.length - 1] : value;
}

export function header(request: ReceivedRequest, name: string): string | undefined {
	const value = request.headers[name.toLowerCase()];
	return Array.isArray(value) ? value.join(',') : value;
}

export function sha256Hex(data: string | Buffer): string {
	return createHash('sha256').update(data).digest('hex');
}

/** Deterministic lowercase hex ID derived from a seed (project, domain and user IDs). */
export function stableHex(seed: string, length = 32): string {
	return sha256Hex(seed).slice(0, length);
}

/** Alibaba-style request ID: an uppercase UUID. */
export function upperUuid(): string {
	return randomUUID().toUpperCase();
}

export function randomHex(bytes: number): string {
	return randomBytes(bytes).toString('hex');
}

export function randomAlphanumeric(length: number): string {
	const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
	const bytes = randomBytes(length);
	let out = '';
	for (let i = 0; i < length; i++) out += alphabet[bytes[i] % alphabet.length];
	return out;
}

export function queryFromUrl(url: URL): QueryValues {
	const query: QueryValues = {};
	for (const [key, value] of url.searchParams) {
		const existing = query[key];
		if (existing === undefined) query[key] = value;
		else query[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
	}
	return query;
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
