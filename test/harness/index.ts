/**
 * Runs real n8n workflow JSON through n8n-core's `WorkflowExecute`, the engine n8n itself uses,
 * with real HTTP (n8n-core's request helpers, axios underneath; nothing is mocked).
 *
 *   const harness = new N8nHarness({ nodeTypes: { 'n8n-nodes-x.myNode': new MyNode() }, credentialTypes: [new MyApi()] });
 *   harness.addCredential({ id: '1', name: 'My account', type: 'myApi', data: { apiKey: 'k', token: '' } });
 *   const result = await harness.run(workflowJson, { inputItems: [{ a: 1 }, { a: 2 }] });
 *   expect(result.error).toBeUndefined();
 *   expect(result.json('My Node')).toEqual([...]);
 *
 * The workflow starts at its `harness.start` node, or at `n8n-nodes-base.manualTrigger` (mapped
 * onto the same start node). See ./start-node.ts and ./credentials-helper.ts for details.
 *
 * ## How n8n-core 2.41 refreshes `preAuthentication` credentials (checked in
 * node_modules/n8n-core/dist/.../request-helpers/authentication.js)
 * `this.helpers.httpRequestWithAuthentication(type, options, additionalCredentialOptions?)`:
 *  1. `getCredentials(type)` → `credentialsHelper.getDecrypted(...)` (fresh read of the store);
 *  2. `credentialsHelper.preAuthentication({ helpers }, creds, type, node, false)` — the helper
 *     only calls the credential's `preAuthentication` if the `expirable` hidden field is `''`;
 *  3. `credentialsHelper.authenticate(...)`, then the request;
 *  4. on an error whose `error.response.status` equals
 *     `additionalCredentialOptions.preAuthenticationRetryStatusCode ?? 401` (a number or an array),
 *     `preAuthentication(..., credentialsExpired = true)` and `authenticate` run again and the
 *     request is re-sent ONCE (not for multipart/stream bodies). A failure of the retry is thrown
 *     as `NodeApiError` wrapping the second error. Note that the retry happens for every
 *     credential type on 401, even one without `preAuthentication` (it is then re-sent unchanged
 *     except for a fresh `authenticate`).
 *  Only thrown HTTP errors trigger it: with `ignoreHttpStatusErrors: true` a 401 is just returned.
 *  The legacy `this.helpers.requestWithAuthentication` differs: it calls
 *  `preAuthentication(..., true)` on ANY error and re-sends only if that returned data.
 *
 * Importing this module sets `N8N_USER_FOLDER` (temp) / `N8N_ENCRYPTION_KEY` first (./env.ts), so
 * import it before `n8n-core` in test files.
 */
import './env';

import {
	ExecutionLifecycleHooks,
	ExternalSecretsProxy,
	WorkflowExecute,
} from 'n8n-core';
import type {
	ExecutionStatus,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	IPinData,
	IRun,
	IRunData,
	ITaskData,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
} from 'n8n-workflow';
import { createRunExecutionData, Expression, UserError, Workflow } from 'n8n-workflow';

import type { PreAuthenticationRun } from './credentials-helper';
import { HarnessCredentialsHelper } from './credentials-helper';
import type { LogCollector } from './logger';
import { installCapturingLogger, registerHarnessSink, runScope } from './logger';
import { HarnessNodeTypes, thrownErrorsScope } from './node-types';
import { HARNESS_START_NODE_TYPE, START_NODE_ALIASES } from './start-node';

export { HarnessCredentialsHelper } from './credentials-helper';
export type { PreAuthenticationRun, StoredCredential } from './credentials-helper';
export { safeStringify } from './logger';
export { HarnessNodeTypes } from './node-types';
export { HARNESS_START_NODE_TYPE, HarnessStart, START_NODE_ALIASES } from './start-node';

installCapturingLogger();

export interface HarnessOptions {
	/** Node classes' instances keyed by full type name, e.g. 'n8n-nodes-cloud-data-lake.alibabaCloudDataLakeAnalytics'. */
	nodeTypes: Record<string, INodeType | IVersionedNodeType>;
	/** Credential classes' instances (keyed by their `name`). */
	credentialTypes?: ICredentialType[];
	/**
	 * Expression engine: 'legacy' (default, in-process) or 'vm' (isolated-vm, n8n 2.x's production
	 * default). The engine is process-global in n8n-workflow; call `N8nHarness.shutdown()` in
	 * `afterAll` when using 'vm'. n8n-workflow loads it with a dynamic `import()`, which jest only
	 * allows when node runs with `--experimental-vm-modules`.
	 */
	expressionEngine?: 'legacy' | 'vm';
}

/** Workflow JSON as n8n exports it (only `nodes` and `connections` are required). */
export interface WorkflowJson {
	id?: string;
	name?: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IWorkflowSettings;
	staticData?: IDataObject | null;
	pinData?: IPinData;
	[key: string]: unknown;
}

export interface RunOptions {
	/** Items the start node emits (overrides its `items` parameter). */
	inputItems?: IDataObject[];
	/** Name of the node to start from (default: the first start-type node). */
	startNode?: string;
}

