import type { INodeProperties } from 'n8n-workflow';

import { requestOptionsProperty } from '../shared/requestOptions';

const show = (operation: string[], extra: Record<string, unknown[]> = {}) => ({
	show: { resource: ['instance'], operation, ...extra },
});

const instanceId = (operations: string[]): INodeProperties => ({
	displayName: 'Instance ID',
	name: 'instanceId',
	type: 'string',
	required: true,
	default: '',
	displayOptions: show(operations),
	placeholder: '2aeb1789-1b04-4bad-92bf-486a399b9a3e',
	description: 'LakeFormation instance ID',
});

const tagsCollection = (description: string): INodeProperties => ({
	displayName: 'Tags',
	name: 'tags',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Tag',
	default: {},
	description,
	options: [
		{
			displayName: 'Tag',
			name: 'tag',
			values: [
				{ displayName: 'Key', name: 'key', type: 'string', default: '' },
				{ displayName: 'Value', name: 'value', type: 'string', default: '' },
			],
		},
	],
});

/** LakeFormation instance operations; Create mirrors Tables 3–6 of "Creating an Instance". */
export const lakeFormationProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [{ name: 'Instance', value: 'instance' }],
		default: 'instance',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['instance'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a LakeFormation instance', action: 'Create an instance' },
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete an instance, to the recycle bin or for good',
				action: 'Delete an instance',
			},
			{ name: 'Get', value: 'get', description: 'Show the details of an instance', action: 'Get an instance' },
			{ name: 'Get Many', value: 'getAll', description: 'List instances', action: 'Get many instances' },
			{
				name: 'Recover',
				value: 'recover',
				description: 'Recover an instance from the recycle bin',
				action: 'Recover an instance',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Update the name or description of an instance',
				action: 'Update an instance',
			},
		],
		default: 'create',
	},

	// ----- Create (Table 3) -----
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		displayOptions: show(['create']),
		placeholder: 'lakeformation-instance',
		description:
			'Instance name. Enter 4 to 32 characters. Only letters, numbers, hyphens (-), and underscores (_) are allowed.',
	},
	{
		displayName: 'Charge Mode',
		name: 'chargeMode',
		type: 'options',
		required: true,
		displayOptions: show(['create']),
		options: [
			{ name: 'Pay-per-Use (postPaid)', value: 'postPaid' },
			{ name: 'Yearly/Monthly (prePaid)', value: 'prePaid' },
		],
		default: 'postPaid',
		description:
			'Billing type. postPaid indicates the pay-per-use billing and prePaid indicates the yearly/monthly billing.',
	},
	{
		displayName: 'Shared',
		name: 'shared',
		type: 'boolean',
		required: true,
		displayOptions: show(['create']),
		default: true,
		description:
			'Whether the instance uses logical multi-tenancy (true, shared) or physical multi-tenancy (false, exclusive). The default value is true.',
	},
	{
		displayName: 'Specs',
		name: 'specs',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		displayOptions: show(['create']),
		placeholder: 'Add Spec',
		default: {},
		description: 'Specification list',
		options: [
			{
				displayName: 'Spec',
				name: 'spec',
				values: [
					{
						displayName: 'Spec Code',
						name: 'spec_code',
						type: 'string',
						required: true,
						default: '',
						placeholder: 'lakeformation.unit.basic.qps',
						description:
							'Specification code. The system automatically generates a value, for example, lakeformation.unit.basic.qps.',
					},
					{
						displayName: 'Stride Num',
						name: 'stride_num',
						type: 'number',
						required: true,
						typeOptions: { minValue: 5, numberPrecision: 0 },
						default: 5,
						description:
							'Number of steps. QPS indicates the maximum number of requests per second. The minimum value is 5 and the step is 1.',
					},
					{
						displayName: 'Product ID',
						name: 'product_id',
						type: 'string',
						default: '',
						description:
							'Product ID. The system automatically generates a value, for example, OFFI8XXXXXXXXXXXXXXXX4. (Newer docs mark it deprecated.)',
					},
				],
			},
		],
	},
	{
		displayName: 'Charge Info',
		name: 'chargeInfo',
		type: 'collection',
		placeholder: 'Add Field',
		displayOptions: show(['create'], { chargeMode: ['prePaid'] }),
		default: { period_type: 'MONTH', period_num: 1 },
		description: 'Billing information. This parameter cannot be left blank when charge_mode is set to prePaid.',
		options: [
			{
				displayName: 'Is Auto Pay',
				name: 'is_auto_pay',
				type: 'boolean',
				default: false,
				description:
					'Whether the order will be automatically paid after yearly/monthly instances are created. This parameter does not affect the payment mode of automatic renewal.',
			},
			{
				displayName: 'Is Auto Renew',
				name: 'is_auto_renew',
				type: 'boolean',
				default: false,
				description:
					'Whether to automatically renew the subscription. The default renewal period is one month for monthly subscription and one year for yearly subscription.',
			},
			{
				displayName: 'Period Num',
				name: 'period_num',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 9, numberPrecision: 0 },
				default: 1,
				description:
					'Subscription period. If period_type is MONTH, the value ranges from 1 to 9; if YEAR, from 1 to 3. A floating-point value is truncated to an integer.',
			},
			{
				displayName: 'Period Type',
				name: 'period_type',
				type: 'options',
				options: [
					{ name: 'Month', value: 'MONTH' },
					{ name: 'Year', value: 'YEAR' },
				],
				default: 'MONTH',
				description: 'Subscription period type: MONTH (monthly) or YEAR (yearly)',
			},
		],
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		displayOptions: show(['create']),
		default: {},
		options: [
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				typeOptions: { rows: 2 },
				default: '',
				description: 'Instance description entered by a user. The value contains a maximum of 255 characters.',
			},
			{
				displayName: 'Enterprise Project ID',
				name: 'enterprise_project_id',
				type: 'string',
				default: '',
				description:
					'Enterprise project ID. This parameter is available only when an enterprise project is interconnected. Enter 1 to 64 characters. Only letters, numbers, and hyphens (-) are allowed.',
			},
			{
				displayName: 'Order ID',
				name: 'order_id',
				type: 'string',
				default: '',
				description: 'Order ID of a yearly/monthly instance. Deprecated: it need not be filled in.',
			},
			tagsCollection('Tag list. Up to 20 tags can be added.'),
		],
	},
	{
		displayName: 'Options',
		name: 'createOptions',
		type: 'collection',
		placeholder: 'Add Option',
		displayOptions: show(['create']),
		default: {},
		options: [
			{
				displayName: 'If an Instance With This Name Exists',
				name: 'ifNameExists',
				type: 'options',
				options: [
					{
						name: 'Create Anyway',
						value: 'create',
						description: 'Send the create request without looking for the name',
					},
					{
						name: 'Fail',
						value: 'fail',
						description: 'Fail the item, naming the existing instance',
					},
					{
						name: 'Return the Existing Instance',
						value: 'returnExisting',
						description: 'Output the existing instance instead of creating another',
					},
				],
				default: 'create',
				description:
					'Look the name up first, so that a workflow that runs twice does not create two instances',
			},
			{
				displayName: 'Poll Interval (Seconds)',
				name: 'pollInterval',
				type: 'number',
				typeOptions: { minValue: 0.1, maxValue: 300 },
				default: 10,
				description: 'How often to check the status while waiting until the instance is ready',
			},
			{
				displayName: 'Wait Timeout (Minutes)',
				name: 'waitTimeout',
				type: 'number',
				typeOptions: { minValue: 0.01, maxValue: 1440 },
				default: 30,
				description: 'How long to wait for RUNNING before the item fails',
			},
			{
				displayName: 'Wait Until Ready',
				name: 'waitUntilReady',
				type: 'boolean',
				default: false,
				description:
					'Whether to wait until the instance is RUNNING and output it then (fails on RESOURCE_PREPARATION_FAIL or on timeout)',
			},
		],
	},

	// ----- Get, Update, Delete, Recover -----
	instanceId(['get', 'update', 'delete', 'recover']),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		displayOptions: show(['update']),
		default: {},
		options: [
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				typeOptions: { rows: 2 },
				default: '',
				description: 'Instance description. The value contains a maximum of 255 characters.',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description:
					'Instance name. Enter 4 to 32 characters. Only letters, numbers, hyphens (-), and underscores (_) are allowed.',
			},
		],
	},
	{
		displayName: 'To Recycle Bin',
		name: 'toRecycleBin',
		type: 'boolean',
		displayOptions: show(['delete']),
		default: true,
		description: 'Whether to move the instance to the recycle bin (it can be recovered) instead of deleting it for good',
	},

	// ----- Get Many -----
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		displayOptions: show(['getAll']),
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		displayOptions: show(['getAll'], { returnAll: [false] }),
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		displayOptions: show(['getAll']),
		default: {},
		options: [
			{
				displayName: 'Enterprise Project ID',
				name: 'enterprise_project_id',
				type: 'string',
				default: '',
				description: 'Only instances of this enterprise project',
			},
			{
				displayName: 'In Recycle Bin',
				name: 'in_recycle_bin',
				type: 'boolean',
				default: false,
				description: 'Whether to list the instances in the recycle bin instead of the others',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Only instances with this name',
			},
			tagsCollection('Only instances with all these tags'),
		],
	},
	{
		displayName: 'Include Request ID',
		name: 'includeRequestId',
		type: 'boolean',
		displayOptions: { show: { resource: ['instance'] } },
		default: false,
		description: 'Whether to add the X-request-ID response header to each output item (as x_request_id)',
	},
	requestOptionsProperty,
];
