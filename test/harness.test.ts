/**
 * Proves the workflow harness (test/harness) with a test-only node and test-only credential types
 * against a real HTTP server on 127.0.0.1. Nothing here ships with the package.
 */
// The harness must be imported before anything that loads n8n-core (it sets N8N_USER_FOLDER first).
import type { WorkflowJson } from './harness';
import { HARNESS_START_NODE_TYPE, N8nHarness } from './harness';

import { execFileSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IExecuteFunctions,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes } from 'n8n-workflow';

// ---------------------------------------------------------------------------------------------
// A tiny cloud-like API: tokens from POST /token, everything else needs `Bearer <token>` (or an
// API key), tokens can be expired on demand, and `value: "bad"` is rejected with a cloud-style error.
// ---------------------------------------------------------------------------------------------

const ACCESS_KEY = 'AK-harness';
const ACCESS_SECRET = 'harness-secret-do-not-log';
const API_KEY = 'api-key-do-not-log';

interface RecordedRequest {
	method: string;
	path: string;
	authorization?: string;
	apiKey?: string;
	body: Record<string, unknown>;
	status: number;
}

class TestApi {
	readonly server: http.Server;

	tokenRequests = 0;

	private tokenSerial = 0;

	private readonly validTokens = new Set<string>();

	requests: RecordedRequest[] = [];

	constructor() {
		this.server = http.createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => this.handle(req, res, Buffer.concat(chunks).toString('utf8')));
		});
	}

	get baseUrl(): string {
		return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	async start(): Promise<void> {
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
	}

	async stop(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	reset(): void {
		this.tokenRequests = 0;
		this.tokenSerial = 0;
		this.validTokens.clear();
		this.requests = [];
	}

	/** Every token issued so far stops working (the next API call gets 401). */
	expireTokens(): void {
		this.validTokens.clear();
	}

	echoRequests(): RecordedRequest[] {
		return this.requests.filter((r) => r.path === '/echo');
	}

	private handle(req: http.IncomingMessage, res: http.ServerResponse, raw: string): void {
		let body: Record<string, unknown> = {};
		try {
			body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
		} catch {
			body = { raw };
		}
		const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
			this.requests.push({
				method: req.method ?? '',
				path: req.url ?? '',
				authorization: req.headers.authorization,
				apiKey: req.headers['x-api-key'] as string | undefined,
				body,
				status,
			});
			res.writeHead(status, { 'content-type': 'application/json', ...headers });
			res.end(JSON.stringify(payload));
		};

		if (req.method === 'POST' && req.url === '/token') {
			this.tokenRequests++;
			if (body.accessKey !== ACCESS_KEY || body.accessSecret !== ACCESS_SECRET) {
				return send(403, { Code: 'InvalidAccessKey', Message: 'Access key or secret is wrong' });
			}
			const token = `tok-${++this.tokenSerial}`;
			this.validTokens.add(token);
			return send(200, { token, expiresIn: 3600 });
		}

		if (req.method === 'POST' && req.url === '/echo') {
			const bearer = req.headers.authorization?.replace(/^Bearer /, '');
			const authorized =
				(bearer !== undefined && this.validTokens.has(bearer)) || req.headers['x-api-key'] === API_KEY;
			if (!authorized) {
				return send(
					401,
					{ Code: 'TokenExpired', Message: 'The security token has expired', RequestId: 'req-401' },
					{ 'x-request-id': 'req-401' },
				);
			}
			if (body.value === 'bad') {
				return send(
					400,
					{ Code: 'InvalidParameter', Message: 'Value "bad" is not allowed', RequestId: 'req-400' },
					{ 'x-request-id': 'req-400' },
				);
			}
			return send(200, { echoed: body.value, itemIndex: body.itemIndex });
		}

		return send(404, { Code: 'NotFound', Message: `No route ${req.method ?? ''} ${req.url ?? ''}` });
	}
}

// ---------------------------------------------------------------------------------------------
// Test-only credential types and node
// ---------------------------------------------------------------------------------------------

/** Token credential: the hidden expirable `sessionToken` is filled by preAuthentication. */
class HarnessTestTokenApi implements ICredentialType {
	name = 'harnessTestTokenApi';

	displayName = 'Harness Test Token API';

