/**
 * `npm run demo`: builds this package, starts the cloud emulator and a real n8n on
 * http://127.0.0.1:5678 with the package installed, an owner account, credentials for the
 * emulator and the example workflows; prints the URL and the login; Ctrl-C stops everything.
 *
 *   node .build/scripts/demo/main.js [--port 5678] [--emulator-ports 8787,8788] [--no-build]
 */
import { formatMs, ProcessGroup, repoRoot, say, Steps } from '../e2e/processes';
import { demoBanner, startDemo } from './start';

const TAG = 'demo';

function option(argv: string[], name: string): string | undefined {
	const index = argv.indexOf(`--${name}`);
	return index >= 0 ? argv[index + 1] : undefined;
}

async function main(): Promise<void> {
	const argv = process.argv.slice(2);
	if (argv.includes('--help')) {
		console.log('Usage: npm run demo -- [--port 5678] [--emulator-ports 8787,8788] [--no-build]');
		return;
	}
	const port = option(argv, 'port');
	const emulatorPorts = option(argv, 'emulator-ports')?.split(',').map(Number);
	const group = new ProcessGroup();
	let stopping = false;
	group.installSignalHandlers((signal) => {
		stopping = true;
		say(TAG, `${signal}: stopping n8n and the emulator`);
	});
	const steps = new Steps(TAG);
	const begin = Date.now();

	let demo;
	try {
		demo = await startDemo({
			root: repoRoot(),
			group,
			steps,
			n8nPort: port ? Number(port) : undefined,
			emulatorPorts: emulatorPorts ? { alibaba: emulatorPorts[0], huawei: emulatorPorts[1] } : undefined,
			build: !argv.includes('--no-build'),
		});
	} catch (error) {
		say(TAG, `could not start: ${error instanceof Error ? error.message : String(error)}`);
		await group.stopAll();
		process.exit(1);
	}
	say(TAG, `ready in ${formatMs(Date.now() - begin)}`);
	console.log(demoBanner(demo));

	// print the notifications the example workflows send, as they arrive
	let seen = 0;
	const timer = setInterval(() => {
		demo.env.emulator
			.notifications()
			.then((notifications) => {
				for (const notification of notifications.slice(seen)) {
					const body = notification.body as { text?: string } | undefined;
					say(TAG, `notification: ${body?.text ?? JSON.stringify(notification.body)}`);
				}
				seen = Math.max(seen, notifications.length);
			})
			.catch(() => undefined);
	}, 1000);

	// a service that stops on its own ends the demo
	const ended = await Promise.race([
		demo.server.exited.then((exit) => ({ name: 'n8n', exit, log: demo.server.logFile })),
		demo.env.emulatorService.exited.then((exit) => ({ name: 'the emulator', exit, log: demo.env.emulatorService.logFile })),
	]);
	clearInterval(timer);
	if (stopping) return; // Ctrl-C: the signal handler stops the rest and exits
	say(TAG, `${ended.name} stopped on its own (${ended.exit.code ?? ended.exit.signal}); log: ${ended.log}`);
	await group.stopAll();
	process.exit(1);
}

void main();
