import type { INode } from 'n8n-workflow';
import type { z, ZodTypeAny } from 'zod';

import { invalidInputError, type FieldLabels } from './errors';

/** Checks one item's input against the documented constraints; the error names field and item. */
export function validateItem<Schema extends ZodTypeAny>(
	node: INode,
	schema: Schema,
	input: unknown,
	itemIndex: number,
	labels: FieldLabels,
): z.output<Schema> {
	const parsed = schema.safeParse(input);
	if (!parsed.success) throw invalidInputError(node, parsed.error, itemIndex, labels);
	return parsed.data;
}

/** Parses a JSON parameter (n8n gives it as text or already parsed); the error names the field. */
export function parseJsonParameter(value: unknown): { ok: true; value: unknown } | { ok: false; reason: string } {
	if (typeof value !== 'string') return { ok: true, value };
	try {
		return { ok: true, value: JSON.parse(value) };
	} catch (error) {
		return { ok: false, reason: `is not valid JSON (${(error as Error).message})` };
	}
}
