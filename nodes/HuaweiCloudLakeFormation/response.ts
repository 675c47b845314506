import type { IDataObject } from 'n8n-workflow';

import { INVALID_RESPONSE, type CloudFailure } from '../shared/errors';
import type { CloudResponse } from '../shared/transport';

/**
 * LakeFormation and its API gateway answer errors as `{error_code, error_msg, solution_msg?}`,
 * or nested as `{error: {code, message, title}}` (the seed's 403 example).
 */
interface HuaweiErrorBody {
	error_code?: string | null;
	error_msg?: string | null;
	common_error_code?: string | null;
	solution_msg?: string | null;
	error?: { code?: string | number | null; message?: string | null; title?: string | null } | null;
}

export interface LakeFormationAnswer {
	/** The documented response body; undefined when the service answers with no body. */
	body: IDataObject | undefined;
	requestId: string | undefined;
}

export function readLakeFormationResponse(
	response: CloudResponse,
): { answer: LakeFormationAnswer } | { failure: CloudFailure } {
	const { statusCode, body, rawBody } = response;
	const requestId = response.headers['x-request-id'];
	const json = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as IDataObject) : undefined;
	if (statusCode >= 200 && statusCode < 300) {
		if (json || rawBody.trim() === '') return { answer: { body: json, requestId } };
		return { failure: invalidResponse(response, requestId) };
	}
	if (!json) return { failure: invalidResponse(response, requestId) };
	const error = json as HuaweiErrorBody;
	const code = nonEmpty(error.error?.code) ?? nonEmpty(error.error_code) ?? `HTTP ${statusCode}`;
	const message = nonEmpty(error.error?.message) ?? nonEmpty(error.error_msg) ?? 'The request failed';
	const hints = [
		nonEmpty(error.solution_msg),
		error.common_error_code ? `Common error code: ${error.common_error_code}` : undefined,
	].filter(Boolean);
	return {
		failure: { httpCode: statusCode, code, message, requestId, hint: hints.join(' — ') || undefined },
	};
}

/** The API gateway's throttling answer: 429 `APIG.0308`. */
export function isHuaweiThrottled(response: CloudResponse): boolean {
	const body = response.body as HuaweiErrorBody | undefined;
	return response.statusCode === 429 || body?.error_code === 'APIG.0308' || body?.error?.code === 'APIG.0308';
}

function invalidResponse({ statusCode, rawBody }: CloudResponse, requestId: string | undefined): CloudFailure {
	const excerpt = rawBody.length > 200 ? `${rawBody.slice(0, 200)}…` : rawBody;
	return {
		httpCode: statusCode,
		code: INVALID_RESPONSE,
		message: `The service answered HTTP ${statusCode} with a body that is not the documented JSON response`,
		requestId,
		hint: excerpt ? `Body: ${excerpt}` : 'The body was empty',
	};
}

function nonEmpty(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	const text = String(value);
	return text === '' ? undefined : text;
}
