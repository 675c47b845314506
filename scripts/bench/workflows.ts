/**
 * The node side of the benchmark: this package's nodes in workflow JSON, run through the test
 * harness (n8n-core's WorkflowExecute, real HTTP through n8n-core's request helpers), and the
 * emulator's accounts the credentials point at.
 */
import { ALIBABA_NODE, HUAWEI_NODE, packageHarness, workflowWith } from '../../test/support';
import type { IDataObject } from 'n8n-workflow';

import type { N8nHarness, RunResult, WorkflowJson } from '../../test/harness';
import { DEFAULT_ALIBABA_ACCOUNTS } from '../../test/emulator/alibaba';
import { DEFAULT_HUAWEI_USERS } from '../../test/emulator/huawei';

import type { EmulatorProcess } from './emulator';

export const NODE_NAME = 'Cloud';
export const HUAWEI_REGION = 'cn-north-4';
export const ALIBABA_REGION = 'cn-hangzhou';
export const ALIBABA_ACCOUNT = DEFAULT_ALIBABA_ACCOUNTS[0];
export const HUAWEI_USER = DEFAULT_HUAWEI_USERS[0];

export const ALIBABA_CREDENTIAL = { id: 'bench-alibaba', name: 'Alibaba (emulator)' };
export const HUAWEI_CREDENTIAL = { id: 'bench-huawei', name: 'Huawei IAM password (emulator)' };

/** What every Create item sends; the instance name comes from the item (`bench-<n>`). */
export const ALIBABA_CREATE = {
	regionId: ALIBABA_REGION,
	instanceType: 'CU_SPARK',
	chargeType: 'POSTPAY',
	engine: 'spark',
	minCu: 0,
	maxCu: 8,
	appName: 'bench',
	appVersionName: 'v1',
	operable: false,
};

export const instanceName = (n: number) => `bench-${n}`;

export function benchHarness(emulator: EmulatorProcess): N8nHarness {
	const harness = packageHarness();
	harness.addCredential({
		...ALIBABA_CREDENTIAL,
		type: 'alibabaCloudAccessKeyApi',
		data: {
			accessKeyId: ALIBABA_ACCOUNT.accessKeyId,
			accessKeySecret: ALIBABA_ACCOUNT.accessKeySecret,
			signatureVersion: 'v3',
			endpoint: emulator.alibabaUrl,
		},
	});
	setHuaweiSession(harness, emulator, undefined);
	return harness;
}

/** An IAM token as a credential keeps it: `session` filled means n8n does not obtain one. */
export interface HuaweiSession {
	token: string;
	projectId: string;
	expiresAt: string;
}

/**
 * (Re)stores the password credential, with a token already kept (the steady state after the
 * first execution) or without one (`undefined`: n8n obtains it through preAuthentication).
 */
export function setHuaweiSession(harness: N8nHarness, emulator: EmulatorProcess, session: HuaweiSession | undefined): void {
	harness.addCredential({
		...HUAWEI_CREDENTIAL,
		type: 'huaweiCloudIamApi',
		data: {
			authType: 'password',
			domainName: HUAWEI_USER.domainName,
			userName: HUAWEI_USER.userName,
			password: HUAWEI_USER.password,
			region: HUAWEI_REGION,
			projectId: '',
			iamEndpoint: emulator.huaweiUrl,
			lakeFormationEndpoint: emulator.huaweiUrl,
			session: session?.token ?? '',
			sessionProjectId: session?.projectId ?? '',
			sessionExpiresAt: session?.expiresAt ?? '',
		},
	});
}

export interface WorkflowOptions {
	/** Max Concurrent Requests (default 1, the node's default). */
	concurrency?: number;
	/**
	 * Constant parameters instead of expressions reading the item (`{{ $json.n }}`,
	 * `{{ $json.id }}`): the name `bench-fixed`, the given instance ID.
	 */
	constant?: { instanceId?: string };
}

const requestOptions = (concurrency = 1) => (concurrency > 1 ? { requestOptions: { maxConcurrency: concurrency } } : {});

export function alibabaCreateWorkflow({ concurrency, constant }: WorkflowOptions = {}): WorkflowJson {
	return workflowWith({
		type: ALIBABA_NODE,
		name: NODE_NAME,
		parameters: {
			resource: 'instance',
			operation: 'create',
			componentInput: 'fields',
			...ALIBABA_CREATE,
			instanceName: constant ? 'bench-fixed' : '={{ "bench-" + $json.n }}',
			...requestOptions(concurrency),
		},
		credentials: { alibabaCloudAccessKeyApi: ALIBABA_CREDENTIAL },
	});
}

export function huaweiCreateWorkflow({ concurrency, constant }: WorkflowOptions = {}): WorkflowJson {
	return workflowWith({
		type: HUAWEI_NODE,
		name: NODE_NAME,
		parameters: {
			resource: 'instance',
			operation: 'create',
			name: constant ? 'bench-fixed' : '={{ "bench-" + $json.n }}',
			chargeMode: 'postPaid',
			shared: true,
			...requestOptions(concurrency),
		},
		credentials: { huaweiCloudIamApi: HUAWEI_CREDENTIAL },
	});
}

export function huaweiGetWorkflow({ concurrency, constant }: WorkflowOptions = {}): WorkflowJson {
	return workflowWith({
		type: HUAWEI_NODE,
		name: NODE_NAME,
		parameters: {
			resource: 'instance',
			operation: 'get',
			instanceId: constant?.instanceId ?? '={{ $json.id }}',
			...requestOptions(concurrency),
		},
		credentials: { huaweiCloudIamApi: HUAWEI_CREDENTIAL },
	});
}

/** Runs the workflow and insists every item succeeded: a failing run measures nothing. */
export async function runChecked(
	harness: N8nHarness,
	workflow: WorkflowJson,
	inputItems: IDataObject[],
): Promise<RunResult> {
	const result = await harness.run(workflow, { inputItems });
	if (result.error) throw new Error(`the ${NODE_NAME} workflow failed: ${result.error.message}`);
	const output = result.json(NODE_NAME);
	if (output.length !== inputItems.length) {
		throw new Error(`the ${NODE_NAME} workflow gave ${output.length} items for ${inputItems.length}`);
	}
	const failed = output.find((item) => 'error' in item);
	if (failed) throw new Error(`an item failed: ${JSON.stringify(failed)}`);
	return result;
}
