/**
 * The cloud emulator (test/emulator, compiled to .build/test/emulator/cli.js) as a child process,
 * and a small client of its JSON control API (`/__emulator/...`).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { type ProcessGroup, type Service, waitFor } from './processes';

export interface EmulatorPorts {
	alibaba: number;
	huawei: number;
}

export const DEMO_EMULATOR_PORTS: EmulatorPorts = { alibaba: 8787, huawei: 8788 };

/** The demo accounts the emulator accepts (test/emulator/alibaba.ts and huawei.ts). */
export const EMULATOR_ACCOUNTS = {
	alibaba: { accessKeyId: 'LTAI_EMULATOR_ID', accessKeySecret: 'emulator-secret' },
	alibabaSts: { accessKeyId: 'STS.EMULATOR_ID', accessKeySecret: 'sts-secret', securityToken: 'sts-token' },
	huaweiUser: { domainName: 'emulator-account', userName: 'emulator-user', password: 'emulator-password' },
	huaweiAccessKey: { accessKey: 'EMULATORAKEXAMPLE001', secretKey: 'emulator-sk-secret' },
	huaweiRegion: 'cn-north-4',
} as const;

export interface LoggedRequest {
	seq: number;
	cloud: 'alibaba' | 'huawei';
	method: string;
	path: string;
	operation: string;
	headers: Record<string, string | string[] | undefined>;
	body: string;
	status?: number;
	fault?: string;
}

export interface FaultSpec {
	kind: string;
	cloud?: 'alibaba' | 'huawei';
	operation?: string;
	times?: number;
	ms?: number;
	processed?: boolean;
	status?: number;
	code?: string;
	message?: string;
}

export interface EmulatorState {
	alibaba: { instances: Array<{ instanceId: string; instanceName: string; status: string; accessKeyId: string }> };
	huawei: {
		instances: Array<{ instance_id: string; name: string; status: string; project_id: string }>;
		tokens: Array<{ user: string; project?: string; expired: boolean }>;
		accounts: Array<{ name: string; projects: Record<string, string> }>;
	};
	faults: unknown[];
	requestCount: number;
	notificationCount: number;
}

export interface Notification {
	receivedAt: string;
	body: unknown;
}

export class EmulatorClient {
	readonly alibabaUrl: string;
	readonly huaweiUrl: string;

	constructor(readonly ports: EmulatorPorts) {
		this.alibabaUrl = `http://127.0.0.1:${ports.alibaba}`;
		this.huaweiUrl = `http://127.0.0.1:${ports.huawei}`;
	}

	/** Where the example workflows post their notifications (a Slack / webhook stand-in). */
	get notificationUrl(): string {
		return `${this.huaweiUrl}/__emulator/notifications`;
	}

	async state(): Promise<EmulatorState> {
		return (await this.control('GET', '/state')) as EmulatorState;
	}

	async requests(filter: { cloud?: string; operation?: string } = {}): Promise<LoggedRequest[]> {
		const query = new URLSearchParams(filter as Record<string, string>).toString();
		return ((await this.control('GET', `/requests${query ? `?${query}` : ''}`)) as { requests: LoggedRequest[] }).requests;
	}

	async fault(spec: FaultSpec): Promise<void> {
		await this.control('POST', '/faults', spec);
	}

	async clearFaults(): Promise<void> {
		await this.control('DELETE', '/faults');
	}

	async notifications(): Promise<Notification[]> {
		return ((await this.control('GET', '/notifications')) as { notifications: Notification[] }).notifications;
	}

	async clearNotifications(): Promise<void> {
		await this.control('DELETE', '/notifications');
	}

	async reset(): Promise<void> {
		await this.control('POST', '/reset');
	}

	/** An IAM token for the demo user, scoped to the region's project (for the Token mode credential). */
	async huaweiToken(): Promise<string> {
		const { domainName, userName, password } = EMULATOR_ACCOUNTS.huaweiUser;
		const response = await fetch(`${this.huaweiUrl}/v3/auth/tokens?nocatalog=true`, {
			method: 'POST',
			headers: { 'content-type': 'application/json;charset=utf8' },
			body: JSON.stringify({
				auth: {
					identity: { methods: ['password'], password: { user: { name: userName, password, domain: { name: domainName } } } },
					scope: { project: { name: EMULATOR_ACCOUNTS.huaweiRegion } },
				},
			}),
		});
		const token = response.headers.get('x-subject-token');
		if (response.status !== 201 && response.status !== 200) throw new Error(`IAM answered ${response.status}: ${await response.text()}`);
		if (!token) throw new Error('IAM answered without X-Subject-Token');
		return token;
	}

	private async control(method: string, path: string, body?: unknown): Promise<unknown> {
		const response = await fetch(`${this.huaweiUrl}/__emulator${path}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`emulator ${method} ${path} answered ${response.status}: ${text}`);
		return text ? (JSON.parse(text) as unknown) : undefined;
	}
}

/** Starts `node .build/test/emulator/cli.js` on the given ports and waits until both listeners answer. */
export async function startEmulator(
	group: ProcessGroup,
	root: string,
	{ ports, logFile, readinessMs, failPattern }: { ports: EmulatorPorts; logFile: string; readinessMs?: number; failPattern?: string },
): Promise<{ service: Service; client: EmulatorClient }> {
	const cli = join(root, '.build', 'test', 'emulator', 'cli.js');
	if (!existsSync(cli)) throw new Error(`${cli} is missing: compile first (npm run _compile)`);
	const args = [cli, '--alibaba-port', String(ports.alibaba), '--huawei-port', String(ports.huawei)];
	if (readinessMs !== undefined) args.push('--readiness-ms', String(readinessMs));
	if (failPattern !== undefined) args.push('--fail-pattern', failPattern);
	const service = group.start('emulator', process.execPath, args, { cwd: root, logFile });
	const client = new EmulatorClient(ports);
	for (const url of [client.alibabaUrl, client.huaweiUrl]) {
		await waitFor(
			`the emulator at ${url}`,
			async () => ((await fetch(`${url}/__emulator/state`)).ok ? true : undefined),
			{ timeoutMs: 20_000, service },
		);
	}
	return { service, client };
}
