import type { INodeProperties } from 'n8n-workflow';

import { requestOptionsProperty } from '../shared/requestOptions';
import { ALIBABA_DLA_REGIONS } from './regions';

const forCreate = { show: { resource: ['instance'], operation: ['create'] } };
const forComponentFields = {
	show: { resource: ['instance'], operation: ['create'], componentInput: ['fields'] },
};
const forRelease = { show: { resource: ['instance'], operation: ['release'] } };

/** The parameters of CreateInstance and ReleaseInstance (openanalytics-open, 2018-06-19), as the API reference gives them. */
export const alibabaDlaProperties: INodeProperties[] = [
	{
		displayName:
			'Alibaba Cloud marks Data Lake Analytics as deprecated: check that the service is still available to your account before building on it.',
		name: 'deprecationNotice',
		type: 'notice',
		default: '',
	},
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
			{
				name: 'Create',
				value: 'create',
				description: 'Create an instance (CreateInstance)',
				action: 'Create an instance',
			},
			{
				name: 'Release',
				value: 'release',
				description: 'Release an instance (ReleaseInstance)',
				action: 'Release an instance',
			},
		],
		default: 'create',
	},
	{
		displayName: 'Region ID',
		name: 'regionId',
		type: 'options',
		options: ALIBABA_DLA_REGIONS.map((region) => ({
			name: `${region.name} (${region.id})`,
			value: region.id,
		})),
		default: 'cn-hangzhou',
		required: true,
		description:
			'The region ID. Any other region ID can be given with an expression. The request goes to the region\'s endpoint unless the credential sets an endpoint override.',
	},
	{
		displayName: 'Instance Type',
		name: 'instanceType',
		type: 'options',
		displayOptions: forCreate,
		options: [
			{ name: 'CU_PRESTO', value: 'CU_PRESTO' },
			{ name: 'CU_SPARK', value: 'CU_SPARK' },
		],
		default: 'CU_SPARK',
		required: true,
		description: 'The type of the instance',
	},
	{
		displayName: 'Charge Type',
		name: 'chargeType',
		type: 'options',
		displayOptions: forCreate,
		options: [{ name: 'POSTPAY (Pay-as-You-Go)', value: 'POSTPAY' }],
		default: 'POSTPAY',
		required: true,
		description: 'Set the value to POSTPAY. You can create only pay-as-you-go instances.',
	},
	{
		displayName: 'Component Input',
		name: 'componentInput',
		type: 'options',
		displayOptions: forCreate,
		options: [
			{ name: 'Fields', value: 'fields', description: 'Fill in each key of the component' },
			{ name: 'JSON', value: 'json', description: 'Give the component as JSON' },
		],
		default: 'fields',
		description:
			'Component is the JSON serialization of the component module. Build it from fields, or give the JSON yourself.',
	},
	{
		displayName: 'Instance Name',
		name: 'instanceName',
		type: 'string',
		displayOptions: forComponentFields,
		default: '',
		required: true,
		placeholder: 'api-test-9',
		description: 'The name of the instance (component key instance_name)',
	},
	{
		displayName: 'Engine',
		name: 'engine',
		type: 'options',
		displayOptions: forComponentFields,
		options: [
			{ name: 'Presto', value: 'presto' },
			{ name: 'Spark', value: 'spark' },
		],
		default: 'spark',
		description: 'The compute engine (component key engine)',
	},
	{
		displayName: 'Min CU',
		name: 'minCu',
		type: 'number',
		displayOptions: forComponentFields,
		typeOptions: { minValue: 0, numberPrecision: 0 },
		default: 0,
		description: 'The minimum number of compute units (component key min_cu)',
	},
	{
		displayName: 'Max CU',
		name: 'maxCu',
		type: 'number',
		displayOptions: forComponentFields,
		typeOptions: { minValue: 0, numberPrecision: 0 },
		default: 8,
		description: 'The maximum number of compute units, at least Min CU (component key max_cu)',
	},
	{
		displayName: 'Component Region',
		name: 'componentRegion',
		type: 'string',
		displayOptions: forComponentFields,
		default: '',
		placeholder: 'cn-hangzhou',
		description: 'The region of the component (component key region). Leave empty to use the Region ID.',
	},
	{
		displayName: 'App Name',
		name: 'appName',
		type: 'string',
		displayOptions: forComponentFields,
		default: '',
		required: true,
		description: 'The application name (component key app_name; the API reference\'s example uses "xx")',
	},
	{
		displayName: 'App Version Name',
		name: 'appVersionName',
		type: 'string',
		displayOptions: forComponentFields,
		default: '',
		required: true,
		description:
			'The application version name (component key app_version_name; the API reference\'s example uses "xx")',
	},
	{
		displayName: 'Operable',
		name: 'operable',
		type: 'boolean',
		displayOptions: forComponentFields,
		default: false,
		description: 'Whether the instance is operable (component key operable)',
	},
	{
		displayName: 'Component (JSON)',
		name: 'componentJson',
		type: 'json',
		displayOptions: { show: { resource: ['instance'], operation: ['create'], componentInput: ['json'] } },
		default:
			'{\n  "operable": "false",\n  "max_cu": "8",\n  "instance_name": "api-test-9",\n  "min_cu": "0",\n  "engine": "spark",\n  "region": "cn-hangzhou",\n  "app_name": "xx",\n  "app_version_name": "xx"\n}',
		required: true,
		description:
			'JSON serialization of the component module, with the keys operable, max_cu, instance_name, min_cu, engine, region, app_name and app_version_name',
	},
	{
		displayName: 'Instance ID',
		name: 'instanceId',
		type: 'string',
		displayOptions: forRelease,
		default: '',
		required: true,
		placeholder: 'dla-3qntmdtbqklsbsmceu****',
		description: 'The ID of the instance to release',
	},
	requestOptionsProperty,
];
