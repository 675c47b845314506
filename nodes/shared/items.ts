import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { errorItemFields } from './errors';
import type { RequestSettings } from './requestOptions';

export interface ItemOperation<Plan> {
	/** Reads and validates one item's parameters into what will be sent. Sends nothing. */
	prepare: (itemIndex: number) => Plan | Promise<Plan>;
	/** Sends the prepared request(s) and returns the item's output. */
	execute: (plan: Plan, itemIndex: number) => Promise<IDataObject | IDataObject[]>;
}

/**
 * Every item is validated before any request is sent, so bad input anywhere stops the node
 * with nothing sent. Items are then sent in batches, up to `concurrency` at a time; the output
 * follows input order, each result paired with its item. With Continue On Fail every input item
 * yields its results or exactly one error item; without it the first failing item (in input
 * order) stops the node once the requests under way have finished.
 */
export async function runItems<Plan>(
	ctx: IExecuteFunctions,
	operation: ItemOperation<Plan>,
	schedule: Pick<RequestSettings, 'batchSize' | 'batchIntervalMs' | 'concurrency'>,
): Promise<INodeExecutionData[][]> {
	const itemCount = ctx.getInputData().length;
	const continueOnFail = ctx.continueOnFail();
	const plans: Array<{ plan: Plan } | { error: Error }> = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			plans.push({ plan: await operation.prepare(itemIndex) });
		} catch (error) {
			if (!continueOnFail) throw asNodeError(ctx, error, itemIndex);
			plans.push({ error: error as Error });
		}
	}

	const results: INodeExecutionData[][] = new Array(itemCount);
	let firstFailure: { itemIndex: number; error: unknown } | undefined;
	const runItem = async (itemIndex: number) => {
		const prepared = plans[itemIndex];
		try {
			if ('error' in prepared) throw prepared.error;
			const result = await operation.execute(prepared.plan, itemIndex);
			results[itemIndex] = ctx.helpers.constructExecutionMetaData(ctx.helpers.returnJsonArray(result), {
				itemData: { item: itemIndex },
			});
		} catch (error) {
			if (continueOnFail) {
				results[itemIndex] = [{ json: errorItemJson(error as Error), pairedItem: { item: itemIndex } }];
			} else if (!firstFailure || itemIndex < firstFailure.itemIndex) {
				firstFailure = { itemIndex, error };
			}
		}
	};

	const batchSize = Math.min(schedule.batchSize, itemCount) || 1;
	for (let start = 0; start < itemCount && !firstFailure; start += batchSize) {
		if (start > 0 && schedule.batchIntervalMs > 0) await sleep(schedule.batchIntervalMs);
		const batch = Array.from({ length: Math.min(batchSize, itemCount - start) }, (_, offset) => start + offset);
		if (start === 0 && schedule.concurrency > 1) {
			// the first item alone: a credential that obtains a token does so once, not once per parallel item
			await runItem(batch.shift() as number);
		}
		await inParallel(batch, schedule.concurrency, runItem, () => firstFailure !== undefined);
	}
	if (firstFailure) throw asNodeError(ctx, firstFailure.error, firstFailure.itemIndex);
	return [results.flat()];
}

/** Runs `work` over `indices`, at most `limit` at a time, starting no new work once `stop()` says so. */
async function inParallel(
	indices: number[],
	limit: number,
	work: (index: number) => Promise<void>,
	stop: () => boolean,
): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < indices.length && !stop()) await work(indices[next++]);
	};
	await Promise.all(Array.from({ length: Math.min(limit, indices.length) }, worker));
}

/**
 * The error item of Continue On Fail: `{ error, details: { code, requestId, httpCode, description } }`.
 * Only the keys `error` and `details`, because that is how n8n recognizes an error item for the
 * error output; setting `item.error` instead would make n8n replace the json with the message alone.
 */
export function errorItemJson(error: Error): IDataObject {
	const details: IDataObject = {};
	for (const [name, value] of Object.entries(errorItemFields(error))) {
		if (value !== undefined) details[name] = value;
	}
	const { description } = error as { description?: string | null };
	if (description) details.description = description;
	return { error: error.message, details };
}

function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof Error && 'node' in error) return error;
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}
