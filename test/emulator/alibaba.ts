/**
 * Alibaba Cloud emulator: Data Lake Analytics (`openanalytics-open`, version 2018-06-19)
 * CreateInstance / ReleaseInstance, and STS GetCallerIdentity (2015-04-01), all RPC style on
 * path `/`, signed either with the RPC HMAC-SHA1 signature or with ACS3-HMAC-SHA256.
 *
 * Request flow: parse the parameters (query + form body) → find the API by Version and Action
 * → authenticate (key, timestamp, signature, STS token, nonce) → validate and run the action.
 */
import type { ErrorFaultKind, Fault } from './faults';
import {
	firstValue,
	header,
	json,
	randomAlphanumeric,
	sha256Hex,
	upperUuid,
	type CloudEmulator,
	type ReceivedRequest,
	type Reply,
	type Route,
} from './http';
import {
	acs3SignableHeader,
	alibabaAcs3Authorization,
	alibabaRpcSignature,
	parseAcs3Authorization,
} from './signatures';

// ---------------------------------------------------------------- configuration

export interface AlibabaAccount {
	accessKeyId: string;
	accessKeySecret: string;
	/** Set for an STS key: every request must carry exactly this token. */
	securityToken?: string;
	/** Alibaba Cloud account (UID) the key belongs to; default `1234567890123456`. */
	accountId?: string;
	/** RAM user name (long-term key) or role name (STS key), shown by GetCallerIdentity. */
	principalName?: string;
}

export interface AlibabaOptions {
	accounts?: AlibabaAccount[];
}

export const DEFAULT_ALIBABA_ACCOUNTS: AlibabaAccount[] = [
	{
		accessKeyId: 'LTAI_EMULATOR_ID',
		accessKeySecret: 'emulator-secret',
		accountId: '1234567890123456',
		principalName: 'emulator-user',
	},
	{
		accessKeyId: 'STS.EMULATOR_ID',
		accessKeySecret: 'sts-secret',
		securityToken: 'sts-token',
		accountId: '1234567890123456',
		principalName: 'emulator-role',
	},
];

export const DLA_VERSION = '2018-06-19';
export const STS_VERSION = '2015-04-01';

/** Region IDs with a Data Lake Analytics endpoint (reference table). */
export const DLA_REGIONS = [
	'cn-qingdao',
	'cn-beijing',
	'cn-zhangjiakou',
	'cn-huhehaote',
	'cn-hangzhou',
	'cn-shanghai',
	'cn-shenzhen',
	'cn-hongkong',
	'ap-southeast-1',
	'ap-southeast-2',
	'ap-southeast-3',
	'ap-southeast-5',
	'ap-northeast-1',
	'ap-south-1',
	'us-west-1',
	'us-east-1',
	'eu-central-1',
	'eu-west-1',
	'me-east-1',
];

export const DLA_INSTANCE_TYPES = ['CU_SPARK', 'CU_PRESTO'];

/** The eight keys the doc's `Component` JSON carries. */
export const COMPONENT_KEYS = [
	'operable',
	'max_cu',
	'instance_name',
	'min_cu',
	'engine',
	'region',
	'app_name',
	'app_version_name',
];

/** Timestamps and nonces are accepted within this window (both directions for timestamps). */
const WINDOW_MS = 15 * 60 * 1000;

// ---------------------------------------------------------------- state

export interface DlaInstance {
	instanceId: string;
	regionId: string;
	instanceType: string;
	chargeType: string;
	/** `Component` exactly as sent, and parsed. */
	componentJson: string;
	component: Record<string, unknown>;
	instanceName: string;
	status: 'RUNNING' | 'RELEASED';
	accountId: string;
	accessKeyId: string;
	createdAt: string;
	releasedAt?: string;
}

/** An error answered in the gateway body `{RequestId, HostId, Code, Message, Recommend}`. */
class AlibabaError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
	) {
		super(message);
	}
}

