import type { IDataObject } from 'n8n-workflow';

import { INVALID_RESPONSE, type CloudFailure } from '../shared/errors';
import type { CloudResponse } from '../shared/transport';

/** The documented response of CreateInstance and ReleaseInstance. */
export interface DlaResponse extends IDataObject {
	RequestId: string;
	Success: boolean;
	Result?: string;
	ErrorCode?: string;
	ErrorInfo?: string;
}

/** An error answer of any Alibaba Cloud RPC API (gateway or product). */
interface AlibabaErrorBody {
	RequestId?: string;
	HostId?: string;
	Code?: string;
	Message?: string;
	Recommend?: string;
}

/** Splits an answer into the documented response, or the failure it reports. */
export function readDlaResponse(response: CloudResponse): { result: DlaResponse } | { failure: CloudFailure } {
	const { statusCode, body } = response;
	const json = isObject(body) ? body : undefined;
	if (statusCode >= 200 && statusCode < 300) {
		if (!json || typeof json.RequestId !== 'string') {
			return { failure: invalidResponse(response) };
		}
		if (json.Success === false) {
			// a 200 whose body says the operation failed
			return {
				failure: {
					httpCode: statusCode,
					code: stringOr(json.ErrorCode, 'Success=false'),
					message: stringOr(json.ErrorInfo, 'The operation did not succeed'),
					requestId: json.RequestId,
				},
			};
		}
		return { result: json as DlaResponse };
	}
	if (!json) return { failure: invalidResponse(response) };
	const error = json as AlibabaErrorBody;
	return {
		failure: {
			httpCode: statusCode,
			code: stringOr(error.Code, `HTTP ${statusCode}`),
			message: stringOr(error.Message, 'The request failed'),
			requestId: error.RequestId,
			hint: error.Recommend ? `See ${error.Recommend}` : undefined,
		},
	};
}

/** Alibaba's throttling codes: `Throttling`, `Throttling.User`, `Throttling.Api`, … */
export function isAlibabaThrottled(response: CloudResponse): boolean {
	const code = isObject(response.body) ? response.body.Code : undefined;
	return typeof code === 'string' && code.startsWith('Throttling');
}

function invalidResponse({ statusCode, rawBody }: CloudResponse): CloudFailure {
	const excerpt = rawBody.length > 200 ? `${rawBody.slice(0, 200)}…` : rawBody;
	return {
		httpCode: statusCode,
		code: INVALID_RESPONSE,
		message: `The service answered HTTP ${statusCode} with a body that is not the documented JSON response`,
		hint: excerpt ? `Body: ${excerpt}` : 'The body was empty',
	};
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOr(value: unknown, fallback: string): string {
	return typeof value === 'string' && value !== '' ? value : fallback;
}
