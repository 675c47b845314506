/**
 * What the fault matrix and the load test share: the credentials (and the secrets that must
 * never show), faults armed at a chosen request, waiting for requests still being served, and
 * the model of the retry rules — what one item's outcome must be for the faults its requests got.
 *
 * The retry rules modelled here (nodes/shared/retry.ts, nodes/shared/errors.ts):
 * - throttled (Alibaba `Throttling*`, Huawei 429 `APIG.0308`): resent, up to Max Retries;
 * - reads (Get, Get Many, wait polls, the name lookup) are also resent after 5xx, resets, timeouts;
 * - writes are not resent after those; a create says the instance "may have been created";
 * - LakeFormation Create with "Return the Existing Instance" looks the name up after an ambiguous
 *   failure: the instance found is returned, otherwise the create is sent again.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { Emulator, LoggedRequest } from '../emulator/server';
import type { FaultKind, FaultSpec } from '../emulator/faults';
import type { Cloud } from '../emulator/http';
import type { N8nHarness, RunResult } from '../harness';
import { everythingSaid } from './index';

// ---------------------------------------------------------------- credentials and secrets

export interface CredentialRef {
	id: string;
	name: string;
}

export const ALIBABA_CREDENTIALS = {
	v3: { id: 'ali-v3', name: 'Alibaba V3' },
	rpcSts: { id: 'ali-rpc-sts', name: 'Alibaba RPC + STS' },
};

export const HUAWEI_CREDENTIALS = {
	password: { id: 'hw-password', name: 'Huawei password' },
	token: { id: 'hw-token', name: 'Huawei token' },
	aksk: { id: 'hw-aksk', name: 'Huawei AK/SK' },
	tempAksk: { id: 'hw-temp-aksk', name: 'Huawei temporary AK/SK' },
};

export const HUAWEI_REGION = 'cn-north-4';

/** The secrets of the credentials above known before any run (the IAM tokens are added after). */
export const STATIC_SECRETS = [
	'emulator-secret',
	'sts-secret',
	'sts-token',
	'emulator-password',
	'emulator-sk-secret',
	'emulator-temp-sk-secret',
	'emulator-security-token',
];

/** Adds every credential above to the harness; returns the pasted IAM token (a secret too). */
export function addCredentials(harness: N8nHarness, emulator: Emulator): { pastedToken: string } {
	const alibaba = (ref: CredentialRef, data: Record<string, string>) =>
		harness.addCredential({ ...ref, type: 'alibabaCloudAccessKeyApi', data: { endpoint: emulator.alibabaUrl, ...data } });
	alibaba(ALIBABA_CREDENTIALS.v3, {
		accessKeyId: 'LTAI_EMULATOR_ID',
		accessKeySecret: 'emulator-secret',
		signatureVersion: 'v3',
	});
	alibaba(ALIBABA_CREDENTIALS.rpcSts, {
		accessKeyId: 'STS.EMULATOR_ID',
		accessKeySecret: 'sts-secret',
		securityToken: 'sts-token',
		signatureVersion: 'rpc',
	});

	const pastedToken = emulator.huawei.issueToken(HUAWEI_REGION);
	const huawei = (ref: CredentialRef, data: Record<string, string>) =>
		harness.addCredential({
			...ref,
			type: 'huaweiCloudIamApi',
			data: {
				region: HUAWEI_REGION,
				projectId: '',
				iamEndpoint: emulator.huaweiUrl,
				lakeFormationEndpoint: emulator.huaweiUrl,
				session: '',
				sessionProjectId: '',
				sessionExpiresAt: '',
				...data,
			},
		});
	huawei(HUAWEI_CREDENTIALS.password, {
		authType: 'password',
		domainName: 'emulator-account',
		userName: 'emulator-user',
		password: 'emulator-password',
	});
	huawei(HUAWEI_CREDENTIALS.token, { authType: 'token', token: pastedToken });
	huawei(HUAWEI_CREDENTIALS.aksk, { authType: 'accessKey', accessKey: 'EMULATORAKEXAMPLE001', secretKey: 'emulator-sk-secret' });
	huawei(HUAWEI_CREDENTIALS.tempAksk, {
		authType: 'accessKey',
		accessKey: 'EMULATORTEMPAKEXAMPL',
		secretKey: 'emulator-temp-sk-secret',
		securityToken: 'emulator-security-token',
	});
	return { pastedToken };
}

