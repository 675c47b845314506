/**
 * The demo environment (`npm run demo`, and the UI test): the emulator, and a real n8n on
 * 127.0.0.1 with this package installed from its packed tarball, an owner account, the
 * emulator's credentials (every authentication mode) and the example workflows.
 */
import { join } from 'node:path';

import { DEMO_EMULATOR_PORTS, type EmulatorPorts } from '../e2e/emulator';
import { type Environment, prepareEnvironment } from '../e2e/environment';
import { DEMO_N8N_PORTS, DEMO_OWNER, N8nRest, type N8nPorts, type Owner } from '../e2e/n8n';
import type { ProcessGroup, Service, Steps } from '../e2e/processes';

export interface DemoOptions {
	root: string;
	group: ProcessGroup;
	steps: Steps;
	n8nPort?: number;
	emulatorPorts?: EmulatorPorts;
	/** Default `<repository>/.n8n-demo` (git-ignored); recreated on every start. */
	userFolder?: string;
	build?: boolean;
}

export interface Demo {
	env: Environment;
	owner: Owner;
	rest: N8nRest;
	server: Service;
	url: string;
}

export async function startDemo(options: DemoOptions): Promise<Demo> {
	const { root, group, steps } = options;
	const http = options.n8nPort ?? DEMO_N8N_PORTS.http;
	const n8nPorts: N8nPorts = options.n8nPort ? { http, broker: http + 1, cliBroker: http + 2 } : DEMO_N8N_PORTS;
	const env = await prepareEnvironment({
		root,
		group,
		steps,
		userFolder: options.userFolder ?? join(root, '.n8n-demo'),
		n8nPorts,
		emulatorPorts: options.emulatorPorts ?? DEMO_EMULATOR_PORTS,
		build: options.build,
	});
	const server = await steps.run(`n8n start on ${env.n8n.url}`, () => env.n8n.start());
	const rest = new N8nRest(env.n8n.url);
	await steps.run('owner account', () => rest.ownerSetupOrLogin(DEMO_OWNER));
	return { env, owner: DEMO_OWNER, rest, server, url: env.n8n.url };
}

/** What `npm run demo` prints once everything runs. */
export function demoBanner(demo: Demo): string {
	const { env, owner, url } = demo;
	const workflows = Object.entries(env.examples).map(([file, workflow]) => `    ${workflow.name}\n      ${url}/workflow/${workflow.id}   (examples/${file})`);
	const credentials = Object.values(env.credentials).map((credential) => `    ${credential.name}`);
	return [
		'',
		'════════════════════════════════════════════════════════════════════════',
		`  n8n with n8n-nodes-cloud-data-lake:  ${url}`,
		`  Log in with   e-mail: ${owner.email}   password: ${owner.password}`,
		'',
		'  Example workflows (open one, then "Execute workflow"):',
		...workflows,
		'',
		'  Credentials (Overview → Credentials), all pointing at the local emulator:',
		...credentials,
		'',
		`  Cloud emulator: Alibaba ${env.emulator.alibabaUrl}   Huawei ${env.emulator.huaweiUrl}`,
		`    notifications the workflows send:  ${env.emulator.notificationUrl}`,
		`    instances, tokens, faults:         ${env.emulator.huaweiUrl}/__emulator/state`,
		`    throttle the next Alibaba creates: curl -X POST ${env.emulator.huaweiUrl}/__emulator/faults -d '{"kind":"throttle","cloud":"alibaba","operation":"CreateInstance","times":10}'`,
		`  Logs: ${env.n8n.logDir}`,
		'',
		'  Notifications are printed below as they arrive. Ctrl-C stops n8n and the emulator.',
		'════════════════════════════════════════════════════════════════════════',
		'',
	].join('\n');
}
