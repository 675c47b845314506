import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { cloudApiError, isAmbiguousFailure, mayExistAfterFailedCreate, transportFailure } from '../shared/errors';
import type { ItemOperation } from '../shared/items';
import type { RequestSettings } from '../shared/requestOptions';
import { withRetries } from '../shared/retry';
import { isNoResponse, sendCloudRequest } from '../shared/transport';
import { parseJsonParameter, validateItem } from '../shared/validation';
import { alibabaDlaEndpoint } from './regions';
import { createInstanceRequest, releaseInstanceRequest } from './request';
import { isAlibabaThrottled, readDlaResponse } from './response';
import { createInstanceSchema, FIELD_LABELS, releaseInstanceSchema } from './schema';

export const ALIBABA_CREDENTIAL_TYPE = 'alibabaCloudAccessKeyApi';

interface DlaPlan {
	request: IHttpRequestOptions;
	createsResource: boolean;
}

/** Create and Release: one RPC call per item. */
export function dlaOperation(
	ctx: IExecuteFunctions,
	endpointOverride: string,
	settings: RequestSettings,
): ItemOperation<DlaPlan> {
	const node = ctx.getNode();
	return {
		prepare(itemIndex) {
			const operation = ctx.getNodeParameter('operation', itemIndex) as string;
			const regionId = String(ctx.getNodeParameter('regionId', itemIndex, '')).trim();
			const endpoint = endpointOverride || alibabaDlaEndpoint(regionId);
			if (operation === 'create') {
				const input = validateItem(node, createInstanceSchema, readCreateInput(ctx, itemIndex, regionId), itemIndex, FIELD_LABELS);
				return { request: createInstanceRequest(endpoint, input), createsResource: true };
			}
			if (operation === 'release') {
				const input = validateItem(
					node,
					releaseInstanceSchema,
					{ RegionId: regionId, InstanceId: ctx.getNodeParameter('instanceId', itemIndex, '') },
					itemIndex,
					FIELD_LABELS,
				);
				return { request: releaseInstanceRequest(endpoint, input), createsResource: false };
			}
			throw new NodeOperationError(node, `The operation "${operation}" is not supported`, { itemIndex });
		},

		async execute({ request, createsResource }, itemIndex): Promise<IDataObject> {
			// Create and Release change state: resent only when throttled or never sent
			const response = await withRetries(
				() => sendCloudRequest(ctx, ALIBABA_CREDENTIAL_TYPE, { ...request, timeout: settings.timeoutMs }),
				{ maxRetries: settings.maxRetries, idempotent: false, isThrottled: isAlibabaThrottled },
			);
			if (isNoResponse(response)) {
				throw cloudApiError(node, transportFailure(response, { createsResource }), itemIndex);
			}
			const answer = readDlaResponse(response);
			if ('failure' in answer) {
				const { failure } = answer;
				const mayExist = createsResource && isAmbiguousFailure(failure);
				throw cloudApiError(node, mayExist ? mayExistAfterFailedCreate(failure) : failure, itemIndex);
			}
			return answer.result;
		},
	};
}

function readCreateInput(ctx: IExecuteFunctions, itemIndex: number, regionId: string): IDataObject {
	const common = {
		RegionId: regionId,
		ChargeType: ctx.getNodeParameter('chargeType', itemIndex),
		InstanceType: ctx.getNodeParameter('instanceType', itemIndex),
	};
	if (ctx.getNodeParameter('componentInput', itemIndex) === 'json') {
		const parsed = parseJsonParameter(ctx.getNodeParameter('componentJson', itemIndex));
		if (!parsed.ok) {
			throw new NodeOperationError(ctx.getNode(), `Invalid Component (JSON): ${parsed.reason} [item ${itemIndex}]`, {
				itemIndex,
			});
		}
		return { ...common, Component: parsed.value as IDataObject };
	}
	const componentRegion = String(ctx.getNodeParameter('componentRegion', itemIndex, '')).trim();
	return {
		...common,
		Component: {
			operable: ctx.getNodeParameter('operable', itemIndex, false),
			max_cu: ctx.getNodeParameter('maxCu', itemIndex),
			instance_name: ctx.getNodeParameter('instanceName', itemIndex),
			min_cu: ctx.getNodeParameter('minCu', itemIndex),
			engine: ctx.getNodeParameter('engine', itemIndex),
			region: componentRegion || regionId,
			app_name: ctx.getNodeParameter('appName', itemIndex),
			app_version_name: ctx.getNodeParameter('appVersionName', itemIndex),
		},
	};
}
