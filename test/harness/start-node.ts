/**
 * The harness's own start node (type `harness.start`). Workflow JSON exported from n8n that
 * starts with `n8n-nodes-base.manualTrigger` (or the old `n8n-nodes-base.start`) runs on it too,
 * because the harness maps those types here (n8n-nodes-base is not installed).
 *
 * It has no inputs and emits, in this order of precedence:
 * 1. the items given to `N8nHarness.run(workflow, { inputItems })` (the harness writes them into
 *    this node's `items` parameter for that run);
 * 2. its `items` parameter from the workflow JSON (a JSON array of objects, as a string or an array);
 * 3. otherwise one empty item `{}`, exactly like n8n's Manual Trigger.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

export const HARNESS_START_NODE_TYPE = 'harness.start';

/** Node types the harness runs on its start node. */
export const START_NODE_ALIASES: readonly string[] = [
	HARNESS_START_NODE_TYPE,
	'n8n-nodes-base.manualTrigger',
	'n8n-nodes-base.start',
];

function isPlainObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class HarnessStart implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harness Start',
		name: HARNESS_START_NODE_TYPE,
		group: ['trigger'],
		version: 1,
		description: 'Emits the test input items',
		defaults: { name: 'Start' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName: 'Items (JSON Array)',
				name: 'items',
				type: 'json',
				default: '',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0, '') as unknown;
		if (raw === '' || raw === undefined || raw === null) {
			// Pass through what the harness put on the execution stack: one empty item.
			return [this.getInputData().map((item) => ({ json: item.json }))];
		}
		let parsed: unknown = raw;
		if (typeof raw === 'string') {
			try {
				parsed = JSON.parse(raw);
			} catch (error) {
				throw new NodeOperationError(this.getNode(), `"items" is not valid JSON: ${(error as Error).message}`);
			}
		}
		const list = Array.isArray(parsed) ? parsed : [parsed];
		return [
			list.map((entry, index) => {
				if (!isPlainObject(entry)) {
					throw new NodeOperationError(this.getNode(), `"items" entry ${index} is not an object`);
				}
				return { json: entry };
			}),
		];
	}
}
