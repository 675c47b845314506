/**
 * What the node tests share: a harness holding this package's nodes and credentials, and
 * workflow JSON in the shape n8n exports (Manual Trigger → node under test).
 */
import { N8nHarness, safeStringify, type RunResult, type WorkflowJson } from '../harness';

import { AlibabaCloudAccessKeyApi } from '../../credentials/AlibabaCloudAccessKeyApi.credentials';
import { HuaweiCloudIamApi } from '../../credentials/HuaweiCloudIamApi.credentials';
import { AlibabaCloudDataLakeAnalytics } from '../../nodes/AlibabaCloudDataLakeAnalytics/AlibabaCloudDataLakeAnalytics.node';
import { HuaweiCloudLakeFormation } from '../../nodes/HuaweiCloudLakeFormation/HuaweiCloudLakeFormation.node';
import { CredentialRequestNode, HTTP_TEST_NODE } from './httpRequestNode';

export { HTTP_TEST_NODE } from './httpRequestNode';

export const ALIBABA_NODE = 'n8n-nodes-cloud-data-lake.alibabaCloudDataLakeAnalytics';
export const HUAWEI_NODE = 'n8n-nodes-cloud-data-lake.huaweiCloudLakeFormation';

export function packageHarness(): N8nHarness {
	return new N8nHarness({
		nodeTypes: {
			[ALIBABA_NODE]: new AlibabaCloudDataLakeAnalytics(),
			[HUAWEI_NODE]: new HuaweiCloudLakeFormation(),
			[HTTP_TEST_NODE]: new CredentialRequestNode(),
		},
		credentialTypes: [new AlibabaCloudAccessKeyApi(), new HuaweiCloudIamApi()],
	});
}

export interface NodeUnderTest {
	type: string;
	name?: string;
	parameters: Record<string, unknown>;
	credentials: Record<string, { id: string; name: string }>;
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
}

/** Manual Trigger → the node, as n8n exports it. */
export function workflowWith(node: NodeUnderTest): WorkflowJson {
	const name = node.name ?? 'Cloud';
	return {
		name: `test ${name}`,
		nodes: [
			{
				id: 'trigger',
				name: 'When clicking Execute workflow',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'node',
				name,
				type: node.type,
				typeVersion: 1,
				position: [220, 0],
				parameters: node.parameters as never,
				credentials: node.credentials,
				...(node.onError ? { onError: node.onError } : {}),
			},
		],
		connections: {
			'When clicking Execute workflow': { main: [[{ node: name, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** Everything a run produced, as text: for asserting that no secret appears anywhere. */
export function everythingSaid(result: RunResult, harness: N8nHarness): string {
	const error = result.error;
	return safeStringify({
		runData: result.runData,
		error: error && {
			message: error.message,
			description: error.description,
			stack: error.stack,
			cause: (error as { cause?: unknown }).cause,
			context: error.context,
		},
		stored: result.run.data.resultData.error,
		logs: harness.logs,
	});
}
