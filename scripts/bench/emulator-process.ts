/**
 * The cloud emulator in its own process, so that its work (verifying every signature with the
 * official signers, logging every request) does not run on the event loop being measured — as
 * with a real cloud. Ephemeral ports; prints one JSON line `{ alibabaUrl, huaweiUrl }` when
 * ready; exits when its stdin closes (the bench ended or died) or on SIGTERM/SIGINT.
 * Controlled over HTTP through its `/__emulator/` API (see ./emulator.ts).
 */
import { startEmulator } from '../../test/emulator/server';

async function main(): Promise<void> {
	const emulator = await startEmulator({ huawei: { readinessDelayMs: 3_600_000 } });
	let closing = false;
	const stop = () => {
		if (closing) return;
		closing = true;
		void emulator.close().finally(() => process.exit(0));
	};
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
	process.stdin.on('end', stop);
	process.stdin.on('close', stop);
	process.stdin.resume();
	process.stdout.write(`${JSON.stringify({ alibabaUrl: emulator.alibabaUrl, huaweiUrl: emulator.huaweiUrl })}\n`);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
