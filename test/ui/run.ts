/**
 * The editor in a real browser (`npm run test:ui`): starts the demo environment (scripts/demo),
 * logs into n8n with Debian's Chromium through playwright-core, opens the parameter panels of
 * both nodes (Huawei Create also with Charge Mode prePaid, which shows Charge Info) and every
 * credential form, asserts that the field labels the README documents are on screen, and saves
 * screenshots into docs/images/ for the README.
 *
 *   node .build/test/ui/run.js [--no-build] [--port 5678] [--emulator-ports 8787,8788] [--out docs/images]
 *
 * Needs /usr/bin/chromium (`apt-get update && apt-get install -y chromium`) and the devDependency
 * playwright-core. Not a jest test (no .test. in the name): it runs its own n8n.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';

import { demoBanner, startDemo } from '../../scripts/demo/start';
import { ProcessGroup, repoRoot, say, Steps } from '../../scripts/e2e/processes';

const TAG = 'ui';
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
];

// The part of playwright-core's API used here (the package is loaded at run time, so that the
// project type-checks where it is not installed).
interface Locator {
	first(): Locator;
	click(options?: { timeout?: number }): Promise<void>;
	dblclick(options?: { timeout?: number }): Promise<void>;
	fill(value: string): Promise<void>;
	waitFor(options?: { state?: 'visible' | 'hidden' | 'attached'; timeout?: number }): Promise<void>;
	innerText(): Promise<string>;
	isVisible(): Promise<boolean>;
	count(): Promise<number>;
	screenshot(options: { path: string }): Promise<unknown>;
}
interface Page {
	goto(url: string): Promise<unknown>;
	locator(selector: string, options?: { hasText?: string }): Locator;
	waitForURL(predicate: (url: URL) => boolean, options?: { timeout?: number }): Promise<void>;
	waitForTimeout(ms: number): Promise<void>;
	setViewportSize(size: { width: number; height: number }): Promise<void>;
	addStyleTag(options: { content: string }): Promise<unknown>;
	screenshot(options: { path: string; fullPage?: boolean; clip?: Box }): Promise<unknown>;
	evaluate<R>(expression: string): Promise<R>;
	keyboard: { press(key: string): Promise<void> };
	setDefaultTimeout(ms: number): void;
}
interface Box {
	x: number;
	y: number;
	width: number;
	height: number;
}
interface Browser {
	newPage(options: { viewport: { width: number; height: number }; deviceScaleFactor?: number }): Promise<Page>;
	close(): Promise<void>;
}
interface Playwright {
	chromium: { launch(options: { executablePath: string; headless: boolean; args: string[] }): Promise<Browser> };
}

/** Loads playwright-core, or explains how to get it. */
async function loadPlaywright(): Promise<Playwright> {
	const name = 'playwright-core';
	try {
		return (await import(name)) as Playwright;
	} catch {
		throw new Error(
			'playwright-core is not installed: it is a devDependency of this project (npm ci installs it); ' +
				'to try without it: npm i --no-save playwright-core',
		);
	}
}

interface Shot {
	/** File name in docs/images/. */
	file: string;
	what: string;
	/** Labels that must be on screen, each as a line of its own. */
	labels: string[];
	/** Labels that must not be on screen. */
	absent?: string[];
	/** Other text that must be on screen (substring). */
	texts?: string[];
}

function option(argv: string[], name: string): string | undefined {
	const index = argv.indexOf(`--${name}`);
	return index >= 0 ? argv[index + 1] : undefined;
}

