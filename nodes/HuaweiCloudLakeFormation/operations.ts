import { NodeOperationError, sleep } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import {
	cloudApiError,
	isAmbiguousFailure,
	mayExistAfterFailedCreate,
	transportFailure,
	type CloudFailure,
	type FieldLabels,
} from '../shared/errors';
import type { ItemOperation } from '../shared/items';
import type { RequestSettings } from '../shared/requestOptions';
import { withRetries } from '../shared/retry';
import { isNoResponse, sendCloudRequest } from '../shared/transport';
import { validateItem } from '../shared/validation';
import { lakeFormationEndpoint } from './regions';
import {
	createInstanceRequest,
	deleteInstanceRequest,
	listInstancesRequest,
	recoverInstanceRequest,
	showInstanceRequest,
	updateInstanceRequest,
} from './request';
import { isHuaweiThrottled, readLakeFormationResponse, type LakeFormationAnswer } from './response';
import {
	createInstanceSchema,
	FIELD_LABELS,
	instanceIdSchema,
	listFiltersSchema,
	updateInstanceSchema,
	type CreateInstanceBody,
	type ListFilters,
} from './schema';

export const HUAWEI_CREDENTIAL_TYPE = 'huaweiCloudIamApi';

/** The largest page the list call is asked for. */
const PAGE_SIZE = 100;

/** Statuses from which an instance will not become RUNNING by waiting. */
const NOT_BECOMING_READY = new Set([
	'RESOURCE_PREPARATION_FAIL',
	'RESOURCE_RELEASE',
	'DELETED',
	'DELETING',
	'FROZEN_RELEASABLE',
	'FROZEN_UNRELEASABLE',
]);

interface WaitOptions {
	pollIntervalMs: number;
	timeoutMs: number;
}

type Plan =
	| { operation: 'create'; body: CreateInstanceBody; ifNameExists: string; wait?: WaitOptions }
	| { operation: 'get' | 'recover'; instanceId: string }
	| { operation: 'getAll'; filters: ListFilters; limit?: number }
	| { operation: 'update'; instanceId: string; body: { name?: string; description?: string } }
	| { operation: 'delete'; instanceId: string; toRecycleBin: boolean };

interface CallOptions {
	/** Creates an instance: never resent after an ambiguous failure. */
	createsResource?: boolean;
	/** A read (Show, List): safe to resend after any transient failure. */
	idempotent?: boolean;
}

type Outcome = { answer: LakeFormationAnswer } | { failure: CloudFailure; ambiguous: boolean };

interface LakeFormationApi {
	send(request: IHttpRequestOptions, options?: CallOptions): Promise<Outcome>;
	call(request: IHttpRequestOptions, options?: CallOptions): Promise<LakeFormationAnswer>;
	show(instanceId: string): Promise<LakeFormationAnswer>;
	/** The list, page by page through offset/limit, until `wanted` instances or the end. */
	pages(filters: ListFilters, wanted?: number): AsyncGenerator<{ instances: IDataObject[]; requestId?: string }>;
	findByName(name: string): Promise<IDataObject | undefined>;
	create(body: CreateInstanceBody, lookUpAfterAmbiguousFailure: boolean): Promise<LakeFormationAnswer>;
}

