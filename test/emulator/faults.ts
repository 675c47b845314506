/**
 * Fault injection shared by both clouds. A test queues faults; each incoming request takes
 * the first queued fault that matches its cloud and operation (both optional in the fault),
 * and each fault applies `times` times (default 1). Each cloud renders error faults in its
 * own error body format (see `renderFault` in alibaba.ts / huawei.ts).
 */
import type { Cloud } from './http';

export const FAULT_KINDS = [
	'throttle', // Alibaba 400 Throttling.User, Huawei 429 APIG.0308
	'internal-error', // 500
	'unavailable', // 503
	'bad-gateway', // 502
	'gateway-timeout', // 504
	'slow', // wait `ms`, then answer normally
	'malformed', // 200 with a truncated JSON body
	'reset', // destroy the socket, no response
	'business-failure', // Alibaba only: 200 with Success false, ErrorCode "600"
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

/** The kinds each cloud renders as an error answer in its own body format. */
export type ErrorFaultKind = 'throttle' | 'internal-error' | 'unavailable' | 'bad-gateway' | 'gateway-timeout';

export interface FaultSpec {
	kind: FaultKind;
	/** Only requests to this cloud (default: either). `business-failure` implies `alibaba`. */
	cloud?: Cloud;
	/**
	 * Only requests routed to this operation (default: any): the Alibaba Action
	 * (`CreateInstance`, `ReleaseInstance`, `GetCallerIdentity`) or the Huawei SDK operation
	 * name (`KeystoneCreateUserTokenByPassword`, `CreateLakeFormationInstance`, ...).
	 */
	operation?: string;
	/** How many matching requests get this fault (default 1). */
	times?: number;
	/** Delay for `slow` (required for it). */
	ms?: number;
	/**
	 * Whether the request is executed (state changes happen) although the client sees the fault.
	 * Default false, except `malformed` (default true). Ignored for `slow` (always executed).
	 * `reset` + `processed: true` is the ambiguous create: the instance exists, the client saw
	 * a dropped connection.
	 */
	processed?: boolean;
	/** Overrides of the rendered error (status, code, message). */
	status?: number;
	code?: string;
	message?: string;
}

export interface Fault extends FaultSpec {
	id: number;
	/** Applications left. */
	remaining: number;
	processed: boolean;
}

export class FaultQueue {
	private queue: Fault[] = [];
	private nextId = 1;

	/** Queues a fault; throws on an invalid spec (the control API turns that into a 400). */
	add(spec: FaultSpec): Fault {
		if (!spec || !FAULT_KINDS.includes(spec.kind)) {
			throw new Error(`fault kind must be one of ${FAULT_KINDS.join(', ')}`);
		}
		const times = spec.times ?? 1;
		if (!Number.isInteger(times) || times < 1) throw new Error('fault times must be a positive integer');
		if (spec.kind === 'slow' && !(typeof spec.ms === 'number' && spec.ms >= 0)) {
			throw new Error('a slow fault needs ms >= 0');
		}
		if (spec.cloud !== undefined && spec.cloud !== 'alibaba' && spec.cloud !== 'huawei') {
			throw new Error('fault cloud must be alibaba or huawei');
		}
		if (spec.kind === 'business-failure' && spec.cloud === 'huawei') {
			throw new Error('business-failure exists only for alibaba');
		}
		const fault: Fault = {
			...spec,
			cloud: spec.kind === 'business-failure' ? 'alibaba' : spec.cloud,
			id: this.nextId++,
			remaining: times,
			processed: spec.processed ?? spec.kind === 'malformed',
		};
		this.queue.push(fault);
		return fault;
	}

	/** Takes one application of the first fault matching this request, if any. */
	take(cloud: Cloud, operation: string): Fault | undefined {
		const index = this.queue.findIndex(
			(fault) =>
				(fault.cloud === undefined || fault.cloud === cloud) &&
				(fault.operation === undefined || fault.operation === operation),
		);
		if (index < 0) return undefined;
		const fault = this.queue[index];
		fault.remaining--;
		if (fault.remaining <= 0) this.queue.splice(index, 1);
		return { ...fault };
	}

	pending(): Fault[] {
		return this.queue.map((fault) => ({ ...fault }));
	}

	clear(): void {
		this.queue = [];
	}
}
