import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

/**
 * `authenticate` receives n8n's request options (`url`/`baseURL`, `qs`, `body`) or, from the
 * HTTP Request node, the legacy ones (`uri`, `qs`, `form`, `body`). Signing needs the final URL,
 * so both shapes are read here, and the signed request is written back in the caller's shape.
 */
export interface AnyRequestOptions extends Partial<IHttpRequestOptions> {
	uri?: string;
	form?: IDataObject;
}

export function requestUrl(request: AnyRequestOptions): string {
	if (request.uri !== undefined) return String(request.uri);
	const url = request.url ?? '';
	if (!request.baseURL || /^https?:\/\//i.test(url)) return url;
	return request.baseURL.replace(/\/+$/, '') + '/' + url.replace(/^\/+/, '');
}

/** The request as it will be sent: query already in `url`, `body` exactly as signed. */
export function withSignedParts(
	request: AnyRequestOptions,
	{ url, headers, body }: { url: string; headers: IDataObject; body: IHttpRequestOptions['body'] },
): IHttpRequestOptions {
	const signed: AnyRequestOptions = { ...request, headers };
	delete signed.qs;
	delete signed.form;
	delete signed.baseURL;
	if (body === undefined) delete signed.body;
	else signed.body = body;
	if (request.uri !== undefined) signed.uri = url;
	else signed.url = url;
	return signed as IHttpRequestOptions;
}
