import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** Options both nodes offer for every operation; batching has the HTTP Request node's shape. */
export const requestOptionsProperty: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Batching',
			name: 'batching',
			placeholder: 'Add Batching',
			type: 'fixedCollection',
			typeOptions: { multipleValues: false },
			default: { batch: {} },
			options: [
				{
					displayName: 'Batching',
					name: 'batch',
					values: [
						{
							displayName: 'Items per Batch',
							name: 'batchSize',
							type: 'number',
							typeOptions: { minValue: -1 },
							default: 50,
							description: 'Input will be split in batches to throttle requests. -1 for disabled. 0 will be treated as 1.',
						},
						{
							// eslint-disable-next-line n8n-nodes-base/node-param-display-name-miscased
							displayName: 'Batch Interval (ms)',
							name: 'batchInterval',
							type: 'number',
							typeOptions: { minValue: 0 },
							default: 1000,
							description: 'Time (in milliseconds) between each batch of requests. 0 for disabled.',
						},
					],
				},
			],
		},
		{
			displayName: 'Max Concurrent Requests',
			name: 'maxConcurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 50 },
			default: 1,
			description: 'How many items are sent at the same time. The output keeps the input order.',
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: 3,
			description:
				'How often a throttled request, or one that never reached the cloud, is sent again (with exponential backoff, honouring Retry-After). Reads are also retried after server errors. A create is never resent after an ambiguous failure.',
		},
		{
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 60000,
			description: 'Time in ms to wait for an answer before giving up on a request',
		},
	],
};

export interface RequestSettings {
	/** Items per batch; Infinity when batching is off. */
	batchSize: number;
	batchIntervalMs: number;
	concurrency: number;
	maxRetries: number;
	timeoutMs: number;
}

/** Read once, from the first item, as the HTTP Request node does for batching. */
export function readRequestSettings(ctx: IExecuteFunctions): RequestSettings {
	const options = ctx.getNodeParameter('requestOptions', 0, {}) as IDataObject;
	const batch = ((options.batching as IDataObject | undefined)?.batch ?? undefined) as IDataObject | undefined;
	const batchSize = batch ? Number(batch.batchSize ?? 50) : -1;
	return {
		batchSize: batchSize < 0 ? Infinity : Math.max(1, Math.floor(batchSize)),
		batchIntervalMs: batch ? Math.max(0, Number(batch.batchInterval ?? 1000)) : 0,
		concurrency: Math.min(50, Math.max(1, Math.floor(Number(options.maxConcurrency ?? 1)))),
		maxRetries: Math.min(10, Math.max(0, Math.floor(Number(options.maxRetries ?? 3)))),
		timeoutMs: Math.max(1, Number(options.timeout ?? 60000)),
	};
}
