/**
 * A real n8n (the pinned install from n8n-install.ts) driven headless: its environment, the CLI
 * commands (import:credentials, import:workflow, execute) and the server with its REST API
 * (owner setup, login, credential test).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { node24Env, type N8nInstall } from './n8n-install';
import { type ProcessGroup, type Service, tail, waitFor } from './processes';

export interface N8nPorts {
	/** The editor and REST API. */
	http: number;
	/** The task broker of `n8n start`. */
	broker: number;
	/** The task broker of the one-shot CLI commands (they open one too; must not collide with the server's). */
	cliBroker: number;
}

export const DEMO_N8N_PORTS: N8nPorts = { http: 5678, broker: 5679, cliBroker: 5680 };

/** A fixed key: the user folder is made for the demo / test, and recreated when it changes. */
const ENCRYPTION_KEY = 'n8n-nodes-cloud-data-lake-local-only-key';

export class N8n {
	readonly url: string;

	constructor(
		readonly install: N8nInstall,
		readonly userFolder: string,
		readonly ports: N8nPorts,
		private readonly group: ProcessGroup,
	) {
		this.url = `http://127.0.0.1:${ports.http}`;
		mkdirSync(this.logDir, { recursive: true });
	}

	get logDir(): string {
		return join(this.userFolder, 'logs');
	}

	/** The environment of every n8n process (`broker` differs between the server and the CLI commands). */
	env(broker: number): NodeJS.ProcessEnv {
		return node24Env({
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PORT: String(this.ports.http),
			N8N_EDITOR_BASE_URL: `${this.url}/`,
			N8N_RUNNERS_BROKER_PORT: String(broker),
			N8N_SECURE_COOKIE: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL ?? 'info',
			DB_TYPE: 'sqlite',
			GENERIC_TIMEZONE: 'UTC',
			TZ: 'UTC',
			// keep any dotenv file of the caller's folder out
			E2E_TESTS: 'false',
		});
	}

	/** `n8n <args>` to its end (log in `<userFolder>/logs/<logName>.log`); fails unless it exits 0. */
	async cli(args: string[], logName: string, timeoutMs = 5 * 60_000): Promise<string> {
		const logFile = join(this.logDir, `${logName}.log`);
		const result = await this.group.mustRun(process.execPath, [this.install.bin, ...args], {
			cwd: this.userFolder,
			env: this.env(this.ports.cliBroker),
			logFile,
			stdoutFile: join(this.logDir, `${logName}.out`),
			timeoutMs,
		});
		return result.stdout;
	}

	async importCredentials(credentials: object[]): Promise<void> {
		const file = join(this.userFolder, 'import', 'credentials.json');
		mkdirSync(join(this.userFolder, 'import'), { recursive: true });
		writeFileSync(file, JSON.stringify(credentials, null, 2));
		await this.cli(['import:credentials', `--input=${file}`], 'import-credentials');
	}

	async importWorkflows(workflows: Array<{ id: string }>): Promise<void> {
		const file = join(this.userFolder, 'import', 'workflows.json');
		mkdirSync(join(this.userFolder, 'import'), { recursive: true });
		writeFileSync(file, JSON.stringify(workflows, null, 2));
		await this.cli(['import:workflow', `--input=${file}`], 'import-workflows');
	}

	/**
	 * `n8n execute --id=<id> --rawOutput`: the run data (IRun) printed among log lines. Resolves
	 * with it also when the workflow failed (n8n exits 1 then): the caller asserts.
	 */
	async execute(workflowId: string, logName: string, timeoutMs = 3 * 60_000): Promise<ExecutionResult> {
		const logFile = join(this.logDir, `${logName}.log`);
		const stdoutFile = join(this.logDir, `${logName}.out`);
		const begin = Date.now();
		const result = await this.group.run(process.execPath, [this.install.bin, 'execute', `--id=${workflowId}`, '--rawOutput'], {
			cwd: this.userFolder,
			env: this.env(this.ports.cliBroker),
			logFile,
			stdoutFile,
			timeoutMs,
		});
		const run = extractJson(result.stdout) as RunData | undefined;
		if (!run) {
			throw new Error(
				`n8n execute --id=${workflowId} printed no run data (exit ${result.code ?? result.signal}${result.timedOut ? ', timed out' : ''})` +
					`\n--- ${stdoutFile} ---\n${tail(stdoutFile)}\n--- ${logFile} ---\n${tail(logFile)}`,
			);
		}
		return new ExecutionResult(run, result.code, Date.now() - begin, stdoutFile);
	}

	/**
	 * `n8n start`, until the REST API is up. n8n 2.41 first answers every path with a 200 HTML
	 * "starting" page, then 404s, then mounts its routes: ready means /rest/settings answers JSON and
	 * an unauthenticated POST /rest/credentials/test answers 401 (the route exists, behind auth).
	 */
	async start(logName = 'n8n-server'): Promise<Service> {
		const logFile = join(this.logDir, `${logName}.log`);
		const service = this.group.start('n8n', process.execPath, [this.install.bin, 'start'], {
			cwd: this.userFolder,
			env: this.env(this.ports.broker),
			logFile,
		});
		await waitFor(
			`n8n at ${this.url}`,
			async () => {
				const health = await fetch(`${this.url}/healthz`);
				if (!health.ok) return undefined;
				const settings = await fetch(`${this.url}/rest/settings`);
				if (!settings.ok || !(settings.headers.get('content-type') ?? '').includes('json')) return undefined;
				const credentialTest = await fetch(`${this.url}/rest/credentials/test`, { method: 'POST' });
				return credentialTest.status === 401 ? true : undefined;
			},
			{ timeoutMs: 180_000, intervalMs: 500, service },
		);
		return service;
	}
}

