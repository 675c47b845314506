/**
 * The baseline: a plain loop sending the same signed requests as the nodes, one after the
 * other, with node:http and the project's own signers, and nothing else (no n8n, no
 * validation, no retries). Connection handling matches n8n-core's: its request helper
 * (@n8n/backend-network, axios) builds a new `http.Agent` for every request, without keep-alive,
 * so every request opens its own TCP connection — and so does this loop (checked by counting
 * connections, see countConnections). The same loops can also send through a kept-alive
 * connection or through n8n-core's HTTP helper, for the breakdown of where the time goes.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { Socket } from 'node:net';

// first: loads the harness, which prepares the environment before any n8n package is loaded
import { ALIBABA_ACCOUNT, ALIBABA_CREATE, ALIBABA_REGION, instanceName } from './workflows';

import { OutboundHttp } from '@n8n/backend-network';
import { Container } from '@n8n/di';
import type { IHttpRequestOptions } from 'n8n-workflow';

import { formatAlibabaTimestamp, signAcs3 } from '../../credentials/alibabaCloudSignature';
import { canonicalQuery } from '../../credentials/rfc3986';

export interface Answer {
	status: number;
	body: string;
}

/** How the loop sends: see TRANSPORTS. */
export type Transport = 'per-request' | 'keep-alive' | 'n8n-helper';

type Send = (url: string, method: string, headers: Record<string, string>, body: string | undefined) => Promise<Answer>;

function nodeHttp(agent: () => http.Agent): Send {
	return (url, method, headers, body) =>
		new Promise((resolve, reject) => {
			const request = http.request(url, { method, headers, agent: agent() }, (response) => {
				const chunks: string[] = [];
				response.setEncoding('utf8');
				response.on('data', (chunk: string) => chunks.push(chunk));
				response.on('end', () => resolve({ status: response.statusCode ?? 0, body: chunks.join('') }));
				response.on('error', reject);
			});
			request.on('error', reject);
			request.end(body);
		});
}

const keepAliveAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/**
 * n8n-core's own HTTP helper (what `this.helpers.httpRequest*` ends in: @n8n/backend-network's
 * OutboundHttp, axios underneath), with the options the nodes' transport passes. Not a
 * baseline: a rung between the raw loop and the node, to tell n8n's HTTP stack from the rest.
 */
const n8nHelper: Send = async (url, method, headers, body) => {
	const response = await Container.get(OutboundHttp)
		.requests()
		.request<string>({
			url,
			method: method as IHttpRequestOptions['method'],
			headers,
			body,
			returnFullResponse: true,
			json: false,
			encoding: 'text',
			ignoreHttpStatusErrors: true,
			timeout: 60_000,
		});
	return { status: response.statusCode, body: String(response.body) };
};

const TRANSPORTS: Record<Transport, Send> = {
	/** A new agent without keep-alive per request, as n8n-core does: one TCP connection each. */
	'per-request': nodeHttp(() => new http.Agent()),
	/** One kept-alive connection for the whole loop (for comparison only). */
	'keep-alive': nodeHttp(() => keepAliveAgent),
	'n8n-helper': n8nHelper,
};

export function send(
	url: string,
	method: string,
	headers: Record<string, string>,
	body: string | undefined,
	transport: Transport = 'per-request',
): Promise<Answer> {
	return TRANSPORTS[transport](url, method, headers, body);
}

/** Parses the JSON answer and insists on success, as the nodes do. */
function expectOk(answer: Answer, what: string): Record<string, unknown> {
	if (answer.status < 200 || answer.status >= 300) throw new Error(`baseline ${what}: HTTP ${answer.status} ${answer.body}`);
	return JSON.parse(answer.body) as Record<string, unknown>;
}

/** The Component value the node sends for item n (every value a string, the API reference's key order). */
function component(n: number): string {
	return JSON.stringify({
		operable: String(ALIBABA_CREATE.operable),
		max_cu: String(ALIBABA_CREATE.maxCu),
		instance_name: instanceName(n),
		min_cu: String(ALIBABA_CREATE.minCu),
		engine: ALIBABA_CREATE.engine,
		region: ALIBABA_REGION,
		app_name: ALIBABA_CREATE.appName,
		app_version_name: ALIBABA_CREATE.appVersionName,
	});
}