const missing = (name: string) =>
	new AlibabaError(
		400,
		'MissingParameter',
		`The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
	);

const invalid = (name: string, detail: string) =>
	new AlibabaError(400, 'InvalidParameter', `The specified parameter "${name}" is not valid: ${detail}`);

/** What the emulator read from one request. */
interface AlibabaCall {
	style: 'rpc' | 'acs3';
	/** Query and form body parameters together (body wins on a name clash). */
	params: Record<string, string>;
	action?: string;
	version?: string;
	/** RPC answers XML unless `Format=JSON`; ACS3 answers JSON. */
	format: 'JSON' | 'XML';
}

type ActionHandler = (account: AlibabaAccount, params: Record<string, string>) => Record<string, unknown>;

interface Api {
	product: string;
	actions: Record<string, ActionHandler>;
}

// ---------------------------------------------------------------- the emulator

export class AlibabaEmulator implements CloudEmulator {
	readonly cloud = 'alibaba' as const;
	readonly accounts: AlibabaAccount[];
	/** Every instance created, released ones included (status `RELEASED`). */
	readonly instances = new Map<string, DlaInstance>();
	/** `${AccessKeyId}|${nonce}` → when it was first used. */
	private readonly nonces = new Map<string, number>();
	private readonly apis: Record<string, Api>;

	constructor(options: AlibabaOptions = {}) {
		this.accounts = options.accounts ?? DEFAULT_ALIBABA_ACCOUNTS;
		this.apis = {
			[DLA_VERSION]: {
				product: 'openanalytics-open',
				actions: {
					CreateInstance: (account, params) => this.createInstance(account, params),
					ReleaseInstance: (account, params) => this.releaseInstance(account, params),
				},
			},
			[STS_VERSION]: {
				product: 'Sts',
				actions: { GetCallerIdentity: (account) => this.getCallerIdentity(account) },
			},
		};
	}

	/** Live (not released) instances. */
	liveInstances(): DlaInstance[] {
		return [...this.instances.values()].filter((instance) => instance.status === 'RUNNING');
	}

	findByName(instanceName: string): DlaInstance[] {
		return [...this.instances.values()].filter((instance) => instance.instanceName === instanceName);
	}

	route(request: ReceivedRequest): Route {
		const call = parseCall(request);
		return { operation: call.action ?? 'Unknown', handle: () => this.run(request, call) };
	}

	commonHeaders(): Record<string, string> {
		return {};
	}

	state() {
		return {
			instances: [...this.instances.values()],
			accounts: this.accounts.map((account) => ({
				accessKeyId: account.accessKeyId,
				sts: account.securityToken !== undefined,
			})),
		};
	}

	reset(): void {
		this.instances.clear();
		this.nonces.clear();
	}

	renderFault(fault: Fault, request: ReceivedRequest): Reply {
		const call = parseCall(request);
		if (fault.kind === 'business-failure') {
			return this.answer(call, 200, {
				RequestId: upperUuid(),
				Success: false,
				Result: '',
				ErrorCode: fault.code ?? '600',
				ErrorInfo: fault.message ?? 'An internal error occurred.',
			});
		}
		const [status, code, message] = ALIBABA_FAULTS[fault.kind as ErrorFaultKind] ?? ALIBABA_FAULTS['internal-error'];
		return this.error(
			request,
			call,
			new AlibabaError(fault.status ?? status, fault.code ?? code, fault.message ?? message),
		);
	}

	// ------------------------------------------------------------ request pipeline

	private run(request: ReceivedRequest, call: AlibabaCall): Reply {
		try {
			const handler = this.resolve(call);
			const account = call.style === 'acs3' ? this.authenticateAcs3(request) : this.authenticateRpc(request, call);
			return this.answer(call, 200, { RequestId: upperUuid(), ...handler(account, call.params) });
		} catch (error) {
			if (error instanceof AlibabaError) return this.error(request, call, error);
			throw error;
		}
	}

	/** The action's handler, found by Version (which also names the product) and Action. */
	private resolve(call: AlibabaCall): ActionHandler {
		if (!call.action) throw missing('Action');
		if (!call.version) throw missing('Version');
		const api = this.apis[call.version];
		if (!api) throw new AlibabaError(400, 'InvalidVersion', 'Specified parameter Version is not valid.');
		const handler = api.actions[call.action];
		if (!handler) {
			throw new AlibabaError(404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.');
		}
		return handler;
	}

	private authenticateRpc(request: ReceivedRequest, call: AlibabaCall): AlibabaAccount {
		const params = call.params;
		for (const name of ['AccessKeyId', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce', 'Timestamp', 'Signature']) {
			if (!params[name]) throw missing(name);
		}
		if (params.SignatureMethod !== 'HMAC-SHA1') {
			throw new AlibabaError(400, 'InvalidSignatureMethod', 'Specified signature method is not valid.');
		}
		if (params.SignatureVersion !== '1.0') {
			throw new AlibabaError(400, 'InvalidSignatureVersion', 'Specified signature version is not valid.');
		}
		const account = this.account(params.AccessKeyId);
		checkTimestamp(params.Timestamp);
		const unsigned = { ...params };
		delete unsigned.Signature;
		const expected = alibabaRpcSignature(unsigned, request.method, account.accessKeySecret);
		if (expected !== params.Signature) {
			throw new AlibabaError(400, 'SignatureDoesNotMatch', 'Specified signature is not matched with our calculation.');
		}
		checkSecurityToken(account, params.SecurityToken);
		this.useNonce(account, params.SignatureNonce);
		return account;
	}

	private authenticateAcs3(request: ReceivedRequest): AlibabaAccount {
		const authorization = parseAcs3Authorization(header(request, 'authorization') ?? '');
		if (!authorization) {
			throw new AlibabaError(400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards.');
		}
		for (const name of ['x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256']) {
			if (!header(request, name)) throw missing(name);
		}
		const account = this.account(authorization.accessKeyId);
		checkTimestamp(header(request, 'x-acs-date') ?? '');

		const signedNames = authorization.signedHeaders.map((name) => name.toLowerCase());
		const unsigned = Object.keys(request.headers).filter(
			(name) => name.startsWith('x-acs-') && !signedNames.includes(name),
		);
		if (!signedNames.includes('host') || unsigned.length > 0) {
			throw new AlibabaError(
				400,
				'IncompleteSignature',
				`SignedHeaders must list host and every x-acs-* header sent (not signed: ${['host', ...unsigned]
					.filter((name) => !signedNames.includes(name))
					.join(', ')}).`,
			);
		}
		const unsignable = signedNames.filter((name) => !acs3SignableHeader(name));
		if (unsignable.length > 0) {
			throw new AlibabaError(
				400,
				'SignatureDoesNotMatch',
				`The emulator verifies with the official signer, which signs only host, content-type and x-acs-* headers; SignedHeaders also lists: ${unsignable.join(', ')}.`,
			);
		}
		const contentSha256 = header(request, 'x-acs-content-sha256') ?? '';
		if (contentSha256 !== sha256Hex(request.rawBody)) {
			throw new AlibabaError(
				400,
				'SignatureDoesNotMatch',
				'Specified signature is not matched with our calculation: x-acs-content-sha256 is not the SHA-256 of the request body.',
			);
		}
		const signedHeaders: Record<string, string> = {};
		for (const name of signedNames) signedHeaders[name] = header(request, name) ?? '';
		const query: Record<string, string> = {};
		for (const [name, value] of Object.entries(request.query)) query[name] = firstValue(value) ?? '';
		const expected = alibabaAcs3Authorization({
			method: request.method,
			path: request.path,
			query,
			signedHeaders,
			contentSha256,
			accessKeyId: account.accessKeyId,
			secret: account.accessKeySecret,
		});
		if (parseAcs3Authorization(expected)?.signature !== authorization.signature) {
			throw new AlibabaError(400, 'SignatureDoesNotMatch', 'Specified signature is not matched with our calculation.');
		}
		checkSecurityToken(account, header(request, 'x-acs-security-token'));
		this.useNonce(account, header(request, 'x-acs-signature-nonce') ?? '');
		return account;
	}

	private account(accessKeyId: string): AlibabaAccount {
		const account = this.accounts.find((candidate) => candidate.accessKeyId === accessKeyId);
		if (!account) throw new AlibabaError(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
		return account;
	}

	private useNonce(account: AlibabaAccount, nonce: string): void {
		const now = Date.now();
		for (const [key, seenAt] of this.nonces) if (now - seenAt > WINDOW_MS) this.nonces.delete(key);
		const key = `${account.accessKeyId}|${nonce}`;
		if (this.nonces.has(key)) {
			throw new AlibabaError(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
		}
		this.nonces.set(key, now);
	}

	// ------------------------------------------------------------ actions

	private createInstance(account: AlibabaAccount, params: Record<string, string>): Record<string, unknown> {
		for (const name of ['ChargeType', 'Component', 'InstanceType', 'RegionId']) {
			if (!params[name]) throw missing(name);
		}
		if (params.ChargeType !== 'POSTPAY') {
			throw invalid('ChargeType', 'set it to POSTPAY (you can create only pay-as-you-go instances).');
		}
		if (!DLA_INSTANCE_TYPES.includes(params.InstanceType)) {
			throw invalid('InstanceType', `valid values are ${DLA_INSTANCE_TYPES.join(', ')}.`);
		}
		if (!DLA_REGIONS.includes(params.RegionId)) {
			throw invalid('RegionId', `"${params.RegionId}" is not a region ID (use an ID such as cn-beijing, not a display name).`);
		}
		const component = parseComponent(params.Component);
		const instance: DlaInstance = {
			instanceId: `dla-${randomAlphanumeric(24)}`,
			regionId: params.RegionId,
			instanceType: params.InstanceType,
			chargeType: params.ChargeType,
			componentJson: params.Component,
			component,
			instanceName: String(component.instance_name),
			status: 'RUNNING',
			accountId: account.accountId ?? DEFAULT_ACCOUNT_ID,
			accessKeyId: account.accessKeyId,
			createdAt: new Date().toISOString(),
		};
		this.instances.set(instance.instanceId, instance);
		return { Success: true, Result: 'success', ErrorCode: '', ErrorInfo: '' };
	}

	private releaseInstance(account: AlibabaAccount, params: Record<string, string>): Record<string, unknown> {
		if (!params.InstanceId) throw missing('InstanceId');
		const instance = this.instances.get(params.InstanceId);
		if (
			!instance ||
			instance.status !== 'RUNNING' ||
			instance.accountId !== (account.accountId ?? DEFAULT_ACCOUNT_ID)
		) {
			throw new AlibabaError(404, 'Openanalytics.NotFound.Exception', 'The specified instance does not exist.');
		}
		instance.status = 'RELEASED';
		instance.releasedAt = new Date().toISOString();
		return { Success: true, Result: 'success', ErrorCode: '', ErrorInfo: '' };
	}

	private getCallerIdentity(account: AlibabaAccount): Record<string, unknown> {
		const accountId = account.accountId ?? DEFAULT_ACCOUNT_ID;
		const name = account.principalName ?? (account.securityToken ? 'emulator-role' : 'emulator-user');
		const principalId = stableDigits(`${accountId}/${name}`);
		if (account.securityToken !== undefined) {
			const session = 'emulator-session';
			return {
				AccountId: accountId,
				UserId: `${principalId}:${session}`,
				RoleId: principalId,
				Arn: `acs:ram::${accountId}:assumed-role/${name}/${session}`,
				IdentityType: 'AssumedRoleUser',
				PrincipalId: `${principalId}:${session}`,
			};
		}
		return {
			AccountId: accountId,
			UserId: principalId,
			Arn: `acs:ram::${accountId}:user/${name}`,
			IdentityType: 'RAMUser',
			PrincipalId: principalId,
		};
	}

	// ------------------------------------------------------------ rendering

	private answer(call: AlibabaCall, status: number, body: Record<string, unknown>): Reply {
		if (call.format === 'XML') {
			return {
				status,
				headers: { 'content-type': 'text/xml;charset=utf-8' },
				body: toXml(`${call.action ?? 'Unknown'}Response`, body),
			};
		}
		return json(status, body, { 'content-type': 'application/json;charset=utf-8' });
	}

	private error(request: ReceivedRequest, call: AlibabaCall, error: AlibabaError): Reply {
		const product = (call.version && this.apis[call.version]?.product) || 'openanalytics-open';
		const body = {
			RequestId: upperUuid(),
			HostId: request.host,
			Code: error.code,
			Message: error.message,
			Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(error.code)}&product=${product}`,
		};
		if (call.format === 'XML') {
			return { status: error.status, headers: { 'content-type': 'text/xml;charset=utf-8' }, body: toXml('Error', body) };
		}
		return json(error.status, body, { 'content-type': 'application/json;charset=utf-8' });
	}
}

