import type { IHttpRequestOptions } from 'n8n-workflow';

import type { Component, CreateInstanceInput, ReleaseInstanceInput } from './schema';

/** CreateInstance exists only in this version of openanalytics-open. */
export const DLA_API_VERSION = '2018-06-19';

/** Component as the API reference's example serializes it: every value a string, keys in its order. */
export function serializeComponent(component: Component): string {
	return JSON.stringify({
		operable: String(component.operable),
		max_cu: String(component.max_cu),
		instance_name: component.instance_name,
		min_cu: String(component.min_cu),
		engine: component.engine,
		region: component.region,
		app_name: component.app_name,
		app_version_name: component.app_version_name,
	});
}

/** An RPC call: the credential signs the parameters and decides where they travel. */
function rpcRequest(endpoint: string, action: string, params: Record<string, string>): IHttpRequestOptions {
	return {
		method: 'POST',
		url: `${endpoint.replace(/\/+$/, '')}/`,
		body: { Action: action, Version: DLA_API_VERSION, ...params },
	};
}

export function createInstanceRequest(endpoint: string, input: CreateInstanceInput): IHttpRequestOptions {
	return rpcRequest(endpoint, 'CreateInstance', {
		RegionId: input.RegionId,
		ChargeType: input.ChargeType,
		InstanceType: input.InstanceType,
		Component: serializeComponent(input.Component),
	});
}

export function releaseInstanceRequest(endpoint: string, input: ReleaseInstanceInput): IHttpRequestOptions {
	return rpcRequest(endpoint, 'ReleaseInstance', { RegionId: input.RegionId, InstanceId: input.InstanceId });
}
