/**
 * Row 3: how many IAM token requests N items × M executions cost with the password credential,
 * counted in the emulator's request log. The credential starts without a token; items run
 * 10 at a time, the case where several first requests could race for a token.
 */
import type { EmulatorProcess } from './emulator';
import { progress, redoOnceOnConnectionFailure } from './stats';
import type { Row } from './table';
import { benchHarness, huaweiCreateWorkflow, runChecked } from './workflows';

export async function measureTokenRequests(
	emulator: EmulatorProcess,
	options: { items: number; executions: number; concurrency: number },
): Promise<Row[]> {
	let redone = false;
	const rows = await redoOnceOnConnectionFailure(
		() => countTokenRequests(emulator, options),
		() => (redone = true),
	);
	if (redone) rows[0].detail += '; redone from the start after a connection failure';
	return rows;
}

async function countTokenRequests(
	emulator: EmulatorProcess,
	{ items, executions, concurrency }: { items: number; executions: number; concurrency: number },
): Promise<Row[]> {
	await emulator.reset();
	const harness = benchHarness(emulator); // Huawei credential without a token
	const workflow = huaweiCreateWorkflow({ concurrency });
	for (let execution = 0; execution < executions; execution++) {
		progress(`tokens: execution ${execution + 1}/${executions} of ${items} items`);
		await runChecked(
			harness,
			workflow,
			Array.from({ length: items }, (_, n) => ({ n: execution * items + n })),
		);
	}
	const tokenRequests = (await emulator.requests({ operation: 'KeystoneCreateUserTokenByPassword' })).length;
	const creates = (await emulator.requests({ operation: 'CreateLakeFormationInstance' })).length;
	const unauthorized = (await emulator.requests({ cloud: 'huawei' })).filter((request) => request.status === 401).length;
	await emulator.reset();
	return [
		{
			measure: `IAM token requests for ${items} items × ${executions} executions (Huawei password credential, concurrency ${concurrency})`,
			value: String(tokenRequests),
			target: '1',
			met: tokenRequests === 1,
			detail: `${creates} creates sent for ${items * executions} items, ${unauthorized} answered 401; counted in the emulator's request log`,
		},
	];
}