/** An error as n8n records it: the thrown instance when available, else n8n's plain copy. */
export type RunError = Error & {
	name: string;
	message: string;
	description?: string | null;
	httpCode?: string | null;
	context?: IDataObject;
	node?: INode;
};

export interface RunResult {
	/** Everything WorkflowExecute returned. */
	run: IRun;
	status: ExecutionStatus;
	runData: IRunData;
	/**
	 * The error that stopped the run (n8n's `resultData.error`), undefined on success. When a node's
	 * `execute` threw it, this is the very instance thrown (e.g. a `NodeApiError`, with its
	 * non-enumerable `cause`); n8n's stored plain-object copy is in `run.data.resultData.error`.
	 */
	error?: RunError;
	/** Node names in the order they finished. */
	executedNodes: string[];
	/** Log lines printed during this run. */
	logs: string[];
	/** Items on an output of the node's last run (default output 0). */
	output(nodeName: string, outputIndex?: number): INodeExecutionData[];
	/** `json` of `output(nodeName, outputIndex)`. */
	json(nodeName: string, outputIndex?: number): IDataObject[];
	/** The node's last task data (run index, timings, error, data). */
	task(nodeName: string): ITaskData;
}

let executionCounter = 0;
let vmEngineStarted = false;

function deepCopy<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

export class N8nHarness {
	/** Every line n8n's loggers printed during this harness's runs. */
	readonly logs: string[] = [];

	readonly credentialsHelper: HarnessCredentialsHelper;

	readonly nodeTypes: HarnessNodeTypes;

	private readonly expressionEngine: 'legacy' | 'vm';

	constructor(opts: HarnessOptions) {
		this.nodeTypes = new HarnessNodeTypes(opts.nodeTypes);
		this.credentialsHelper = new HarnessCredentialsHelper(opts.credentialTypes ?? []);
		this.expressionEngine = opts.expressionEngine ?? 'legacy';
		registerHarnessSink(this.logs);
	}

	/** Disposes the process-global 'vm' expression engine (if started). */
	static async shutdown(): Promise<void> {
		if (vmEngineStarted) {
			await Expression.disposeExpressionEngine();
			Expression.setExpressionEngine('legacy');
			vmEngineStarted = false;
		}
	}

	/**
	 * Stores a credential like n8n's database does. Data that `preAuthentication` returns is merged
	 * into it and kept across executions, exactly as n8n's CLI CredentialsHelper does.
	 */
	addCredential(credential: {
		id: string;
		name: string;
		type: string;
		data: ICredentialDataDecryptedObject;
	}): void {
		this.credentialsHelper.addCredential(credential);
	}

	/** The credential's stored data (a copy), e.g. to inspect a kept token. */
	getCredentialData(id: string): ICredentialDataDecryptedObject {
		return this.credentialsHelper.getStored(id).data;
	}

	/** How many times the credential type's `preAuthentication` ran for this credential. */
	preAuthenticationCalls(id: string, filter?: { credentialsExpired?: boolean }): number {
		return this.preAuthenticationRuns.filter(
			(entry) =>
				entry.credentialId === id &&
				(filter?.credentialsExpired === undefined || entry.credentialsExpired === filter.credentialsExpired),
		).length;
	}

	/** Every `preAuthentication` call, in order. */
	get preAuthenticationRuns(): readonly PreAuthenticationRun[] {
		return this.credentialsHelper.preAuthenticationRuns;
	}

	/** Executes a workflow (n8n export JSON) in 'manual' mode and returns its run data. */
	async run(workflowJson: WorkflowJson, opts: RunOptions = {}): Promise<RunResult> {
		await this.ensureExpressionEngine();

		const json = deepCopy(workflowJson);
		const startNode = this.findStartNode(json, opts.startNode);
		if (opts.inputItems !== undefined) {
			startNode.parameters = { ...startNode.parameters, items: JSON.stringify(opts.inputItems) };
		}

		const executionId = String(++executionCounter);
		const workflowId = json.id ?? 'harness-workflow';
		const workflowName = json.name ?? 'Harness workflow';
		const workflow = new Workflow({
			id: workflowId,
			name: workflowName,
			nodes: json.nodes,
			connections: json.connections,
			active: false,
			nodeTypes: this.nodeTypes,
			staticData: json.staticData ?? undefined,
			settings: json.settings,
		});

		const workflowData: IWorkflowBase = {
			id: workflowId,
			name: workflowName,
			active: false,
			isArchived: false,
			activeVersionId: null,
			createdAt: new Date(),
			updatedAt: new Date(),
			nodes: json.nodes,
			connections: json.connections,
			settings: json.settings,
		};
		const hooks = new ExecutionLifecycleHooks('manual', executionId, workflowData);
		const executedNodes: string[] = [];
		hooks.addHandler('nodeExecuteAfter', (nodeName) => {
			executedNodes.push(nodeName);
		});

		const additionalData = this.buildAdditionalData(executionId, workflowId, hooks);
		const workflowStart = workflow.getNode(startNode.name);
		if (!workflowStart) throw new UserError(`Start node "${startNode.name}" not found`);
		const runExecutionData = createRunExecutionData({
			executionData: {
				nodeExecutionStack: [{ node: workflowStart, data: { main: [[{ json: {} }]] }, source: null }],
			},
		});

		const collector: LogCollector = { lines: [], harnessLines: this.logs };
		const thrownErrors = new Map<string, unknown>();
		const run = await runScope.run(collector, async () =>
			thrownErrorsScope.run(thrownErrors, async () => {
				const execute = new WorkflowExecute(additionalData, 'manual', runExecutionData);
				return await execute.processRunExecutionData(workflow);
			}),
		);

		return this.toResult(run, executedNodes, collector.lines, thrownErrors);
	}

