import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { errorItemFields } from './errors';

export interface ItemOperation<Plan> {
	/** Reads and validates one item's parameters into what will be sent. Sends nothing. */
	prepare: (itemIndex: number) => Plan | Promise<Plan>;
	/** Sends the prepared request(s) and returns the item's output. */
	execute: (plan: Plan, itemIndex: number) => Promise<IDataObject | IDataObject[]>;
}

/**
 * Every item is validated before any request is sent, so bad input anywhere stops the node
 * with nothing sent. Output follows input order, each result paired with its item. With
 * Continue On Fail every input item yields its results or exactly one error item.
 */
export async function runItems<Plan>(
	ctx: IExecuteFunctions,
	operation: ItemOperation<Plan>,
): Promise<INodeExecutionData[][]> {
	const itemCount = ctx.getInputData().length;
	const continueOnFail = ctx.continueOnFail();
	const outcomes: Array<{ plan: Plan } | { error: Error }> = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			outcomes.push({ plan: await operation.prepare(itemIndex) });
		} catch (error) {
			if (!continueOnFail) throw asNodeError(ctx, error, itemIndex);
			outcomes.push({ error: error as Error });
		}
	}

	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		const outcome = outcomes[itemIndex];
		try {
			if ('error' in outcome) throw outcome.error;
			const result = await operation.execute(outcome.plan, itemIndex);
			output.push(
				...ctx.helpers.constructExecutionMetaData(ctx.helpers.returnJsonArray(result), {
					itemData: { item: itemIndex },
				}),
			);
		} catch (error) {
			if (!continueOnFail) throw asNodeError(ctx, error, itemIndex);
			output.push({ json: errorItemJson(error as Error), pairedItem: { item: itemIndex } });
		}
	}
	return [output];
}

/** The error item of Continue On Fail: the message, and the cloud's code and request ID when known. */
export function errorItemJson(error: Error): IDataObject {
	const { description } = error as { description?: string | null };
	const json: IDataObject = { error: error.message };
	if (description) json.description = description;
	for (const [name, value] of Object.entries(errorItemFields(error))) {
		if (value !== undefined) json[name] = value;
	}
	return json;
}

function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof Error && 'node' in error) return error;
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}