// ---------------------------------------------------------------- helpers

const DEFAULT_ACCOUNT_ID = '1234567890123456';

/** [status, code, message] of each error fault in Alibaba's gateway format. */
const ALIBABA_FAULTS: Record<ErrorFaultKind, [number, string, string]> = {
	throttle: [400, 'Throttling.User', 'Request was denied due to user flow control.'],
	'internal-error': [
		500,
		'InternalError',
		'The request processing has failed due to some unknown error, exception or failure.',
	],
	unavailable: [503, 'ServiceUnavailable', 'The request has failed due to a temporary failure of the server.'],
	'bad-gateway': [502, 'BadGateway', 'The gateway received an invalid response from the backend service.'],
	'gateway-timeout': [504, 'ServiceTimeout', 'Service invoke timeout. Please try again later.'],
};

function parseCall(request: ReceivedRequest): AlibabaCall {
	const params: Record<string, string> = {};
	for (const [name, value] of Object.entries(request.query)) params[name] = firstValue(value) ?? '';
	if ((header(request, 'content-type') ?? '').includes('application/x-www-form-urlencoded')) {
		for (const [name, value] of new URLSearchParams(request.body)) params[name] = value;
	}
	const acs3 = (header(request, 'authorization') ?? '').startsWith('ACS3-');
	if (acs3) {
		return {
			style: 'acs3',
			params,
			action: header(request, 'x-acs-action'),
			version: header(request, 'x-acs-version'),
			format: 'JSON',
		};
	}
	return {
		style: 'rpc',
		params,
		action: params.Action || undefined,
		version: params.Version || undefined,
		format: (params.Format ?? '').toUpperCase() === 'JSON' ? 'JSON' : 'XML',
	};
}