/** Every secret, the IAM tokens included: the pasted one and the one obtained with the password. */
export function allSecrets(harness: N8nHarness, pastedToken: string): string[] {
	const session = String(harness.getCredentialData(HUAWEI_CREDENTIALS.password.id).session ?? '');
	return [...STATIC_SECRETS, pastedToken, ...(session.length > 0 ? [session] : [])];
}

/** The secrets found in anything the run said (output items, errors, log lines). */
export function leakedSecrets(result: RunResult, harness: N8nHarness, secrets: string[]): string[] {
	const said = everythingSaid(result, harness);
	return secrets.filter((secret) => said.includes(secret));
}

// ---------------------------------------------------------------- arming faults, waiting

/**
 * Queues a fault once a given number of requests to its operation have been answered, so that
 * (with items sent one at a time) it hits the request of a chosen item. Pass the armer's
 * `onRequest` to `startEmulator`.
 */
export class FaultArmer {
	private plans: Array<{ operation: string; after: number; seen: number; spec: FaultSpec; onArmed?: () => void }> = [];
	emulator?: Emulator;
	/** Every fault queued so far, in order (the emulator applies them first in, first out). */
	readonly injected: FaultSpec[] = [];

	readonly onRequest = (entry: LoggedRequest): void => {
		for (const plan of [...this.plans]) {
			if (entry.operation !== plan.operation) continue;
			plan.seen++;
			if (plan.seen >= plan.after) this.fire(plan);
		}
	};

	/** The fault hits the first request to `spec.operation` after `after` answered ones. */
	arm(spec: FaultSpec & { operation: string }, after: number, onArmed?: () => void): void {
		const plan = { operation: spec.operation, after, seen: 0, spec, onArmed };
		if (after <= 0) this.fire(plan);
		else this.plans.push(plan);
	}

	clear(): void {
		this.plans = [];
		this.injected.length = 0;
	}

	get pending(): number {
		return this.plans.length;
	}

	private fire(plan: FaultArmer['plans'][number]): void {
		if (!this.emulator) throw new Error('FaultArmer.emulator is not set');
		this.plans = this.plans.filter((candidate) => candidate !== plan);
		this.emulator.injectFault(plan.spec);
		this.injected.push(plan.spec);
		plan.onArmed?.();
	}
}

/**
 * Waits until the emulator has answered every request it received: a `slow` request that the
 * client gave up on is still executed when its delay is over, and must not change the state
 * after the test looked at it (or during the next test).
 */
