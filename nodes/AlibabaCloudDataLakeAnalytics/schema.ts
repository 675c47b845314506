import { z } from 'zod';

import type { FieldLabels } from '../shared/errors';

export const INSTANCE_TYPES = ['CU_SPARK', 'CU_PRESTO'] as const;
export const ENGINES = ['spark', 'presto'] as const;

const text = (what: string) => z.string({ required_error: 'is required', invalid_type_error: `must be ${what}` }).trim();
const required = (what = 'text') => text(what).min(1, 'is required');

const regionId = required().regex(/^[a-z0-9-]+$/, 'must be a region ID such as cn-hangzhou');

/** A union's own message: zod reports an unmatched union as "Invalid input" otherwise. */
const unionMessage = (message: string): z.ZodErrorMap => (issue, ctx) =>
	issue.code === z.ZodIssueCode.invalid_union || issue.code === z.ZodIssueCode.invalid_type
		? { message }
		: { message: ctx.defaultError };

/**
 * A CU count: a whole number ≥ 0, given as a number or (as the doc's example does) a string. A
 * string must be exactly a whole number ("8", "8.0"): digits that a number cannot hold would be
 * sent changed.
 */
const computeUnits = z
	.union([z.number(), z.string().trim().regex(/^-?\d+(\.\d+)?$/, 'must be a number')], {
		errorMap: unionMessage('must be a number'),
	})
	.refine((value) => typeof value === 'number' || /^-?\d+(\.0+)?$/.test(value), 'must be a whole number')
	.transform(Number)
	.pipe(
		z
			.number()
			.int('must be a whole number')
			.min(0, 'must not be negative')
			.max(Number.MAX_SAFE_INTEGER, `must be at most ${Number.MAX_SAFE_INTEGER}`),
	);

const flag = z
	.union([z.boolean(), z.enum(['true', 'false'])], { errorMap: unionMessage('must be true or false') })
	.transform((value) => value === true || value === 'true');

/** The Component parameter's keys, in the order of the API reference's example. */
export const componentSchema = z
	.object({
		operable: flag,
		max_cu: computeUnits,
		instance_name: required(),
		min_cu: computeUnits,
		engine: z.enum(ENGINES, { errorMap: () => ({ message: `must be one of ${ENGINES.join(', ')}` }) }),
		region: regionId,
		app_name: required(),
		app_version_name: required(),
	})
	.strict()
	.refine((component) => component.min_cu <= component.max_cu, {
		message: 'must not be greater than Max CU',
		path: ['min_cu'],
	});

export type Component = z.infer<typeof componentSchema>;

export const createInstanceSchema = z.object({
	RegionId: regionId,
	ChargeType: z.literal('POSTPAY', { errorMap: () => ({ message: 'must be POSTPAY' }) }),
	InstanceType: z.enum(INSTANCE_TYPES, {
		errorMap: () => ({ message: `must be one of ${INSTANCE_TYPES.join(', ')}` }),
	}),
	Component: componentSchema,
});

export type CreateInstanceInput = z.infer<typeof createInstanceSchema>;

export const releaseInstanceSchema = z.object({
	RegionId: regionId,
	InstanceId: required(),
});

export type ReleaseInstanceInput = z.infer<typeof releaseInstanceSchema>;

export const FIELD_LABELS: FieldLabels = {
	RegionId: 'Region ID',
	ChargeType: 'Charge Type',
	InstanceType: 'Instance Type',
	Component: 'Component',
	'Component.operable': 'Operable',
	'Component.max_cu': 'Max CU',
	'Component.instance_name': 'Instance Name',
	'Component.min_cu': 'Min CU',
	'Component.engine': 'Engine',
	'Component.region': 'Component Region',
	'Component.app_name': 'App Name',
	'Component.app_version_name': 'App Version Name',
	InstanceId: 'Instance ID',
};