	private async ensureExpressionEngine(): Promise<void> {
		if (this.expressionEngine !== 'vm' || vmEngineStarted) return;
		try {
			// the defaults of n8n 2.41's ExpressionEngineConfig
			await Expression.initExpressionEngine({
				engine: 'vm',
				bridgeTimeout: 5000,
				bridgeMemoryLimit: 128,
				poolSize: 1,
				maxCodeCacheSize: 1024,
			});
		} catch (error) {
			if (String((error as Error).message).includes('experimental-vm-modules')) {
				throw new UserError(
					"expressionEngine 'vm' needs dynamic import(): under jest run node with --experimental-vm-modules (NODE_OPTIONS)",
					{ cause: error },
				);
			}
			throw error;
		}
		vmEngineStarted = true;
	}

	private findStartNode(json: WorkflowJson, name?: string): INode {
		if (!Array.isArray(json.nodes)) throw new UserError('Workflow JSON has no "nodes" array');
		const node =
			name !== undefined
				? json.nodes.find((candidate) => candidate.name === name)
				: json.nodes.find((candidate) => START_NODE_ALIASES.includes(candidate.type) && !candidate.disabled);
		if (!node) {
			throw new UserError(
				name !== undefined
					? `No node named "${name}" in the workflow`
					: `The workflow needs a start node of type "${HARNESS_START_NODE_TYPE}" or "n8n-nodes-base.manualTrigger"`,
			);
		}
		return node;
	}

	private buildAdditionalData(
		executionId: string,
		workflowId: string,
		hooks: ExecutionLifecycleHooks,
	): IWorkflowExecuteAdditionalData {
		const base = 'http://localhost:5678/';
		const notAvailable = (what: string) => async (): Promise<never> => {
			throw new UserError(`${what} is not available in the test harness`);
		};
		return {
			credentialsHelper: this.credentialsHelper,
			hooks,
			executionId,
			workflowId,
			userId: 'harness-user',
			currentNodeExecutionIndex: 0,
			restApiUrl: `${base}rest`,
			instanceBaseUrl: base,
			formBaseUrl: `${base}form`,
			formWaitingBaseUrl: `${base}form-waiting`,
			formTestBaseUrl: `${base}form-test`,
			webhookBaseUrl: `${base}webhook`,
			webhookWaitingBaseUrl: `${base}webhook-waiting`,
			webhookTestBaseUrl: `${base}webhook-test`,
			mcpBaseUrl: `${base}mcp`,
			mcpTestBaseUrl: `${base}mcp-test`,
			variables: {},
			externalSecretsProxy: new ExternalSecretsProxy(),
			executeWorkflow: notAvailable('Executing sub-workflows'),
			getRunExecutionData: async () => undefined,
			getRuntimeCredential: async () => undefined,
			logAiEvent: () => {},
			startRunnerTask: notAvailable('The task runner (Code node)'),
			setExecutionStatus: () => {},
			sendDataToUI: () => {},
		};
	}

	private toResult(
		run: IRun,
		executedNodes: string[],
		logs: string[],
		thrownErrors: Map<string, unknown>,
	): RunResult {
		const { runData, error: storedError, lastNodeExecuted } = run.data.resultData;
		let error: RunError | undefined;
		if (storedError) {
			const thrown = lastNodeExecuted !== undefined ? thrownErrors.get(lastNodeExecuted) : undefined;
			error = (thrown instanceof Error ? thrown : storedError) as RunError;
		}

		const task = (nodeName: string): ITaskData => {
			const tasks = runData[nodeName];
			if (!tasks || tasks.length === 0) {
				const why = storedError ? ` The run failed: ${storedError.message}` : '';
				throw new UserError(
					`Node "${nodeName}" did not run (ran: ${executedNodes.join(', ') || 'none'}).${why}`,
				);
			}
			return tasks[tasks.length - 1];
		};
		const output = (nodeName: string, outputIndex = 0): INodeExecutionData[] =>
			task(nodeName).data?.main?.[outputIndex] ?? [];

		return {
			run,
			status: run.status,
			runData,
			error,
			executedNodes,
			logs,
			output,
			json: (nodeName: string, outputIndex = 0) => output(nodeName, outputIndex).map((item) => item.json),
			task,
		};
	}
}