/** The run data `n8n execute --rawOutput` prints (IRun, reduced to what the tests read). */
export interface RunData {
	status?: string;
	finished?: boolean;
	data: {
		resultData: {
			error?: { message?: string; description?: string; node?: { name?: string } };
			lastNodeExecuted?: string;
			runData: Record<
				string,
				Array<{
					error?: { message?: string; description?: string };
					executionStatus?: string;
					data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> };
				}>
			>;
		};
	};
}

export class ExecutionResult {
	constructor(
		readonly run: RunData,
		readonly exitCode: number | null,
		readonly ms: number,
		readonly stdoutFile: string,
	) {}

	get error(): RunData['data']['resultData']['error'] {
		return this.run.data.resultData.error;
	}

	/** Names of the nodes that ran. */
	get nodesRun(): string[] {
		return Object.keys(this.run.data.resultData.runData);
	}

	/** The JSON of a node's output items (last run; output 0 = main, 1 = error output). */
	items(node: string, output = 0): Array<Record<string, unknown>> {
		const runs = this.run.data.resultData.runData[node];
		if (!runs?.length) return [];
		return (runs[runs.length - 1].data?.main?.[output] ?? []).map((item) => item.json);
	}

	describe(): string {
		const lines = Object.entries(this.run.data.resultData.runData).map(([node, runs]) => {
			const last = runs[runs.length - 1];
			const outputs = (last.data?.main ?? []).map((items) => (items ?? []).length);
			return `    ${node}: ${last.error ? `error "${last.error.message}"` : `items per output [${outputs.join(', ')}]`}`;
		});
		return [`  exit ${this.exitCode}, ${this.error ? `error: ${this.error.message}` : 'no workflow error'}`, ...lines].join('\n');
	}
}

/** The outermost `{ ... }` JSON block of a CLI output (n8n prints log lines around it). */
export function extractJson(output: string): unknown {
	const lines = output.split('\n');
	for (let start = 0; start < lines.length; start++) {
		if (!lines[start].startsWith('{')) continue;
		for (let end = lines.length - 1; end >= start; end--) {
			if (!lines[end].startsWith('}')) continue;
			try {
				return JSON.parse(lines.slice(start, end + 1).join('\n'));
			} catch {
				// not this pair
			}
		}
	}
	return undefined;
}

/** n8n's internal REST API (/rest), as the editor uses it: a session cookie and a browser ID. */
export class N8nRest {
	private cookie = '';
	private readonly browserId = randomUUID();

	constructor(readonly url: string) {}

	/** Sets up the owner account (only possible once per instance), or logs in when it exists. */
	async ownerSetupOrLogin(owner: Owner): Promise<'created' | 'existed'> {
		const setup = await this.request('POST', '/rest/owner/setup', {
			email: owner.email,
			firstName: owner.firstName,
			lastName: owner.lastName,
			password: owner.password,
		});
		if (setup.status === 200) return 'created';
		await this.login(owner.email, owner.password);
		return 'existed';
	}

	async login(email: string, password: string): Promise<void> {
		const response = await this.request('POST', '/rest/login', { emailOrLdapLoginId: email, password });
		if (response.status !== 200) throw new Error(`n8n login failed: ${response.status} ${response.text}`);
	}

	/**
	 * POST /rest/credentials/test, as the credential modal's Test does: the stored credential
	 * (id) with the data to test (n8n merges in what is stored for redacted values).
	 */
	async testCredential(credential: { id: string; name: string; type: string; data: Record<string, unknown> }): Promise<{ status: string; message: string }> {
		const response = await this.request('POST', '/rest/credentials/test', { credentials: credential });
		if (response.status !== 200) throw new Error(`credential test request failed: ${response.status} ${response.text}`);
		return (response.body as { data: { status: string; message: string } }).data;
	}

	async request(method: string, path: string, body?: unknown): Promise<{ status: number; text: string; body: unknown }> {
		const response = await fetch(`${this.url}${path}`, {
			method,
			headers: {
				'browser-id': this.browserId,
				...(this.cookie ? { cookie: this.cookie } : {}),
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		for (const header of response.headers.getSetCookie()) {
			const [pair] = header.split(';');
			if (pair.startsWith('n8n-auth=')) this.cookie = pair;
		}
		const text = await response.text();
		let parsed: unknown;
		try {
			parsed = JSON.parse(text);
		} catch {
			parsed = undefined;
		}
		return { status: response.status, text, body: parsed };
	}

	get sessionCookie(): string {
		return this.cookie;
	}
}

export interface Owner {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

/** The demo's login (local only; printed by `npm run demo`). */
export const DEMO_OWNER: Owner = {
	email: 'demo@example.com',
	password: 'Demo-Password-1',
	firstName: 'Demo',
	lastName: 'User',
};