export function lakeFormationOperation(
	ctx: IExecuteFunctions,
	credentials: ICredentialDataDecryptedObject,
	settings: RequestSettings,
): ItemOperation<Plan> {
	const node = ctx.getNode();
	const endpoint = (
		String(credentials.lakeFormationEndpoint ?? '').trim() || lakeFormationEndpoint(String(credentials.region ?? ''))
	).replace(/\/+$/, '');
	// only a token obtained with the password can be renewed by n8n after a 401
	const refreshOn401 = (credentials.authType ?? 'password') === 'password';

	const apiFor = (itemIndex: number): LakeFormationApi => {
		const api: LakeFormationApi = {
			async send(request, { createsResource = false, idempotent = false } = {}) {
				const response = await withRetries(
					() =>
						sendCloudRequest(ctx, HUAWEI_CREDENTIAL_TYPE, { ...request, timeout: settings.timeoutMs }, { refreshOn401 }),
					{ maxRetries: settings.maxRetries, idempotent, isThrottled: isHuaweiThrottled },
				);
				if (isNoResponse(response)) {
					return {
						failure: transportFailure(response, { createsResource }),
						ambiguous: response.mayHaveReachedCloud,
					};
				}
				const read = readLakeFormationResponse(response);
				if ('answer' in read) return read;
				const ambiguous = isAmbiguousFailure(read.failure);
				return { failure: createsResource && ambiguous ? mayExistAfterFailedCreate(read.failure) : read.failure, ambiguous };
			},
			async call(request, options) {
				const outcome = await api.send(request, options);
				if ('failure' in outcome) throw cloudApiError(node, outcome.failure, itemIndex);
				return outcome.answer;
			},
			show: (instanceId) => api.call(showInstanceRequest(endpoint, instanceId), { idempotent: true }),
			async *pages(filters, wanted = Infinity) {
				for (let offset = 0, received = 0; received < wanted; ) {
					const limit = Math.min(PAGE_SIZE, wanted - received);
					const page = await api.call(listInstancesRequest(endpoint, filters, { offset, limit }), { idempotent: true });
					const instances = ((page.body?.instances ?? []) as IDataObject[]).slice(0, limit);
					yield { instances, requestId: page.requestId };
					received += instances.length;
					offset += instances.length;
					if (instances.length < limit || offset >= Number(page.body?.total ?? 0)) return;
				}
			},
			async findByName(name) {
				// the name filter may match more loosely than equality: look through every page
				for await (const { instances } of api.pages({ name })) {
					const match = instances.find((instance) => instance.name === name && instance.in_recycle_bin !== true);
					if (match) return match;
				}
				return undefined;
			},
			async create(body, lookUpAfterAmbiguousFailure) {
				const request = createInstanceRequest(endpoint, body);
				const outcome = await api.send(request, { createsResource: true });
				if ('answer' in outcome) return outcome.answer;
				if (!(outcome.ambiguous && lookUpAfterAmbiguousFailure)) throw cloudApiError(node, outcome.failure, itemIndex);
				// The create may have happened: return the instance if it did. It is not sent again when
				// the name is not found, since a create that timed out may still be under way.
				const existing = await api.findByName(body.name);
				if (existing) return await api.show(String(existing.instance_id));
				const hint = `No instance named "${body.name}" exists yet, but it may still appear.`;
				throw cloudApiError(node, { ...outcome.failure, hint: [outcome.failure.hint, hint].filter(Boolean).join(' — ') }, itemIndex);
			},
		};
		return api;
	};

	return {
		prepare: (itemIndex) => readPlan(ctx, itemIndex),

		async execute(plan, itemIndex) {
			const api = apiFor(itemIndex);
			const withRequestId = ctx.getNodeParameter('includeRequestId', itemIndex, false) as boolean;
			const output = (body: IDataObject, requestId: string | undefined): IDataObject =>
				withRequestId ? { ...body, x_request_id: requestId ?? null } : body;

			switch (plan.operation) {
				case 'create': {
					let instance: LakeFormationAnswer | undefined;
					if (plan.ifNameExists !== 'create') {
						const existing = await api.findByName(plan.body.name);
						if (existing && plan.ifNameExists === 'fail') {
							throw new NodeOperationError(
								node,
								`An instance named "${plan.body.name}" exists already (${String(existing.instance_id)}) [item ${itemIndex}]`,
								{ itemIndex, description: 'The option "If an Instance With This Name Exists" is set to Fail.' },
							);
						}
						if (existing) instance = await api.show(String(existing.instance_id));
					}
					instance ??= await api.create(plan.body, plan.ifNameExists === 'returnExisting');
					if (plan.wait) instance = await waitUntilRunning(api, endpoint, instance, plan.wait, node, itemIndex);
					return output(instance.body ?? {}, instance.requestId);
				}
				case 'get': {
					const answer = await api.show(plan.instanceId);
					return output(answer.body ?? {}, answer.requestId);
				}
				case 'getAll': {
					const results: IDataObject[] = [];
					for await (const page of api.pages(plan.filters, plan.limit)) {
						results.push(...page.instances.map((instance) => output(instance, page.requestId)));
					}
					return results;
				}
				case 'update': {
					const answer = await api.call(updateInstanceRequest(endpoint, plan.instanceId, plan.body));
					return output(answer.body ?? { instance_id: plan.instanceId, ...plan.body }, answer.requestId);
				}
				case 'delete': {
					const answer = await api.call(deleteInstanceRequest(endpoint, plan.instanceId, plan.toRecycleBin));
					const done = { instance_id: plan.instanceId, deleted: true, to_recycle_bin: plan.toRecycleBin };
					return output(answer.body ?? done, answer.requestId);
				}
				case 'recover': {
					const answer = await api.call(recoverInstanceRequest(endpoint, plan.instanceId));
					return output(answer.body ?? { instance_id: plan.instanceId, recovered: true }, answer.requestId);
				}
			}
		},
	};
}