export async function untilIdle(emulator: Emulator, limitMs = 10_000): Promise<void> {
	const deadline = Date.now() + limitMs;
	while (emulator.requests.some((entry) => entry.status === undefined && entry.fault !== 'reset')) {
		if (Date.now() > deadline) throw new Error('the emulator still serves requests');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

/** Requests per operation (cloud operations only: IAM token, project and validation calls left out). */
export function countByOperation(entries: LoggedRequest[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const entry of entries) {
		if (entry.operation.startsWith('Keystone') || entry.operation === 'GetCallerIdentity') continue;
		counts[entry.operation] = (counts[entry.operation] ?? 0) + 1;
	}
	return counts;
}

export function addCounts(...parts: Array<Record<string, number>>): Record<string, number> {
	const sum: Record<string, number> = {};
	for (const part of parts) {
		for (const [operation, count] of Object.entries(part)) sum[operation] = (sum[operation] ?? 0) + count;
	}
	for (const [operation, count] of Object.entries(sum)) if (count === 0) delete sum[operation];
	return sum;
}

export function timesCounts(counts: Record<string, number>, factor: number): Record<string, number> {
	return Object.fromEntries(Object.entries(counts).map(([operation, count]) => [operation, count * factor]));
}

// ---------------------------------------------------------------- the model of the retry rules

export const MAX_RETRIES = 2;

/** How a step of an item's work treats failures. */
export type StepKind =
	/** Get, Get Many, a wait poll, the name lookup: resent after any transient failure. */
	| 'read'
	/** Release, Update, Delete, Recover: resent only when throttled. */
	| 'write'
	/** Alibaba Create, LakeFormation Create: as a write, and an ambiguous failure says "may have been created". */
	| 'create'
	/** LakeFormation Create with "Return the Existing Instance": an ambiguous failure is followed by a lookup. */
	| 'createReturnExisting';

export interface Variant {
	/** e.g. `reset/processed`, `slow/timeout`. */
	id: string;
	kind: FaultKind;
	processed?: boolean;
	ms?: number;
	times?: number;
	/** Request option Timeout (ms) for the run; the `slow` fault is longer than it. */
	timeoutMs?: number;
	/** `business-failure` exists only for Alibaba. */
	cloud?: Cloud;
}

export function faultSpec(variant: Variant, cloud: Cloud, operation: string): FaultSpec & { operation: string } {
	const spec: FaultSpec & { operation: string } = { kind: variant.kind, cloud, operation };
	if (variant.processed !== undefined) spec.processed = variant.processed;
	if (variant.ms !== undefined) spec.ms = variant.ms;
	if (variant.times !== undefined) spec.times = variant.times;
	return spec;
}

/** Whether the fault leaves the cloud's state as if the request had been executed. */
export function executes(variant: Pick<Variant, 'kind' | 'processed'>): boolean {
	if (variant.kind === 'slow') return true;
	if (variant.kind === 'throttle' || variant.kind === 'business-failure') return variant.processed ?? false;
	return variant.processed ?? variant.kind === 'malformed';
}

/** The code and HTTP status of the error answer each cloud renders for a fault. */
export const ERROR_ANSWERS: Record<Cloud, Partial<Record<FaultKind, { code: string; httpCode: string }>>> = {
	alibaba: {
		throttle: { code: 'Throttling.User', httpCode: '400' },
		'internal-error': { code: 'InternalError', httpCode: '500' },
		unavailable: { code: 'ServiceUnavailable', httpCode: '503' },
		'bad-gateway': { code: 'BadGateway', httpCode: '502' },
		'gateway-timeout': { code: 'ServiceTimeout', httpCode: '504' },
		'business-failure': { code: '600', httpCode: '200' },
		malformed: { code: 'InvalidResponse', httpCode: '200' },
	},
	huawei: {
		throttle: { code: 'APIG.0308', httpCode: '429' },
		'internal-error': { code: 'common.00000500', httpCode: '500' },
		unavailable: { code: 'common.00000503', httpCode: '503' },
		'bad-gateway': { code: 'APIG.0202', httpCode: '502' },
		'gateway-timeout': { code: 'APIG.0203', httpCode: '504' },
		malformed: { code: 'InvalidResponse', httpCode: '200' },
	},
};

/** The code of a request that got no answer in time, and of a dropped connection. */
export const TIMEOUT_CODE = 'ECONNABORTED';
export const RESET_CODE = 'ECONNRESET';

export interface ExpectedError {
	code: string;
	/** Absent when no HTTP answer came (reset, timeout). */
	httpCode?: string;
	/** The error says the instance may have been created. */
	mayExist: boolean;
}

/** One attempt of a request: the fault it got (undefined: answered normally). */
export interface Attempt {
	kind?: FaultKind;
	/** The client gave up waiting (a `slow` fault longer than the request timeout). */
	timedOut?: boolean;
	/** The cloud executed the request. */
	executed: boolean;
}

export interface StepOutcome {
	ok: boolean;
	error?: ExpectedError;
	/** How many attempts (requests to the step's operation) were sent. */
	attempts: number;
	/** Whether one of the attempts was executed by the cloud. */
	executed: boolean;
	/** The failure was ambiguous: the request may have been executed (5xx, 408, reset, timeout, unreadable 2xx). */
	ambiguous: boolean;
}

/**
 * Plays the retry rules over the attempts of one request: `attempts[n]` is what the n-th send
 * got (missing entries: answered normally). Returns where it stops.
 */
export function playRequest(step: StepKind, cloud: Cloud, attempts: Attempt[], maxRetries = MAX_RETRIES): StepOutcome {
	const idempotent = step === 'read';
	let executed = false;
	for (let n = 0; ; n++) {
		const attempt = attempts[n] ?? { executed: true };
		executed ||= attempt.executed;
		const failed = attempt.kind !== undefined && (attempt.kind !== 'slow' || attempt.timedOut === true);
		if (!failed) return { ok: true, attempts: n + 1, executed, ambiguous: false };
		const kind = attempt.kind as FaultKind;
		const throttled = kind === 'throttle';
		const transient = ['internal-error', 'unavailable', 'bad-gateway', 'gateway-timeout', 'reset', 'slow'].includes(kind);
		const retryable = throttled || (idempotent && transient);
		if (retryable && n < maxRetries) continue;
		const ambiguous = transient || kind === 'malformed';
		const creates = step === 'create' || step === 'createReturnExisting';
		let error: ExpectedError;
		if (kind === 'reset') error = { code: RESET_CODE, mayExist: creates };
		else if (kind === 'slow') error = { code: TIMEOUT_CODE, mayExist: creates };
		else {
			const answer = ERROR_ANSWERS[cloud][kind];
			if (!answer) throw new Error(`no ${kind} answer on ${cloud}`);
			error = { ...answer, mayExist: creates && ambiguous };
		}
		return { ok: false, error, attempts: n + 1, executed, ambiguous };
	}
}

export interface Expectation {
	ok: boolean;
	error?: ExpectedError;
	/** Requests of the item beyond its fault-free flow, per operation (negative: not sent). */
	extra: Record<string, number>;
	/** The item's change (create, update, ...) happened in the cloud. */
	tookEffect: boolean;
}

export interface LakeFormationCreateOperations {
	create: string;
	list: string;
	show: string;
}

export const LF_OPERATIONS: LakeFormationCreateOperations = {
	create: 'CreateLakeFormationInstance',
	list: 'ListLakeFormationInstances',
	show: 'ShowLakeFormationInstance',
};

/**
 * The expected outcome of an item whose request to `operation` meets `variant` (first attempt;
 * a fault with `times: n` hits the first n attempts).
 */
export function expectationFor(step: StepKind, cloud: Cloud, operation: string, variant: Variant): Expectation {
	const times = variant.times ?? 1;
	const timedOut = variant.kind === 'slow' && variant.timeoutMs !== undefined && (variant.ms ?? 0) > variant.timeoutMs;
	const attempts: Attempt[] = Array.from({ length: times }, () => ({
		kind: variant.kind,
		timedOut,
		executed: executes(variant),
	}));
	const outcome = playRequest(step, cloud, attempts);
	const extra: Record<string, number> = { [operation]: outcome.attempts - 1 };

	if (step === 'createReturnExisting' && !outcome.ok && outcome.ambiguous) {
		// The name is looked up: an instance found is returned. None found, the item fails saying the
		// instance may still appear; the create is never sent again (after a timeout it may still be
		// executing: the emulator executes a slow request when its delay is over, after the lookup).
		extra[LF_OPERATIONS.list] = (extra[LF_OPERATIONS.list] ?? 0) + 1;
		if (outcome.executed && !timedOut) {
			extra[LF_OPERATIONS.show] = (extra[LF_OPERATIONS.show] ?? 0) + 1;
			return { ok: true, extra, tookEffect: true };
		}
		return { ok: false, error: { ...(outcome.error as ExpectedError), mayExist: true }, extra, tookEffect: outcome.executed };
	}
	return {
		ok: outcome.ok,
		error: outcome.error,
		extra,
		// a read changes nothing: what its item does depends only on whether it succeeded
		tookEffect: outcome.ok || (step !== 'read' && outcome.executed),
	};
}

// ---------------------------------------------------------------- checking an item

/** Compares a Continue-On-Fail error item with the expected error. */
export function checkErrorItem(item: INodeExecutionData, expected: ExpectedError, cloud: Cloud): string[] {
	const problems: string[] = [];
	const json = item.json as { error?: unknown; details?: IDataObject };
	const keys = Object.keys(json).sort().join(',');
	if (keys !== 'details,error') problems.push(`error item keys are ${keys}`);
	if (typeof json.error !== 'string' || !json.error.endsWith(`(${expected.code})`)) {
		problems.push(`error "${String(json.error)}" does not end with (${expected.code})`);
	}
	const details = json.details ?? {};
	if (details.code !== expected.code) problems.push(`details.code ${String(details.code)} instead of ${expected.code}`);
	if (details.httpCode !== expected.httpCode) {
		problems.push(`details.httpCode ${String(details.httpCode)} instead of ${String(expected.httpCode)}`);
	}
	const says = typeof details.description === 'string' && details.description.includes('may have been created');
	if (says !== expected.mayExist) {
		problems.push(
			`description ${expected.mayExist ? 'does not say' : 'says'} the instance may have been created: ${String(details.description)}`,
		);
	}
	// an HTTP answer carries the cloud's request ID (Huawei: on every answer; Alibaba: in an error body)
	const answered = expected.httpCode !== undefined && !(cloud === 'alibaba' && expected.code === 'InvalidResponse');
	if (answered && typeof details.requestId !== 'string') problems.push('details.requestId is missing');
	return problems;
}
