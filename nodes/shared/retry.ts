import { sleep } from 'n8n-workflow';

import { isNoResponse, type CloudAnswer, type CloudResponse } from './transport';

export interface RetryPolicy {
	maxRetries: number;
	/**
	 * Reads (Get, List, status polls) are safe to resend after any transient failure. Writes are
	 * resent only when the cloud certainly did not act: throttled, or never sent.
	 */
	idempotent: boolean;
	/** The cloud's own way of saying "throttled" (e.g. `Throttling.User`, `APIG.0308`). */
	isThrottled: (response: CloudResponse) => boolean;
}

const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 20_000;

/** Whether an answer is worth sending the same request again for. */
export function isRetryable(answer: CloudAnswer, policy: Pick<RetryPolicy, 'idempotent' | 'isThrottled'>): boolean {
	if (isNoResponse(answer)) return !answer.mayHaveReachedCloud || policy.idempotent;
	if (answer.statusCode === 429 || policy.isThrottled(answer)) return true;
	return policy.idempotent && (answer.statusCode >= 500 || answer.statusCode === 408);
}

/** Sends, and resends a retryable failure with exponential backoff and jitter, honouring Retry-After. */
export async function withRetries(send: () => Promise<CloudAnswer>, policy: RetryPolicy): Promise<CloudAnswer> {
	for (let attempt = 0; ; attempt++) {
		const answer = await send();
		if (attempt >= policy.maxRetries || !isRetryable(answer, policy)) return answer;
		await sleep(retryDelayMs(attempt, isNoResponse(answer) ? undefined : answer.headers['retry-after']));
	}
}

/**
 * Retry-After (seconds or an HTTP date) when the cloud gives it; otherwise exponential backoff with
 * jitter: the n-th retry waits between half and all of 0.5 s × 2ⁿ⁻¹ (at most 20 s).
 */
export function retryDelayMs(attempt: number, retryAfter: string | undefined, random = Math.random): number {
	if (retryAfter !== undefined && retryAfter.trim() !== '') {
		const seconds = Number(retryAfter);
		const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - Date.now();
		if (Number.isFinite(ms)) return Math.min(Math.max(ms, 0), MAX_DELAY_MS);
	}
	const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
