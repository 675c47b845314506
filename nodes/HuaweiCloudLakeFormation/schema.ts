import { z } from 'zod';

import type { FieldLabels } from '../shared/errors';

const NAME_RULE = 'must be 4 to 32 characters: letters, numbers, hyphens (-) and underscores (_)';

const trimmed = z.string({ invalid_type_error: 'must be text' }).trim();
/** An optional text field: empty means "not given" and is left out of the request. */
const optionalText = (rule: z.ZodString) =>
	z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), rule.optional());

const instanceName = trimmed.regex(/^[A-Za-z0-9_-]{4,32}$/, NAME_RULE);
const description = trimmed.max(255, 'must be at most 255 characters');
const enterpriseProjectId = trimmed.regex(
	/^[A-Za-z0-9-]{1,64}$/,
	'must be 1 to 64 characters: letters, numbers and hyphens (-)',
);
const bool = z.boolean({ invalid_type_error: 'must be true or false' });

/** Table 4, CreateSpec. */
const specSchema = z
	.object({
		product_id: optionalText(trimmed),
		spec_code: trimmed.min(1, 'is required'),
		stride_num: z
			.number({ required_error: 'is required', invalid_type_error: 'must be a number' })
			.int('must be a whole number')
			.min(5, 'must be at least 5'),
	})
	.strict();

/** Table 5, ResourceTag. */
const tagSchema = z
	.object({
		key: trimmed.min(1, 'is required'),
		value: optionalText(z.string()),
	})
	.strict();

/** Table 6, ChargeInfo. A floating-point period_num is truncated, as the service does. */
const chargeInfoSchema = z
	.object({
		period_type: z.enum(['MONTH', 'YEAR'], { errorMap: () => ({ message: 'must be MONTH or YEAR' }) }),
		period_num: z.number({ required_error: 'is required', invalid_type_error: 'must be a number' }).transform(Math.trunc),
		is_auto_renew: bool.default(false),
		is_auto_pay: bool.default(false),
	})
	.strict()
	.superRefine((info, ctx) => {
		const max = info.period_type === 'MONTH' ? 9 : 3;
		if (info.period_num < 1 || info.period_num > max) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['period_num'],
				message: `must be 1 to ${max} when Period Type is ${info.period_type}`,
			});
		}
	});

/** Table 3, the body of POST /v1/{project_id}/instances. */
export const createInstanceSchema = z
	.object({
		name: instanceName,
		charge_mode: z.enum(['postPaid', 'prePaid'], { errorMap: () => ({ message: 'must be postPaid or prePaid' }) }),
		enterprise_project_id: optionalText(enterpriseProjectId),
		description: optionalText(description),
		shared: bool,
		order_id: optionalText(trimmed),
		specs: z.array(specSchema).optional(),
		tags: z.array(tagSchema).max(20, 'Up to 20 tags can be added').optional(),
		charge_info: chargeInfoSchema.optional(),
	})
	.strict()
	.superRefine((body, ctx) => {
		if (body.charge_mode === 'prePaid' && !body.charge_info) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['charge_info'],
				message: 'is required when Charge Mode is prePaid',
			});
		}
	})
	// charge_info is valid only for prePaid
	.transform((body) => (body.charge_mode === 'prePaid' ? body : { ...body, charge_info: undefined }));

export type CreateInstanceBody = z.output<typeof createInstanceSchema>;

export const instanceIdSchema = trimmed.min(1, 'is required');

/** PUT /v1/{project_id}/instances/{instance_id}: name and description. */
export const updateInstanceSchema = z
	.object({ name: optionalText(instanceName), description: optionalText(description) })
	.strict()
	.refine((body) => body.name !== undefined || body.description !== undefined, {
		message: 'add at least a Name or a Description to update',
	});

/** The filters of GET /v1/{project_id}/instances. */
export const listFiltersSchema = z
	.object({
		name: optionalText(trimmed),
		enterprise_project_id: optionalText(enterpriseProjectId),
		in_recycle_bin: bool.optional(),
		tags: z.array(tagSchema).max(20, 'Up to 20 tags can be given').optional(),
	})
	.strict();

export type ListFilters = z.output<typeof listFiltersSchema>;

export const FIELD_LABELS: FieldLabels = {
	name: 'Name',
	charge_mode: 'Charge Mode',
	enterprise_project_id: 'Enterprise Project ID',
	description: 'Description',
	shared: 'Shared',
	order_id: 'Order ID',
	specs: 'Specs',
	'specs.product_id': 'Product ID',
	'specs.spec_code': 'Spec Code',
	'specs.stride_num': 'Stride Num',
	tags: 'Tags',
	'tags.key': 'Key',
	'tags.value': 'Value',
	charge_info: 'Charge Info',
	'charge_info.period_type': 'Period Type',
	'charge_info.period_num': 'Period Num',
	'charge_info.is_auto_renew': 'Is Auto Renew',
	'charge_info.is_auto_pay': 'Is Auto Pay',
	instance_id: 'Instance ID',
	in_recycle_bin: 'In Recycle Bin',
	limit: 'Limit',
};