/** Polls Show until RUNNING; fails on a status that will not become RUNNING, or at the timeout. */
async function waitUntilRunning(
	api: LakeFormationApi,
	endpoint: string,
	created: LakeFormationAnswer,
	{ pollIntervalMs, timeoutMs }: WaitOptions,
	node: IExecuteFunctions['getNode'] extends () => infer N ? N : never,
	itemIndex: number,
): Promise<LakeFormationAnswer> {
	const instanceId = String(created.body?.instance_id ?? '');
	const deadline = Date.now() + timeoutMs;
	let current = created;
	for (;;) {
		const status = String(current.body?.status ?? '');
		if (status === 'RUNNING') return current;
		if (NOT_BECOMING_READY.has(status)) {
			throw cloudApiError(
				node,
				{
					code: status,
					message: `Instance ${instanceId} did not become ready: its status is ${status}`,
					requestId: current.requestId,
				},
				itemIndex,
			);
		}
		if (Date.now() + pollIntervalMs > deadline) {
			const progress = current.body?.resource_progress;
			throw cloudApiError(
				node,
				{
					code: 'WaitTimeout',
					message: `Instance ${instanceId} was still ${status || 'not ready'}${progress !== undefined ? ` (${String(progress)}%)` : ''} when the wait timed out`,
					requestId: current.requestId,
					hint: 'The instance exists: raise "Wait Timeout (Minutes)" or check its status later with Get.',
				},
				itemIndex,
			);
		}
		await sleep(pollIntervalMs);
		const polled = await api.send(showInstanceRequest(endpoint, instanceId), { idempotent: true });
		if ('failure' in polled) {
			const hint = `Instance ${instanceId} was created; only waiting for it failed: check its status later with Get.`;
			throw cloudApiError(node, { ...polled.failure, hint: [polled.failure.hint, hint].filter(Boolean).join(' — ') }, itemIndex);
		}
		current = polled.answer;
	}
}

function readPlan(ctx: IExecuteFunctions, itemIndex: number): Plan {
	const node = ctx.getNode();
	const operation = ctx.getNodeParameter('operation', itemIndex) as string;
	const valid = <T>(schema: { safeParse: (input: unknown) => unknown }, input: unknown, labels: FieldLabels = FIELD_LABELS) =>
		validateItem(node, schema as never, input, itemIndex, labels) as T;
	const instanceId = () =>
		valid<string>(instanceIdSchema, ctx.getNodeParameter('instanceId', itemIndex, ''), { '': 'Instance ID' });

	switch (operation) {
		case 'create': {
			const additional = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
			const options = ctx.getNodeParameter('createOptions', itemIndex, {}) as IDataObject;
			const chargeMode = ctx.getNodeParameter('chargeMode', itemIndex);
			const body = valid<CreateInstanceBody>(createInstanceSchema, {
				name: ctx.getNodeParameter('name', itemIndex),
				charge_mode: chargeMode,
				enterprise_project_id: additional.enterprise_project_id,
				description: additional.description,
				shared: ctx.getNodeParameter('shared', itemIndex),
				order_id: additional.order_id,
				specs: entries(ctx.getNodeParameter('specs', itemIndex, {}), 'spec'),
				tags: entries(additional.tags, 'tag'),
				charge_info: chargeMode === 'prePaid' ? ctx.getNodeParameter('chargeInfo', itemIndex, undefined) : undefined,
			});
			const waitUntilReady = options.waitUntilReady === true;
			return {
				operation,
				body,
				ifNameExists: String(options.ifNameExists ?? 'create'),
				wait: waitUntilReady
					? {
							pollIntervalMs: Math.round(Math.min(Math.max(Number(options.pollInterval ?? 10), 0.1), 300) * 1000),
							timeoutMs: Math.round(Math.max(Number(options.waitTimeout ?? 30), 0.01) * 60_000),
						}
					: undefined,
			};
		}
		case 'get':
		case 'recover':
			return { operation, instanceId: instanceId() };
		case 'getAll': {
			const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
			const filters = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
			const limit = returnAll ? undefined : Number(ctx.getNodeParameter('limit', itemIndex, 50));
			if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1)) {
				throw new NodeOperationError(node, `Invalid Limit: must be a whole number of at least 1 [item ${itemIndex}]`, {
					itemIndex,
				});
			}
			return {
				operation,
				filters: valid<ListFilters>(listFiltersSchema, { ...filters, tags: entries(filters.tags, 'tag') }),
				limit,
			};
		}
		case 'update':
			return {
				operation,
				instanceId: instanceId(),
				body: valid(updateInstanceSchema, ctx.getNodeParameter('updateFields', itemIndex, {})),
			};
		case 'delete':
			return {
				operation,
				instanceId: instanceId(),
				toRecycleBin: ctx.getNodeParameter('toRecycleBin', itemIndex, true) as boolean,
			};
	}
	throw new NodeOperationError(node, `The operation "${operation}" is not supported`, { itemIndex });
}

/** A fixedCollection's entries (`{ spec: [...] }` → `[...]`); undefined when there are none. */
function entries(collection: unknown, key: string): IDataObject[] | undefined {
	const list = (collection as IDataObject | undefined)?.[key];
	return Array.isArray(list) && list.length > 0 ? (list as IDataObject[]) : undefined;
}
