/**
 * Standalone emulator for a local n8n (`npm run emulator`):
 *
 *   node .build/test/emulator/cli.js [--alibaba-port 8787] [--huawei-port 8788]
 *        [--readiness-ms 5000] [--latency-ms 0] [--fail-pattern '^fail-'] [--quiet]
 *
 * Environment variables EMULATOR_ALIBABA_PORT, EMULATOR_HUAWEI_PORT, EMULATOR_READINESS_MS,
 * EMULATOR_LATENCY_MS, EMULATOR_FAIL_PATTERN and EMULATOR_HOST work too (arguments win).
 * Stops on SIGINT / SIGTERM.
 */
import { DEFAULT_ALIBABA_ACCOUNTS } from './alibaba';
import { DEFAULT_HUAWEI_ACCESS_KEYS, DEFAULT_HUAWEI_USERS, LAKEFORMATION_REGIONS } from './huawei';
import { startEmulator } from './server';

function option(name: string, env: string, fallback: string): string {
	const index = process.argv.indexOf(`--${name}`);
	if (index >= 0 && process.argv[index + 1] !== undefined) return process.argv[index + 1];
	return process.env[env] ?? fallback;
}

async function main(): Promise<void> {
	const quiet = process.argv.includes('--quiet');
	const failPattern = option('fail-pattern', 'EMULATOR_FAIL_PATTERN', '^fail-');
	const emulator = await startEmulator({
		host: option('host', 'EMULATOR_HOST', '127.0.0.1'),
		alibabaPort: Number(option('alibaba-port', 'EMULATOR_ALIBABA_PORT', '8787')),
		huaweiPort: Number(option('huawei-port', 'EMULATOR_HUAWEI_PORT', '8788')),
		latencyMs: Number(option('latency-ms', 'EMULATOR_LATENCY_MS', '0')),
		huawei: {
			readinessDelayMs: Number(option('readiness-ms', 'EMULATOR_READINESS_MS', '5000')),
			failNamePattern: failPattern ? new RegExp(failPattern, 'i') : undefined,
		},
		onRequest: quiet
			? undefined
			: (entry) =>
					console.log(
						`${entry.at} ${entry.cloud.padEnd(7)} ${entry.method.padEnd(6)} ${entry.path} → ${entry.operation} ${entry.status ?? 'reset'}${entry.fault ? ` (fault: ${entry.fault})` : ''}`,
					),
	});

	const user = DEFAULT_HUAWEI_USERS[0];
	const lines = [
		'Cloud emulator running',
		'',
		`Alibaba Cloud (DLA / STS) endpoint: ${emulator.alibabaUrl}`,
		...DEFAULT_ALIBABA_ACCOUNTS.map(
			(account) =>
				`  AccessKey ID ${account.accessKeyId}  secret ${account.accessKeySecret}${account.securityToken ? `  STS token ${account.securityToken}` : ''}`,
		),
		'',
		`Huawei Cloud endpoint (IAM /v3 and LakeFormation /v1): ${emulator.huaweiUrl}`,
		`  IAM user: account ${user.domainName}  user ${user.userName}  password ${user.password}`,
		...DEFAULT_HUAWEI_ACCESS_KEYS.map(
			(key) =>
				`  AK ${key.accessKey}  SK ${key.secretKey}${key.securityToken ? `  security token ${key.securityToken}` : ''}`,
		),
		'  project IDs:',
		...LAKEFORMATION_REGIONS.map((region) => `    ${region.padEnd(15)} ${emulator.huawei.projectId(region)}`),
		`  instances become RUNNING after ${emulator.huawei.readinessDelayMs} ms` +
			(failPattern ? `; names matching /${failPattern}/i end in RESOURCE_PREPARATION_FAIL` : ''),
		'',
		`Control API on both endpoints: GET /__emulator/state, POST /__emulator/faults, POST /__emulator/reset,`,
		`  GET /__emulator/requests, POST /__emulator/settings, POST|GET /__emulator/notifications`,
		`Notification receiver (Slack/webhook stand-in): ${emulator.huaweiUrl}/__emulator/notifications`,
	];
	console.log(lines.join('\n'));

	const stop = () => {
		void emulator.close().then(() => process.exit(0));
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
