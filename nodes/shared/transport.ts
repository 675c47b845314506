import type { IDataObject, IExecuteFunctions, IHttpRequestOptions, JsonObject } from 'n8n-workflow';

/** What came back from the cloud, whatever the status: the nodes map it themselves. */
export interface CloudResponse {
	statusCode: number;
	headers: Record<string, string>;
	/** The parsed JSON body; undefined when the body is empty or not JSON (see rawBody). */
	body: unknown;
	rawBody: string;
}

/**
 * The request got no HTTP answer. `mayHaveReachedCloud` tells whether the cloud may have
 * processed it (reset or timeout after sending) — the difference between "safe to retry"
 * and "a create may have happened".
 */
export interface NoResponse {
	noResponse: true;
	code: string | undefined;
	message: string;
	mayHaveReachedCloud: boolean;
}

export type CloudAnswer = CloudResponse | NoResponse;

export function isNoResponse(answer: CloudAnswer): answer is NoResponse {
	return 'noResponse' in answer;
}

// Failures where the connection was never established: nothing reached the cloud.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_INVALID_URL']);

export interface SendOptions {
	/**
	 * Let a 401 reach n8n's credential refresh (preAuthentication, then one resend).
	 * Only for credentials that obtain tokens: for the others a 401 is final.
	 */
	refreshOn401?: boolean;
}

/**
 * Sends through the credential (n8n signs or adds the token in `authenticate`) and returns every
 * outcome as data — any HTTP answer, or no answer — so error mapping can use the cloud's code,
 * message and request ID, and retries can tell what is safe to resend.
 */
export async function sendCloudRequest(
	ctx: IExecuteFunctions,
	credentialType: string,
	request: IHttpRequestOptions,
	{ refreshOn401 = false }: SendOptions = {},
): Promise<CloudAnswer> {
	const options: IHttpRequestOptions = {
		...request,
		returnFullResponse: true,
		json: false,
		encoding: 'text',
		ignoreHttpStatusErrors: refreshOn401 ? { ignore: true, except: [401] } : true,
	};
	try {
		const response = (await ctx.helpers.httpRequestWithAuthentication.call(
			ctx,
			credentialType,
			options,
		)) as { statusCode: number; headers: IDataObject; body: unknown };
		return toCloudResponse(response.statusCode, response.headers, response.body);
	} catch (error) {
		// n8n wraps the transport error in a NodeApiError; its cause is the axios error
		const cause = ((error as JsonObject).cause ?? error) as {
			code?: string;
			message?: string;
			response?: { status: number; headers: IDataObject; data: unknown };
		};
		if (cause.response?.status) {
			// a 401 that the credential refresh could not mend
			return toCloudResponse(cause.response.status, cause.response.headers, cause.response.data);
		}
		const code = cause.code ?? (error as { code?: string }).code;
		return {
			noResponse: true,
			code,
			message: describeTransportFailure(code, cause.message ?? (error as Error).message),
			mayHaveReachedCloud: !(code !== undefined && NOT_SENT_CODES.has(code)),
		};
	}
}

function describeTransportFailure(code: string | undefined, message: string | undefined): string {
	if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') return 'The request timed out';
	if (code === 'ECONNREFUSED') return 'The connection was refused';
	if (code === 'ECONNRESET') return 'The connection was closed before a response was received';
	return message ? `The request failed: ${message}` : 'The request failed';
}

function toCloudResponse(statusCode: number, headers: IDataObject | undefined, body: unknown): CloudResponse {
	const rawBody = typeof body === 'string' ? body : body === undefined || body === null ? '' : JSON.stringify(body);
	let parsed: unknown;
	if (typeof body === 'string') {
		try {
			parsed = rawBody.trim() === '' ? undefined : JSON.parse(rawBody);
		} catch {
			parsed = undefined;
		}
	} else {
		parsed = body;
	}
	const flatHeaders: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers ?? {})) {
		if (value !== undefined && value !== null) flatHeaders[name.toLowerCase()] = String(value);
	}
	return { statusCode, headers: flatHeaders, body: parsed, rawBody };
}