	properties: INodeProperties[] = [
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
		{ displayName: 'Access Key', name: 'accessKey', type: 'string', default: '' },
		{
			displayName: 'Access Secret',
			name: 'accessSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const response = (await this.helpers.httpRequest({
			method: 'POST',
			url: `${credentials.baseUrl as string}/token`,
			body: { accessKey: credentials.accessKey, accessSecret: credentials.accessSecret },
			json: true,
		})) as { token: string };
		return { sessionToken: response.token };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.sessionToken}}' } },
	};
}

/** API-key credential with the function form of `authenticate` and no preAuthentication. */
class HarnessTestKeyApi implements ICredentialType {
	name = 'harnessTestKeyApi';

	displayName = 'Harness Test Key API';

	properties: INodeProperties[] = [
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
		{ displayName: 'API Key', name: 'apiKey', type: 'string', typeOptions: { password: true }, default: '' },
	];

	/** Headers each `authenticate` call received (to show what a re-send passes in). */
	static seenHeaders: Array<Record<string, unknown>> = [];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		HarnessTestKeyApi.seenHeaders.push({ ...(requestOptions.headers ?? {}) });
		return { ...requestOptions, headers: { ...requestOptions.headers, 'X-Api-Key': credentials.apiKey as string } };
	}
}

interface HttpErrorCause {
	response?: { status?: number; data?: unknown; headers?: Record<string, unknown> };
}

/**
 * The error mapping a node author would write: `httpRequestWithAuthentication` throws a
 * `NodeApiError` whose non-enumerable `cause` is the AxiosError (`cause.response.status|data|headers`).
 * `new NodeApiError(node, thatError, {...})` would return the SAME instance and ignore the options,
 * so a new error is built from the response body instead.
 */
function mapApiError(node: INode, error: unknown, itemIndex: number): Error {
	const response = (error as { cause?: HttpErrorCause }).cause?.response;
	if (!(error instanceof NodeApiError) || !response?.data || typeof response.data !== 'object') {
		return error as Error;
	}
	const body = response.data as JsonObject;
	return new NodeApiError(node, body, {
		message: `${String(body.Code)}: ${String(body.Message)}`,
		description: `Request ID: ${String(response.headers?.['x-request-id'])}`,
		httpCode: String(response.status),
		itemIndex,
	});
}

class HarnessTestEcho implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harness Test Echo',
		name: 'harnessTestEcho',
		group: ['transform'],
		version: 1,
		description: 'Sends each item to the test API',
		defaults: { name: 'Echo' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'harnessTestTokenApi', required: true, displayOptions: { show: { authentication: ['token'] } } },
			{ name: 'harnessTestKeyApi', required: true, displayOptions: { show: { authentication: ['key'] } } },
		],
		properties: [
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: [
					{ name: 'Token', value: 'token' },
					{ name: 'API Key', value: 'key' },
				],
				default: 'token',
			},
			{ displayName: 'Value', name: 'value', type: 'string', default: '' },
			{ displayName: 'Map Errors', name: 'mapErrors', type: 'boolean', default: true },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const authentication = this.getNodeParameter('authentication', 0) as string;
		const credentialType = authentication === 'key' ? 'harnessTestKeyApi' : 'harnessTestTokenApi';
		const returnData: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			try {
				const { baseUrl } = await this.getCredentials(credentialType, i);
				const value = this.getNodeParameter('value', i) as string;
				this.logger.info('Harness test echo: sending item', { itemIndex: i });
				const response = (await this.helpers.httpRequestWithAuthentication.call(this, credentialType, {
					method: 'POST',
					url: `${baseUrl as string}/echo`,
					body: { value, itemIndex: i },
					json: true,
				})) as JsonObject;
				returnData.push({ json: response, pairedItem: { item: i } });
			} catch (error) {
				const mapped = (this.getNodeParameter('mapErrors', i) as boolean)
					? mapApiError(this.getNode(), error, i)
					: (error as Error);
				if (this.continueOnFail()) {
					// Only `error`, `message` and `details` keys: WorkflowExecute routes such items to the
					// error output under onError 'continueErrorOutput' (any other key keeps them on output 0).
					returnData.push({
						json: { error: mapped.message, details: { httpCode: (mapped as NodeApiError).httpCode ?? null } },
						pairedItem: { item: i },
					});
					continue;
				}
				throw mapped;
			}
		}
		return [returnData];
	}
}