/** CreateInstance with the V3 signature (the credential's default), a fresh date and nonce each. */
export async function alibabaCreateLoop(baseUrl: string, items: number, transport?: Transport): Promise<void> {
	const url = `${baseUrl}/`;
	const host = new URL(url).host;
	for (let n = 0; n < items; n++) {
		const body = canonicalQuery({
			RegionId: ALIBABA_REGION,
			ChargeType: ALIBABA_CREATE.chargeType,
			InstanceType: ALIBABA_CREATE.instanceType,
			Component: component(n),
		});
		const headers = signAcs3({
			method: 'POST',
			host,
			path: '/',
			query: {},
			body,
			contentType: 'application/x-www-form-urlencoded',
			action: 'CreateInstance',
			version: '2018-06-19',
			date: formatAlibabaTimestamp(new Date()),
			nonce: randomUUID().replace(/-/g, ''),
			accessKeyId: ALIBABA_ACCOUNT.accessKeyId,
			accessKeySecret: ALIBABA_ACCOUNT.accessKeySecret,
		});
		const answer = expectOk(await send(url, 'POST', headers, body, transport), 'CreateInstance');
		if (answer.Success !== true) throw new Error(`baseline CreateInstance: ${JSON.stringify(answer)}`);
	}
}

/** CreateLakeFormationInstance with an IAM token. */
export async function huaweiCreateLoop(
	baseUrl: string,
	token: string,
	projectId: string,
	items: number,
	transport?: Transport,
): Promise<void> {
	const url = `${baseUrl}/v1/${projectId}/instances`;
	for (let n = 0; n < items; n++) {
		const body = JSON.stringify({ name: instanceName(n), charge_mode: 'postPaid', shared: true });
		const headers = { 'Content-Type': 'application/json', 'X-Auth-Token': token };
		expectOk(await send(url, 'POST', headers, body, transport), 'CreateLakeFormationInstance');
	}
}

/** ShowLakeFormationInstance with an IAM token. */
export async function huaweiGetLoop(
	baseUrl: string,
	token: string,
	projectId: string,
	instanceId: string,
	items: number,
	transport?: Transport,
): Promise<void> {
	const url = `${baseUrl}/v1/${projectId}/instances/${encodeURIComponent(instanceId)}`;
	for (let n = 0; n < items; n++) {
		expectOk(await send(url, 'GET', { 'X-Auth-Token': token }, undefined, transport), 'ShowLakeFormationInstance');
	}
}

/** POST /v3/auth/tokens with the password (not measured: done before each timed run). */
export async function obtainHuaweiToken(
	baseUrl: string,
	user: { domainName: string; userName: string; password: string },
	region: string,
): Promise<{ token: string; projectId: string; expiresAt: string }> {
	const response = await fetch(`${baseUrl}/v3/auth/tokens?nocatalog=true`, {
		method: 'POST',
		headers: { 'content-type': 'application/json;charset=utf8' },
		body: JSON.stringify({
			auth: {
				identity: {
					methods: ['password'],
					password: { user: { name: user.userName, password: user.password, domain: { name: user.domainName } } },
				},
				scope: { project: { name: region } },
			},
		}),
	});
	const body = (await response.json()) as { token?: { expires_at?: string; project?: { id?: string } } };
	const token = response.headers.get('x-subject-token');
	if (!response.ok || !token || !body.token?.project?.id) throw new Error(`IAM token request failed: ${response.status}`);
	return { token, projectId: body.token.project.id, expiresAt: body.token.expires_at ?? '' };
}

/** Creates one instance with the token and returns its ID (for the Get loops). */
export async function createHuaweiInstance(baseUrl: string, token: string, projectId: string): Promise<string> {
	const answer = expectOk(
		await send(
			`${baseUrl}/v1/${projectId}/instances`,
			'POST',
			{ 'Content-Type': 'application/json', 'X-Auth-Token': token },
			JSON.stringify({ name: 'bench-get-target', charge_mode: 'postPaid', shared: true }),
		),
		'CreateLakeFormationInstance',
	);
	return String(answer.instance_id);
}

export interface ConnectionWatch {
	/** TCP connections opened so far. */
	opened(): number;
	/** Starts recording how long each new connection stays open (connect → close). */
	recordLifetimes(): void;
	/** The lifetimes recorded since recordLifetimes(), in ms; stops recording. */
	takeLifetimes(): number[];
}

let watch: ConnectionWatch | undefined;

/**
 * Watches the TCP connections opened through any `http.Agent` (n8n-core's agents are
 * subclasses), to check that the loops and the nodes use connections the same way, and to time
 * how long each stays open. Installed once per process.
 */
export function watchConnections(): ConnectionWatch {
	if (watch) return watch;
	let opened = 0;
	let lifetimes: number[] | undefined;
	const proto = http.Agent.prototype as unknown as { createConnection: (...args: unknown[]) => unknown };
	const original = proto.createConnection;
	proto.createConnection = function (this: unknown, ...args: unknown[]) {
		opened++;
		const socket = original.apply(this, args);
		const list = lifetimes;
		if (list && socket instanceof Socket) {
			const openedAt = performance.now();
			socket.once('close', () => list.push(performance.now() - openedAt));
		}
		return socket;
	};
	watch = {
		opened: () => opened,
		recordLifetimes: () => {
			lifetimes = [];
		},
		takeLifetimes: () => {
			const taken = lifetimes ?? [];
			lifetimes = undefined;
			return taken;
		},
	};
	return watch;
}
