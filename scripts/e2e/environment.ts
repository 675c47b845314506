/**
 * The environment the e2e test, the demo and the UI test share: n8n installed (cached), this
 * package built, packed and installed into a fresh n8n user folder, the emulator started, and
 * the emulator's credentials and the example workflows imported.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { type EmulatorClient, type EmulatorPorts, startEmulator } from './emulator';
import { type CredentialFixture, type CredentialKey, credentialsForImport, emulatorCredentials, loadExamples, type WorkflowJson } from './fixtures';
import { ensureN8n, N8N_VERSION, type N8nInstall } from './n8n-install';
import { N8n, type N8nPorts } from './n8n';
import { buildAndPack, checkInstalledPackage, installPackage } from './package';
import { assertPortsFree, type ProcessGroup, type Service, type Steps } from './processes';

export interface EnvironmentOptions {
	root: string;
	group: ProcessGroup;
	steps: Steps;
	/** The n8n user folder (N8N_USER_FOLDER); emptied first. */
	userFolder: string;
	n8nPorts: N8nPorts;
	emulatorPorts: EmulatorPorts;
	/** Time from create to RUNNING in the emulator's LakeFormation. */
	readinessMs?: number;
	/** Emulator: LakeFormation names matching this regular expression end in RESOURCE_PREPARATION_FAIL. */
	failPattern?: string;
	/** Build dist/ first (default true). */
	build?: boolean;
	/** Extra workflows to import with the examples. */
	extraWorkflows?: (examples: Record<string, WorkflowJson>, credentials: Record<CredentialKey, CredentialFixture>) => WorkflowJson[];
}

export interface Environment {
	n8n: N8n;
	install: N8nInstall;
	emulator: EmulatorClient;
	emulatorService: Service;
	credentials: Record<CredentialKey, CredentialFixture>;
	examples: Record<string, WorkflowJson>;
	packageDir: string;
	tarball: string;
}

export async function prepareEnvironment(options: EnvironmentOptions): Promise<Environment> {
	const { root, group, steps, userFolder, n8nPorts, emulatorPorts } = options;
	await steps.run('check that the ports are free', () =>
		assertPortsFree([
			{ port: n8nPorts.http, what: 'n8n' },
			{ port: n8nPorts.broker, what: 'n8n task broker' },
			{ port: n8nPorts.cliBroker, what: 'task broker of the n8n CLI commands' },
			{ port: emulatorPorts.alibaba, what: 'Alibaba Cloud emulator' },
			{ port: emulatorPorts.huawei, what: 'Huawei Cloud emulator' },
		]),
	);

	rmSync(userFolder, { recursive: true, force: true });
	mkdirSync(userFolder, { recursive: true });
	const work = join(userFolder, 'pack');

	// the n8n install (minutes on a fresh machine) and the build run side by side
	const [install, tarball] = await Promise.all([
		steps.run(`n8n ${N8N_VERSION} in the cache (installed once)`, () => ensureN8n(group, 'n8n-install')),
		steps.run(options.build === false ? 'npm pack (dist/ as built)' : 'build (npm run build) and npm pack', () =>
			buildAndPack(group, root, work, { build: options.build !== false }),
		),
	]);

	const packageDir = await steps.run(`install the tarball into ${join(userFolder, '.n8n', 'nodes')} as n8n does`, async () => {
		const dir = await installPackage(group, tarball, userFolder);
		const problems = checkInstalledPackage(dir);
		if (problems.length > 0) throw new Error(`The packed package is broken:\n  - ${problems.join('\n  - ')}`);
		return dir;
	});

	const n8n = new N8n(install, userFolder, n8nPorts, group);

	const { client: emulator, service: emulatorService } = await steps.run(
		`start the emulator (Alibaba :${emulatorPorts.alibaba}, Huawei :${emulatorPorts.huawei})`,
		() => startEmulator(group, root, { ports: emulatorPorts, logFile: join(n8n.logDir, 'emulator.log'), readinessMs: options.readinessMs, failPattern: options.failPattern }),
	);

	const token = await steps.run('obtain a Huawei IAM token from the emulator (for the Token credential)', () => emulator.huaweiToken());
	const credentials = emulatorCredentials(emulator, token);
	await steps.run(`n8n import:credentials (${Object.keys(credentials).length}: every authentication mode)`, () =>
		n8n.importCredentials(credentialsForImport(credentials)),
	);

	const examples = loadExamples(root, emulator);
	const workflows = [...Object.values(examples), ...(options.extraWorkflows?.(examples, credentials) ?? [])];
	await steps.run(`n8n import:workflow (${workflows.length} workflows)`, () => n8n.importWorkflows(workflows));

	return { n8n, install, emulator, emulatorService, credentials, examples, packageDir, tarball };
}

/**
 * Where `zod` (imported at run time by the package, not shipped in it) resolves when n8n loads
 * the package: n8n puts its module paths on NODE_PATH (LoadNodesAndCredentials.init); this does
 * the same from n8n's dist folder and requires every node and credential of the package.
 */
export async function zodResolution(group: ProcessGroup, env: Environment): Promise<{ path: string; version: string }> {
	const n8nDist = join(env.install.dir, 'node_modules', 'n8n', 'dist');
	const script = `
		const { join } = require('node:path');
		const Module = require('node:module');
		const paths = Module._nodeModulePaths(${JSON.stringify(n8nDist)});
		process.env.NODE_PATH = [paths.join(':'), process.env.NODE_PATH].filter(Boolean).join(':');
		Module._initPaths();
		const dir = ${JSON.stringify(env.packageDir)};
		const manifest = require(join(dir, 'package.json'));
		for (const file of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) require(join(dir, file));
		const zodPath = require.resolve('zod', { paths: [dir] });
		let version = '?';
		for (let d = require('node:path').dirname(zodPath); d !== '/'; d = require('node:path').dirname(d)) {
			try { const p = require(join(d, 'package.json')); if (p.name === 'zod') { version = p.version; break; } } catch {}
		}
		console.log(JSON.stringify({ path: zodPath, version }));
	`;
	const out = join(env.n8n.logDir, 'zod-resolution.out');
	const result = await group.mustRun(process.execPath, ['-e', script], {
		cwd: env.packageDir,
		logFile: join(env.n8n.logDir, 'zod-resolution.log'),
		stdoutFile: out,
		timeoutMs: 60_000,
	});
	return JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as { path: string; version: string };
}