function checkTimestamp(value: string): void {
	if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(value) || Number.isNaN(Date.parse(value))) {
		throw new AlibabaError(400, 'InvalidTimeStamp.Format', 'Specified time stamp or date value is not well formatted.');
	}
	if (Math.abs(Date.now() - Date.parse(value)) > WINDOW_MS) {
		throw new AlibabaError(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
	}
}

function checkSecurityToken(account: AlibabaAccount, token: string | undefined): void {
	if (account.securityToken === undefined) {
		if (token) throw new AlibabaError(400, 'InvalidSecurityToken.Malformed', 'Specified SecurityToken is malformed.');
		return;
	}
	if (!token) throw new AlibabaError(400, 'MissingSecurityToken', 'SecurityToken is mandatory for this action.');
	if (token !== account.securityToken) {
		throw new AlibabaError(
			400,
			'InvalidSecurityToken.MismatchWithAccessKey',
			'Specified SecurityToken mismatch with the AccessKey.',
		);
	}
}

/** `Component` must be a JSON object with the doc's eight keys; the CU bounds must be integers. */
function parseComponent(text: string): Record<string, unknown> {
	let component: unknown;
	try {
		component = JSON.parse(text);
	} catch {
		throw invalid('Component', 'it must be a JSON string (JSON serialization of the component module).');
	}
	if (typeof component !== 'object' || component === null || Array.isArray(component)) {
		throw invalid('Component', 'it must be a JSON object.');
	}
	const fields = component as Record<string, unknown>;
	const absent = COMPONENT_KEYS.filter((key) => fields[key] === undefined || fields[key] === null || fields[key] === '');
	if (absent.length > 0) throw invalid('Component', `missing keys: ${absent.join(', ')}.`);
	for (const key of COMPONENT_KEYS) {
		if (!['string', 'number', 'boolean'].includes(typeof fields[key])) {
			throw invalid('Component', `"${key}" must be a string (the doc sends every value as a string).`);
		}
	}
	const minCu = Number(fields.min_cu);
	const maxCu = Number(fields.max_cu);
	if (!Number.isInteger(minCu) || minCu < 0 || !Number.isInteger(maxCu) || maxCu < 1) {
		throw invalid('Component', 'min_cu and max_cu must be whole numbers (min_cu >= 0, max_cu >= 1).');
	}
	if (minCu > maxCu) throw invalid('Component', 'min_cu must not exceed max_cu.');
	if (!['true', 'false'].includes(String(fields.operable))) {
		throw invalid('Component', 'operable must be "true" or "false".');
	}
	return fields;
}

function stableDigits(seed: string): string {
	return BigInt(`0x${sha256Hex(seed).slice(0, 15)}`).toString().padStart(16, '2').slice(0, 16);
}

function escapeXml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Flat objects only: enough for RPC answers when the client did not ask for Format=JSON. */
function toXml(root: string, body: Record<string, unknown>): string {
	const fields = Object.entries(body)
		.map(([key, value]) => `<${key}>${escapeXml(String(value))}</${key}>`)
		.join('');
	return `<?xml version='1.0' encoding='UTF-8'?><${root}>${fields}</${root}>`;
}