async function main(): Promise<number> {
	const argv = process.argv.slice(2);
	if (!existsSync(CHROMIUM)) {
		console.error(
			`${CHROMIUM} is missing. The UI test drives Debian's Chromium: install it with\n` +
				'  sudo apt-get update && sudo apt-get install -y chromium\n' +
				'(as root without sudo), then run npm run test:ui again.',
		);
		return 1;
	}
	const playwright = await loadPlaywright();
	const root = repoRoot();
	const outDir = join(root, option(argv, 'out') ?? join('docs', 'images'));
	mkdirSync(outDir, { recursive: true });
	const port = option(argv, 'port');
	const emulatorPorts = option(argv, 'emulator-ports')?.split(',').map(Number);

	const group = new ProcessGroup();
	group.installSignalHandlers((signal) => say(TAG, `${signal}: stopping`));
	const steps = new Steps(TAG);
	const failures: string[] = [];
	const written: string[] = [];
	let browser: Browser | undefined;

	try {
		const demo = await startDemo({
			root,
			group,
			steps,
			n8nPort: port ? Number(port) : undefined,
			emulatorPorts: emulatorPorts ? { alibaba: emulatorPorts[0], huawei: emulatorPorts[1] } : undefined,
			userFolder: join(root, '.n8n-demo', 'ui-test'),
			build: !argv.includes('--no-build'),
		});
		say(TAG, demoBanner(demo).split('\n').slice(2, 4).join(' | '));
		const url = demo.url;

		browser = await steps.run('launch Chromium (headless)', () =>
			playwright.chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS }),
		);
		const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
		page.setDefaultTimeout(30_000);

		await steps.run(`log into n8n as ${demo.owner.email}`, async () => {
			await page.goto(`${url}/signin`);
			await page.locator('input[name=emailOrLdapLoginId]').fill(demo.owner.email);
			await page.locator('input[name=password]').fill(demo.owner.password);
			await page.locator('[data-test-id=form-submit-button]').click();
			await page.waitForURL((current) => !current.pathname.startsWith('/signin'), { timeout: 30_000 });
		});

		const check = async (shot: Shot, container: Locator) => {
			const text = await container.innerText();
			const lines = text.split('\n').map((line) => line.replace(/\s*\*$/, '').trim());
			const missing = shot.labels.filter((label) => !lines.includes(label));
			const present = (shot.absent ?? []).filter((label) => lines.includes(label));
			const texts = (shot.texts ?? []).filter((wanted) => !text.includes(wanted));
			const problems = [
				...missing.map((label) => `label "${label}" is not on screen`),
				...present.map((label) => `label "${label}" is on screen but should not be`),
				...texts.map((wanted) => `text "${wanted}" is not on screen`),
			];
			if (problems.length > 0) {
				failures.push(`${shot.what}: ${problems.join('; ')}`);
				say(TAG, `  ✘ ${problems.join('; ')}`);
			} else {
				say(TAG, `  ✔ ${shot.labels.length} labels on screen${shot.absent?.length ? `, ${shot.absent.length} absent as they should be` : ''}`);
			}
		};
		const save = async (shot: Shot, target: Locator | Page | 'parameters') => {
			const path = join(outDir, shot.file);
			if (target === 'parameters') await page.screenshot({ path, clip: await page.evaluate<Box>(PARAMETER_PANEL_BOX) });
			else await target.screenshot({ path });
			written.push(path);
			say(TAG, `  screenshot ${relative(root, path)}`);
		};
		const scenario = async (name: string, action: () => Promise<void>) => {
			try {
				await steps.run(name, action);
			} catch (error) {
				failures.push(`${name}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
				say(TAG, `  FAILED: ${error instanceof Error ? error.message : String(error)}`);
			}
		};

		const openWorkflow = async (id: string) => {
			await page.goto(`${url}/workflow/${id}`);
			await page.locator('[data-test-id=canvas-node]').first().waitFor();
			await settle(page);
		};
		const openNode = async (workflowId: string, nodeName: string) => {
			await page.setViewportSize({ width: 1440, height: 1700 });
			await openWorkflow(workflowId);
			await page.locator(`[data-test-id=canvas-node][data-node-name="${nodeName}"]`).dblclick();
			const ndv = page.locator('[data-test-id=ndv]');
			await page.locator('[data-test-id=node-parameters]').waitFor();
			await settle(page);
			return ndv;
		};

		const { examples } = demo.env;
		const huaweiWorkflow = examples['huawei-lakeformation-scheduled-instance.json'].id;
		const alibabaCreateWorkflow = examples['alibaba-dla-create-instance.json'].id;
		const alibabaReleaseWorkflow = examples['alibaba-dla-release-instance.json'].id;

		await scenario('Huawei Cloud LakeFormation: Create panel (postPaid)', async () => {
			const shot: Shot = {
				file: 'huawei-lakeformation-create.png',
				what: 'Huawei Create panel',
				labels: [
					'Credential', 'Resource', 'Operation', 'Name', 'Charge Mode', 'Shared', 'Specs', 'Spec Code', 'Stride Num',
					'Product ID', 'Additional Fields', 'Description', 'Options', 'If an Instance With This Name Exists',
					'Poll Interval (Seconds)', 'Wait Timeout (Minutes)', 'Wait Until Ready', 'Include Request ID', 'Request Options',
				],
				absent: ['Charge Info', 'Period Type', 'Period Num'],
			};
			const ndv = await openNode(huaweiWorkflow, 'Create LakeFormation Instance');
			await check(shot, ndv);
			await save(shot, 'parameters');
		});

		await scenario('Huawei Cloud LakeFormation: Create panel, Charge Mode prePaid shows Charge Info', async () => {
			const shot: Shot = {
				file: 'huawei-lakeformation-create-prepaid.png',
				what: 'Huawei Create panel (prePaid)',
				labels: ['Name', 'Charge Mode', 'Shared', 'Specs', 'Charge Info', 'Period Type', 'Period Num'],
			};
			const ndv = await openNode(huaweiWorkflow, 'Create LakeFormation Instance');
			await page.locator('[data-test-id=parameter-input-chargeMode]').click();
			await page.locator('.el-select-dropdown__item:visible', { hasText: 'Yearly/Monthly (prePaid)' }).click();
			await page.locator('[data-test-id=node-parameters]', { hasText: 'Charge Info' }).waitFor();
			await settle(page);
			await check(shot, ndv);
			await save(shot, 'parameters');
		});

		await scenario('Alibaba Cloud Data Lake Analytics: Create panel', async () => {
			const shot: Shot = {
				file: 'alibaba-dla-create.png',
				what: 'Alibaba Create panel',
				labels: [
					'Credential', 'Resource', 'Operation', 'Region ID', 'Instance Type', 'Charge Type', 'Component Input', 'Instance Name',
					'Engine', 'Min CU', 'Max CU', 'Component Region', 'App Name', 'App Version Name', 'Operable', 'Request Options',
				],
				absent: ['Instance ID', 'Component (JSON)'],
				texts: ['marks Data Lake Analytics as deprecated'],
			};
			const ndv = await openNode(alibabaCreateWorkflow, 'Create DLA Instance');
			await check(shot, ndv);
			await save(shot, 'parameters');
		});

		await scenario('Alibaba Cloud Data Lake Analytics: Release panel', async () => {
			const shot: Shot = {
				file: 'alibaba-dla-release.png',
				what: 'Alibaba Release panel',
				labels: ['Region ID', 'Instance ID'],
				absent: ['Instance Type', 'Charge Type'],
			};
			const ndv = await openNode(alibabaReleaseWorkflow, 'Release DLA Instance');
			await check(shot, ndv);
			await save(shot, 'parameters');
		});

		const credentialShot = async (credentialId: string, shot: Shot) => {
			await page.setViewportSize({ width: 1440, height: 1400 });
			await page.goto(`${url}/home/credentials/${credentialId}`);
			const form = page.locator('[data-test-id=credential-edit-dialog]');
			await form.waitFor();
			// the modal opens with a Test of the credential; wait for its verdict
			await page.locator('[data-test-id=credential-edit-dialog]', { hasText: 'Connection tested successfully' }).waitFor({ timeout: 30_000 });
			// show the whole form, not only what fits the modal's fixed height
			await page.addStyleTag({
				content: `.el-dialog:has([data-test-id="credential-edit-dialog"]) { height: auto !important; max-height: none !important; }
					.el-dialog:has([data-test-id="credential-edit-dialog"]) .el-dialog__body,
					.el-dialog:has([data-test-id="credential-edit-dialog"]) .modal-content,
					[data-test-id="credential-edit-dialog"], [data-test-id="credential-edit-dialog"] [class*="_mainContent_"] {
						height: auto !important; max-height: none !important; overflow: visible !important; }`,
			});
			await settle(page);
			await check(shot, form);
			await save(shot, page.locator('.el-dialog:has([data-test-id="credential-edit-dialog"])'));
		};

		const { credentials } = demo.env;
		await scenario('credential form: Alibaba Cloud AccessKey API', () =>
			credentialShot(credentials.alibabaV3.id, {
				file: 'credential-alibaba-cloud.png',
				what: 'Alibaba credential form',
				labels: ['AccessKey ID', 'AccessKey Secret', 'Security Token', 'Signature Version', 'Endpoint Override'],
				texts: ['Connection tested successfully'],
			}),
		);
		await scenario('credential form: Huawei Cloud IAM API (IAM User Password)', () =>
			credentialShot(credentials.huaweiPassword.id, {
				file: 'credential-huawei-cloud-password.png',
				what: 'Huawei credential form (password)',
				labels: ['Authentication', 'Account Name', 'IAM User Name', 'Password', 'Region', 'Project ID', 'IAM Endpoint Override', 'LakeFormation Endpoint Override'],
				absent: ['Token', 'Access Key ID', 'Secret Access Key'],
				texts: ['Connection tested successfully'],
			}),
		);
		await scenario('credential form: Huawei Cloud IAM API (Token)', () =>
			credentialShot(credentials.huaweiToken.id, {
				file: 'credential-huawei-cloud-token.png',
				what: 'Huawei credential form (token)',
				labels: ['Authentication', 'Token', 'Region', 'Project ID', 'IAM Endpoint Override', 'LakeFormation Endpoint Override'],
				absent: ['Password', 'Access Key ID'],
				texts: ['Connection tested successfully'],
			}),
		);
		await scenario('credential form: Huawei Cloud IAM API (Access Key)', () =>
			credentialShot(credentials.huaweiAkSk.id, {
				file: 'credential-huawei-cloud-aksk.png',
				what: 'Huawei credential form (AK/SK)',
				labels: ['Authentication', 'Access Key ID', 'Secret Access Key', 'Security Token', 'Region', 'Project ID', 'IAM Endpoint Override', 'LakeFormation Endpoint Override'],
				absent: ['Password', 'Token'],
				texts: ['Connection tested successfully'],
			}),
		);

		await scenario('example workflow executed in the editor: Huawei scheduled instance', async () => {
			await page.setViewportSize({ width: 1440, height: 900 });
			await openWorkflow(huaweiWorkflow);
			await page.locator('[data-test-id=execute-workflow-button]').click();
			await page
				.locator('[data-test-id=canvas-node][data-node-name="Notify: Instance Ready"] [data-test-id=canvas-node-status-success]')
				.waitFor({ timeout: 60_000 });
			await settle(page, { closeToasts: true });
			const shot: Shot = { file: 'example-huawei-scheduled-instance.png', what: 'Huawei example executed', labels: [] };
			await save(shot, page);
			const notifications = await demo.env.emulator.notifications();
			const last = notifications[notifications.length - 1]?.body as { text?: string } | undefined;
			if (!last?.text?.includes('is RUNNING')) throw new Error(`no "is RUNNING" notification: ${JSON.stringify(last)}`);
			say(TAG, `  notification: ${last.text}`);
		});

		await scenario('example workflow executed in the editor: Alibaba create', async () => {
			await openWorkflow(alibabaCreateWorkflow);
			await page.locator('[data-test-id=execute-workflow-button]').click();
			await page
				.locator('[data-test-id=canvas-node][data-node-name="Notify: Instance Created"] [data-test-id=canvas-node-status-success]')
				.waitFor({ timeout: 60_000 });
			await settle(page, { closeToasts: true });
			await save({ file: 'example-alibaba-create-instance.png', what: 'Alibaba example executed', labels: [] }, page);
		});
	} catch (error) {
		failures.push(error instanceof Error ? error.message : String(error));
		say(TAG, `FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
	} finally {
		await browser?.close().catch(() => undefined);
		await steps.run('stop n8n and the emulator', () => group.stopAll());
		console.log(`\nSteps and their durations:\n${steps.summary()}\n`);
	}

	console.log(`Screenshots (${written.length}):\n${written.map((path) => `  ${relative(root, path)}`).join('\n')}`);
	if (failures.length > 0) {
		console.log(`\n✘ ui: ${failures.length} failure(s):\n${failures.map((failure) => `  - ${failure}`).join('\n')}`);
		return 1;
	}
	console.log('✔ ui: every documented label is on screen');
	return 0;
}

/**
 * The parameter column of the node panel (NDV), down to its last visible parameter (not the
 * feedback link at its foot): the input and output columns are empty in these shots.
 */
const PARAMETER_PANEL_BOX = `(() => {
	const params = document.querySelector('[data-test-id=node-parameters]');
	const ndv = document.querySelector('[data-test-id=ndv]').getBoundingClientRect();
	let panel = params;
	while (panel.parentElement && panel.parentElement.getBoundingClientRect().width < ndv.width * 0.6) panel = panel.parentElement;
	const box = panel.getBoundingClientRect();
	const bottoms = [...params.querySelectorAll('[data-test-id=parameter-item], [data-test-id=collection-parameter-add]')]
		.filter((element) => element.offsetParent !== null)
		.map((element) => element.getBoundingClientRect())
		.filter((rect) => rect.height > 0)
		.map((rect) => rect.bottom);
	const bottom = Math.min(box.bottom, Math.max(...bottoms) + 16);
	return { x: Math.round(box.x), y: Math.round(box.y), width: Math.round(box.width), height: Math.round(bottom - box.y) };
})()`;

/** Lets icons, fonts and transitions finish, and closes pop-ups (and toasts) that may cover the view. */
async function settle(page: Page, { closeToasts = false }: { closeToasts?: boolean } = {}): Promise<void> {
	await page.waitForTimeout(800);
	const selectors = ['[data-test-id=nps-survey-modal] button[aria-label=Close]', '[data-test-id=nps-survey-modal] .el-drawer__close-btn'];
	if (closeToasts) selectors.push('.el-notification .el-notification__closeBtn');
	for (const selector of selectors) {
		const popups = page.locator(selector);
		for (let count = await popups.count(); count > 0; count--) {
			const popup = popups.first();
			if (!(await popup.isVisible())) break;
			await popup.click();
			await page.waitForTimeout(300);
		}
	}
	await page.waitForTimeout(400);
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