// ---------------------------------------------------------------------------------------------
// Workflow JSON helpers (the shape n8n exports)
// ---------------------------------------------------------------------------------------------

const ECHO_TYPE = 'n8n-nodes-harness-test.harnessTestEcho';

function workflow(
	echo: Partial<INode> & { parameters: INode['parameters'] },
	startType = 'n8n-nodes-base.manualTrigger',
	startParameters: INode['parameters'] = {},
): WorkflowJson {
	return {
		name: 'Harness test',
		nodes: [
			{
				id: '0f5532f9-36ba-4bef-86c7-30d607400b15',
				name: 'When clicking ‘Execute workflow’',
				type: startType,
				typeVersion: 1,
				position: [0, 0],
				parameters: startParameters,
			},
			{
				id: 'c1e3d2a4-5b6c-4d7e-8f90-123456789abc',
				name: 'Echo',
				type: ECHO_TYPE,
				typeVersion: 1,
				position: [220, 0],
				credentials: { harnessTestTokenApi: { id: 'tok-cred', name: 'Token account' } },
				...echo,
			},
		],
		connections: {
			'When clicking ‘Execute workflow’': { main: [[{ node: 'Echo', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

// ---------------------------------------------------------------------------------------------

const api = new TestApi();
let harness: N8nHarness;

function newHarness(): N8nHarness {
	const h = new N8nHarness({
		nodeTypes: { [ECHO_TYPE]: new HarnessTestEcho() },
		credentialTypes: [new HarnessTestTokenApi(), new HarnessTestKeyApi()],
	});
	h.addCredential({
		id: 'tok-cred',
		name: 'Token account',
		type: 'harnessTestTokenApi',
		data: { baseUrl: api.baseUrl, accessKey: ACCESS_KEY, accessSecret: ACCESS_SECRET },
	});
	h.addCredential({
		id: 'key-cred',
		name: 'Key account',
		type: 'harnessTestKeyApi',
		// an expression in credential data, resolved by getDecrypted like n8n does
		data: { baseUrl: api.baseUrl, apiKey: `={{ "${API_KEY.slice(0, 7)}" + "${API_KEY.slice(7)}" }}` },
	});
	return h;
}

beforeAll(async () => {
	await api.start();
});

afterAll(async () => {
	await api.stop();
});

beforeEach(() => {
	api.reset();
	harness = newHarness();
});

describe('N8nHarness', () => {
	it('keeps n8n-core away from ~/.n8n', () => {
		expect(process.env.N8N_USER_FOLDER?.startsWith(tmpdir())).toBe(true);
		expect(process.env.N8N_ENCRYPTION_KEY).toBeTruthy();
	});

	it('(a) evaluates expressions per item and sends the values to the server, pairedItem kept', async () => {
		const result = await harness.run(
			workflow({ parameters: { value: '={{ $json.name }}-{{ $json.n * 2 }}' } }),
			{ inputItems: [{ name: 'a', n: 1 }, { name: 'b', n: 2 }, { name: 'c', n: 3 }] },
		);

		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.executedNodes).toEqual(['When clicking ‘Execute workflow’', 'Echo']);
		expect(api.echoRequests().map((r) => r.body)).toEqual([
			{ value: 'a-2', itemIndex: 0 },
			{ value: 'b-4', itemIndex: 1 },
			{ value: 'c-6', itemIndex: 2 },
		]);
		expect(result.json('Echo')).toEqual([
			{ echoed: 'a-2', itemIndex: 0 },
			{ echoed: 'b-4', itemIndex: 1 },
			{ echoed: 'c-6', itemIndex: 2 },
		]);
		expect(result.output('Echo').map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
	});

	it('runs the harness start node with its own `items` parameter', async () => {
		const result = await harness.run(
			workflow({ parameters: { value: '={{ $json.v }}' } }, HARNESS_START_NODE_TYPE, {
				items: JSON.stringify([{ v: 'x' }, { v: 'y' }]),
			}),
		);
		expect(result.error).toBeUndefined();
		expect(result.json('Echo').map((j) => j.echoed)).toEqual(['x', 'y']);
	});

	it('(b) obtains one token for 5 items x 3 runs and keeps it in the stored credential', async () => {
		const wf = workflow({ parameters: { value: '={{ $json.i }}' } });
		const inputItems = [0, 1, 2, 3, 4].map((i) => ({ i }));
		for (let run = 0; run < 3; run++) {
			const result = await harness.run(wf, { inputItems });
			expect(result.error).toBeUndefined();
			expect(result.json('Echo')).toHaveLength(5);
		}

		expect(api.tokenRequests).toBe(1);
		expect(harness.preAuthenticationCalls('tok-cred')).toBe(1);
		expect(harness.getCredentialData('tok-cred').sessionToken).toBe('tok-1');
		expect(api.echoRequests()).toHaveLength(15);
		expect(api.echoRequests().every((r) => r.authorization === 'Bearer tok-1' && r.status === 200)).toBe(true);
	});

	it('(c) on 401 runs preAuthentication once more (expired) and re-sends the request once', async () => {
		const wf = workflow({ parameters: { value: '={{ $json.i }}' } });
		const inputItems = [0, 1, 2].map((i) => ({ i }));
		expect((await harness.run(wf, { inputItems })).error).toBeUndefined();
		expect(harness.getCredentialData('tok-cred').sessionToken).toBe('tok-1');

		api.expireTokens();
		api.requests = [];
		const result = await harness.run(wf, { inputItems });

		expect(result.error).toBeUndefined();
		// an expression keeps its type (a number here) even in a 'string' parameter
		expect(result.json('Echo').map((j) => j.echoed)).toEqual([0, 1, 2]);
		expect(api.tokenRequests).toBe(2);
		expect(harness.preAuthenticationCalls('tok-cred')).toBe(2);
		expect(harness.preAuthenticationCalls('tok-cred', { credentialsExpired: true })).toBe(1);
		expect(harness.getCredentialData('tok-cred').sessionToken).toBe('tok-2');
		// item 0: 401 with the old token, refresh, one re-send; items 1 and 2 use the kept new token
		expect(api.requests.map((r) => `${r.path} ${r.status} ${r.authorization ?? ''}`)).toEqual([
			'/echo 401 Bearer tok-1',
			'/token 200 ',
			'/echo 200 Bearer tok-2',
			'/echo 200 Bearer tok-2',
			'/echo 200 Bearer tok-2',
		]);
	});

	it('function-form authenticate + credential expressions; a 401 without preAuthentication is re-sent once', async () => {
		const keyNode = {
			parameters: { authentication: 'key', value: '={{ $json.v }}' },
			credentials: { harnessTestKeyApi: { id: 'key-cred', name: 'Key account' } },
		};
		const ok = await harness.run(workflow(keyNode), { inputItems: [{ v: 'k' }] });
		expect(ok.error).toBeUndefined();
		expect(api.echoRequests()[0].apiKey).toBe(API_KEY);

		harness.addCredential({
			id: 'key-cred',
			name: 'Key account',
			type: 'harnessTestKeyApi',
			data: { baseUrl: api.baseUrl, apiKey: 'wrong' },
		});
		api.requests = [];
		HarnessTestKeyApi.seenHeaders = [];
		const failed = await harness.run(workflow(keyNode), { inputItems: [{ v: 'k' }] });
		expect(failed.error).toBeInstanceOf(NodeApiError);
		expect(failed.error?.httpCode).toBe('401');
		expect(api.echoRequests().map((r) => r.status)).toEqual([401, 401]);
		expect(harness.preAuthenticationCalls('key-cred')).toBe(0);
		// The re-send calls authenticate with the options the FIRST authenticate returned, so a
		// request signer must overwrite (never append to / re-sign over) its own earlier headers.
		expect(HarnessTestKeyApi.seenHeaders).toEqual([{}, { 'X-Api-Key': 'wrong' }]);
	});

	it('a failing preAuthentication fails the item with the token endpoint\'s error, nothing is kept', async () => {
		harness.addCredential({
			id: 'tok-cred',
			name: 'Token account',
			type: 'harnessTestTokenApi',
			data: { baseUrl: api.baseUrl, accessKey: ACCESS_KEY, accessSecret: 'wrong' },
		});
		const result = await harness.run(workflow({ parameters: { value: 'v' }, onError: 'continueRegularOutput' }), {
			inputItems: [{}, {}],
		});
		expect(result.json('Echo')).toEqual([
			{ error: 'InvalidAccessKey: Access key or secret is wrong', details: { httpCode: '403' } },
			{ error: 'InvalidAccessKey: Access key or secret is wrong', details: { httpCode: '403' } },
		]);
		// no token, so every item tries again
		expect(api.tokenRequests).toBe(2);
		expect(api.echoRequests()).toHaveLength(0);
		expect(harness.getCredentialData('tok-cred').sessionToken).toBeUndefined();
	});

	it('(d) onError continueRegularOutput: the failing item becomes an error item, the others continue', async () => {
		const result = await harness.run(
			workflow({ parameters: { value: '={{ $json.v }}' }, onError: 'continueRegularOutput' }),
			{ inputItems: [{ v: 'one' }, { v: 'bad' }, { v: 'three' }] },
		);

		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		const output = result.output('Echo');
		expect(output.map((item) => item.json)).toEqual([
			{ echoed: 'one', itemIndex: 0 },
			{ error: 'InvalidParameter: Value "bad" is not allowed', details: { httpCode: '400' } },
			{ echoed: 'three', itemIndex: 2 },
		]);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('(d) legacy continueOnFail: true behaves like continueRegularOutput', async () => {
		const result = await harness.run(
			workflow({ parameters: { value: '={{ $json.v }}' }, continueOnFail: true }),
			{ inputItems: [{ v: 'one' }, { v: 'bad' }] },
		);
		expect(result.error).toBeUndefined();
		expect(result.json('Echo')[1].error).toBe('InvalidParameter: Value "bad" is not allowed');
	});

	it('(d) onError continueErrorOutput: the failing item goes to the error output with its input fields', async () => {
		const result = await harness.run(
			workflow({ parameters: { value: '={{ $json.v }}' }, onError: 'continueErrorOutput' }),
			{ inputItems: [{ v: 'one' }, { v: 'bad' }, { v: 'three' }] },
		);

		expect(result.error).toBeUndefined();
		expect(result.json('Echo', 0)).toEqual([
			{ echoed: 'one', itemIndex: 0 },
			{ echoed: 'three', itemIndex: 2 },
		]);
		expect(result.output('Echo', 1).map((item) => [item.json, item.pairedItem])).toEqual([
			[
				{ v: 'bad', error: 'InvalidParameter: Value "bad" is not allowed', details: { httpCode: '400' } },
				{ item: 1 },
			],
		]);
	});

	it('(d) without onError the run fails with the NodeApiError the node threw (mapped, itemIndex 1)', async () => {
		const result = await harness.run(workflow({ parameters: { value: '={{ $json.v }}' } }), {
			inputItems: [{ v: 'one' }, { v: 'bad' }, { v: 'three' }],
		});

		expect(result.status).toBe('error');
		expect(result.error).toBeInstanceOf(NodeApiError);
		const error = result.error as NodeApiError;
		expect(error.message).toBe('InvalidParameter: Value "bad" is not allowed');
		expect(error.description).toBe('Request ID: req-400');
		expect(error.httpCode).toBe('400');
		expect(error.context.itemIndex).toBe(1);
		// n8n's own record of it: a plain copy with the same fields, not an instance
		const stored = result.run.data.resultData.error as unknown as Record<string, unknown>;
		expect(stored).not.toBeInstanceOf(NodeApiError);
		expect(stored).toMatchObject({ name: 'NodeApiError', httpCode: '400', message: error.message });
		expect(result.task('Echo').error?.message).toBe(error.message);
		// item 2 was never sent
		expect(api.echoRequests().map((r) => r.body.value)).toEqual(['one', 'bad']);
	});

	it('documents the raw error shape of httpRequestWithAuthentication (unmapped)', async () => {
		const result = await harness.run(workflow({ parameters: { value: 'bad', mapErrors: false } }), {
			inputItems: [{}],
		});
		const error = result.error as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('400');
		expect(error.message).toBe('Bad request - please check your parameters');
		expect(error.description).toBe('Request failed with status code 400');
		expect(error.context.data).toEqual({
			Code: 'InvalidParameter',
			Message: 'Value "bad" is not allowed',
			RequestId: 'req-400',
		});
		const cause = error.cause as unknown as { name: string; response: { status: number; data: unknown; headers: Record<string, unknown> } };
		expect(cause.name).toBe('AxiosError');
		expect(cause.response.status).toBe(400);
		expect(cause.response.data).toEqual(error.context.data);
		expect(cause.response.headers['x-request-id']).toBe('req-400');
		// `cause` is not enumerable: n8n's stored copy has no cause (and so no request headers)
		expect(Object.keys(error)).not.toContain('cause');
		expect(JSON.stringify(result.run.data.resultData.error)).not.toContain('Bearer');
	});

	it('(e) captures the log lines of each run, without credential secrets', async () => {
		const result = await harness.run(workflow({ parameters: { value: '={{ $json.v }}' } }), {
			inputItems: [{ v: 'one' }, { v: 'bad' }],
		});
		expect(result.error).toBeDefined();

		expect(result.logs).toContain('debug Workflow execution started {"workflowId":"harness-workflow"}');
		expect(result.logs).toContain('info Harness test echo: sending item {"itemIndex":1}');
		expect(result.logs.some((line) => line.startsWith('error InvalidParameter: Value "bad" is not allowed'))).toBe(
			true,
		);
		expect(harness.logs).toEqual(expect.arrayContaining(result.logs));
		for (const secret of [ACCESS_SECRET, API_KEY, 'tok-1']) {
			expect(harness.logs.join('\n')).not.toContain(secret);
		}
	});

	it("runs expressions on the isolated-vm engine (n8n 2.x's default) when asked", () => {
		// Jest cannot run n8n-workflow's dynamic import() of the engine without
		// --experimental-vm-modules, so this check runs the compiled harness in a plain Node process.
		const script = `
			const http = require('node:http');
			const { N8nHarness } = require(${JSON.stringify(path.join(__dirname, 'harness'))});
			const { Expression } = require('n8n-workflow');
			const node = {
				description: { displayName: 'Upper', name: 'upper', group: ['transform'], version: 1, description: '',
					defaults: { name: 'Upper' }, inputs: ['main'], outputs: ['main'],
					properties: [{ displayName: 'Value', name: 'value', type: 'string', default: '' }] },
				async execute() {
					return [this.getInputData().map((item, i) => ({ json: { value: this.getNodeParameter('value', i) }, pairedItem: { item: i } }))];
				},
			};
			(async () => {
				const harness = new N8nHarness({ nodeTypes: { 'x.upper': node }, expressionEngine: 'vm' });
				const result = await harness.run({
					nodes: [
						{ id: '1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
						{ id: '2', name: 'Upper', type: 'x.upper', typeVersion: 1, position: [200, 0], parameters: { value: '={{ $json.s.toUpperCase() }}' } },
					],
					connections: { Start: { main: [[{ node: 'Upper', type: 'main', index: 0 }]] } },
				}, { inputItems: [{ s: 'abc' }, { s: 'def' }] });
				const engine = Expression.getActiveImplementation();
				await N8nHarness.shutdown();
				process.stdout.write(JSON.stringify({ engine, error: result.error && result.error.message, json: result.json('Upper') }));
			})().catch((error) => { console.error(error); process.exit(1); });
		`;
		const out = execFileSync(process.execPath, ['-e', script], {
			cwd: path.join(__dirname, '..', '..'),
			encoding: 'utf8',
			timeout: 30_000,
		});
		expect(JSON.parse(out)).toEqual({ engine: 'vm', json: [{ value: 'ABC' }, { value: 'DEF' }] });
	});

	it('explains unknown node types and missing nodes', async () => {
		const wf = workflow({ parameters: {}, type: 'n8n-nodes-base.httpRequest' });
		const result = await harness.run(wf).catch((error: Error) => error);
		const message = result instanceof Error ? result.message : result.error?.message;
		expect(message).toContain('Unknown node type "n8n-nodes-base.httpRequest"');

		const ok = await harness.run(workflow({ parameters: { value: 'v' } }));
		expect(() => ok.output('Nope')).toThrow('Node "Nope" did not run');
	});
});
