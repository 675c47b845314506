import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import type { CreateInstanceBody, ListFilters } from './schema';

/** The paths as the API reference writes them; the credential fills in {project_id}. */
const INSTANCES = '/v1/{project_id}/instances';
const instancePath = (instanceId: string) => `${INSTANCES}/${encodeURIComponent(instanceId)}`;

export function createInstanceRequest(endpoint: string, body: CreateInstanceBody): IHttpRequestOptions {
	return { method: 'POST', url: endpoint + INSTANCES, body: withoutEmpty(body) };
}

export function showInstanceRequest(endpoint: string, instanceId: string): IHttpRequestOptions {
	return { method: 'GET', url: endpoint + instancePath(instanceId) };
}

export function listInstancesRequest(
	endpoint: string,
	filters: ListFilters,
	page: { offset: number; limit: number },
): IHttpRequestOptions {
	const qs: IDataObject = { offset: page.offset, limit: page.limit };
	if (filters.name !== undefined) qs.name = filters.name;
	if (filters.enterprise_project_id !== undefined) qs.enterprise_project_id = filters.enterprise_project_id;
	if (filters.in_recycle_bin !== undefined) qs.in_recycle_bin = filters.in_recycle_bin;
	if (filters.tags?.length) qs.tags = listTagsFilter(filters.tags);
	return { method: 'GET', url: endpoint + INSTANCES, qs };
}

/** Tags filter of the list call: `key=value` pairs joined by commas (a key alone matches any value). */
export function listTagsFilter(tags: Array<{ key: string; value?: string }>): string {
	return tags.map((tag) => (tag.value === undefined ? tag.key : `${tag.key}=${tag.value}`)).join(',');
}

export function updateInstanceRequest(
	endpoint: string,
	instanceId: string,
	body: { name?: string; description?: string },
): IHttpRequestOptions {
	return { method: 'PUT', url: endpoint + instancePath(instanceId), body: withoutEmpty(body) };
}

export function deleteInstanceRequest(endpoint: string, instanceId: string, toRecycleBin: boolean): IHttpRequestOptions {
	return { method: 'DELETE', url: endpoint + instancePath(instanceId), qs: { to_recycle_bin: toRecycleBin } };
}

export function recoverInstanceRequest(endpoint: string, instanceId: string): IHttpRequestOptions {
	return { method: 'POST', url: `${endpoint}${instancePath(instanceId)}/recover` };
}

/** Optional fields that were not given are left out of the body, not sent as null. */
function withoutEmpty<T extends object>(body: T): IDataObject {
	return JSON.parse(JSON.stringify(body)) as IDataObject;
}
