import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';
import type { ZodError } from 'zod';

/** A failure reported by a cloud, reduced to what a user needs to act on it. */
export interface CloudFailure {
	/** HTTP status, when there was an answer. */
	httpCode?: number;
	/** The cloud's own code, e.g. `Throttling.User`, `APIG.0308`, `common.01000001`. */
	code: string;
	message: string;
	requestId?: string;
	/** Where to read more, or what to do (Alibaba's Recommend link, Huawei's solution_msg). */
	hint?: string;
}

/** The fields a Continue-On-Fail error item carries, so the next node can route on them. */
export interface ErrorItemFields {
	code?: string;
	requestId?: string;
	httpCode?: string;
}

const errorFields = new WeakMap<Error, ErrorItemFields>();

export function cloudApiError(node: INode, failure: CloudFailure, itemIndex: number): NodeApiError {
	const details = [
		failure.requestId ? `Request ID: ${failure.requestId}` : undefined,
		failure.hint,
	].filter(Boolean);
	const error = new NodeApiError(
		node,
		{ code: failure.code, message: failure.message, requestId: failure.requestId ?? null } as JsonObject,
		{
			message: `${failure.message} (${failure.code})`,
			description: details.join(' — ') || undefined,
			httpCode: failure.httpCode ? String(failure.httpCode) : undefined,
			itemIndex,
		},
	);
	// n8n swaps in its own generic text for network codes such as ECONNRESET: keep the node's
	error.message = `${failure.message} (${failure.code})`;
	errorFields.set(error, {
		code: failure.code,
		requestId: failure.requestId,
		httpCode: failure.httpCode ? String(failure.httpCode) : undefined,
	});
	return error;
}

export function errorItemFields(error: Error): ErrorItemFields {
	return errorFields.get(error) ?? {};
}

/** Display names for schema paths, e.g. `{ 'component.min_cu': 'Min CU' }`. */
export type FieldLabels = Record<string, string>;

/** Input that breaks the documented constraints: reported before anything is sent. */
export function invalidInputError(
	node: INode,
	zodError: ZodError,
	itemIndex: number,
	labels: FieldLabels,
): NodeOperationError {
	const problems = zodError.issues.map((issue) => `${fieldLabel(issue.path, labels)}: ${issue.message}`);
	return new NodeOperationError(node, `Invalid ${problems[0]} [item ${itemIndex}]`, {
		itemIndex,
		description: problems.length > 1 ? problems.join('\n') : undefined,
	});
}

/**
 * `['specs', 1, 'stride_num']` → "Stride Num of Specs #2": labels are looked up by the path
 * without positions, and a position names the list entry it points into.
 */
function fieldLabel(path: Array<string | number>, labels: FieldLabels): string {
	const names = path.filter((part): part is string => typeof part === 'string');
	const key = names.join('.');
	const label = labels[key] ?? (key || 'input');
	const position = path.findIndex((part) => typeof part === 'number');
	if (position < 0) return label;
	const listKey = path.slice(0, position).filter((part) => typeof part === 'string').join('.');
	const entry = `${labels[listKey] ?? listKey} #${(path[position] as number) + 1}`;
	return position === path.length - 1 ? entry : `${label} of ${entry}`;
}

const MAY_EXIST_HINT =
	'The instance may have been created although the request failed: check before creating it again. It was not resent automatically.';

/** A create that failed after it may have reached the cloud says that the instance may exist. */
export function mayExistAfterFailedCreate(failure: CloudFailure): CloudFailure {
	return { ...failure, hint: [failure.hint, MAY_EXIST_HINT].filter(Boolean).join(' — ') };
}

/**
 * Whether the service may have acted although the answer is a failure: a server error or a
 * timeout status, or a success status whose body could not be read.
 */
export function isAmbiguousFailure({ httpCode, code }: CloudFailure): boolean {
	if (httpCode === undefined) return false;
	if (httpCode >= 500 || httpCode === 408) return true;
	return code === INVALID_RESPONSE && httpCode >= 200 && httpCode < 300;
}

/** The code of an answer whose body is not the documented JSON. */
export const INVALID_RESPONSE = 'InvalidResponse';

/** No HTTP answer. For a create that may have reached the cloud, say that the instance may exist. */
export function transportFailure(
	error: { message: string; code: string | undefined; mayHaveReachedCloud: boolean },
	{ createsResource }: { createsResource: boolean },
): CloudFailure {
	const failure = { code: error.code ?? 'NetworkError', message: error.message };
	return createsResource && error.mayHaveReachedCloud ? mayExistAfterFailedCreate(failure) : failure;
}
