/**
 * Huawei Cloud emulator on one listener: IAM (`/v3/...`: password tokens, token validation,
 * projects) and LakeFormation instances (`/v1/{project_id}/instances...`).
 *
 * LakeFormation calls authenticate with an IAM token (`X-Auth-Token`, scoped to the project in
 * the URL) or an AK/SK signature (`Authorization: SDK-HMAC-SHA256 ...` + `X-Project-Id`),
 * verified with the official AKSKSigner. Instances follow the documented state machine:
 * RESOURCE_PREPARATION → RUNNING (or RESOURCE_PREPARATION_FAIL) after `readinessDelayMs`,
 * evaluated lazily on each read, so there are no timers to clean up.
 */
import { randomBytes, randomUUID } from 'node:crypto';

import type { ErrorFaultKind, Fault } from './faults';
import {
	firstValue,
	header,
	json,
	randomHex,
	stableHex,
	type CloudEmulator,
	type QueryValues,
	type ReceivedRequest,
	type Reply,
	type Route,
} from './http';
import { huaweiAuthorization, parseHuaweiAuthorization } from './signatures';

// ---------------------------------------------------------------- configuration

export interface HuaweiUser {
	/** Account (domain) name. */
	domainName: string;
	userName: string;
	password: string;
	/** Region name → project ID; default: the nine LakeFormation regions with `defaultProjectId`. */
	projects?: Record<string, string>;
}

export interface HuaweiAccessKey {
	accessKey: string;
	secretKey: string;
	/** Set for a temporary key: requests must send it as `X-Security-Token`. */
	securityToken?: string;
	/** When set, the key works only for this project; otherwise for every project of its account. */
	projectId?: string;
	/** Account the key belongs to (default: the first user's account). */
	domainName?: string;
}

export interface HuaweiOptions {
	users?: HuaweiUser[];
	accessKeys?: HuaweiAccessKey[];
	/** IAM token lifetime (default 24 h). */
	tokenLifetimeMs?: number;
	/** Time from create to RUNNING / RESOURCE_PREPARATION_FAIL (default 3000 ms). */
	readinessDelayMs?: number;
	/** Creates whose name matches end in RESOURCE_PREPARATION_FAIL. */
	failNamePattern?: RegExp;
}

/** Regions of the LakeFormation SDK region list. */
export const LAKEFORMATION_REGIONS = [
	'cn-north-4',
	'cn-north-9',
	'cn-east-3',
	'cn-south-1',
	'cn-north-11',
	'cn-southwest-2',
	'ap-southeast-4',
	'la-north-2',
	'af-south-1',
];

/** Deterministic 32-hex project ID of an account's region. */
export function defaultProjectId(domainName: string, region: string): string {
	return stableHex(`project/${domainName}/${region}`);
}

export const DEFAULT_HUAWEI_USERS: HuaweiUser[] = [
	{ domainName: 'emulator-account', userName: 'emulator-user', password: 'emulator-password' },
];

export const DEFAULT_HUAWEI_ACCESS_KEYS: HuaweiAccessKey[] = [
	{ accessKey: 'EMULATORAKEXAMPLE001', secretKey: 'emulator-sk-secret' },
	{
		accessKey: 'EMULATORTEMPAKEXAMPL',
		secretKey: 'emulator-temp-sk-secret',
		securityToken: 'emulator-security-token',
	},
];

const DAY_MS = 24 * 60 * 60 * 1000;
const WINDOW_MS = 15 * 60 * 1000;
const NAME_PATTERN = /^[A-Za-z0-9_-]{4,32}$/;

export const LAKEFORMATION_STATUSES = [
	'RESOURCE_PREPARATION',
	'RUNNING',
	'RESOURCE_RELEASE',
	'DELETED',
	'RESOURCE_PREPARATION_FAIL',
	'FROZEN_RELEASABLE',
	'FROZEN_UNRELEASABLE',
	'RECOVERING',
	'DELETING',
	'SCALING',
	'SCALE_FAIL',
] as const;

export type LakeFormationStatus = (typeof LAKEFORMATION_STATUSES)[number];

// ---------------------------------------------------------------- state

interface Project {
	id: string;
	name: string;
	domainId: string;
}

interface Account {
	id: string;
	name: string;
	projects: Project[];
}

export interface IssuedToken {
	token: string;
	domain: { id: string; name: string };
	user: { id: string; name: string };
	/** Absent for a domain-scoped or unscoped token. */
	project?: { id: string; name: string };
	scope: 'project' | 'domain' | 'unscoped';
	issuedAt: number;
	expiresAt: number;
}

export interface LakeFormationTag {
	key: string;
	value?: string;
}

export interface LakeFormationSpec {
	product_id?: string;
	spec_code: string;
	stride_num: number;
}

export interface LakeFormationInstance {
	instanceId: string;
	projectId: string;
	name: string;
	description: string;
	enterpriseProjectId: string;
	shared: boolean;
	defaultInstance: boolean;
	status: LakeFormationStatus;
	/** Status to return to when recovered from the recycle bin. */
	statusBeforeRecycle?: LakeFormationStatus;
	inRecycleBin: boolean;
	createdAt: number;
	updatedAt: number;
	/** When RESOURCE_PREPARATION ends. */
	readyAt: number;
	/** Whether preparation ends in RESOURCE_PREPARATION_FAIL. */
	failsPreparation: boolean;
	tags: LakeFormationTag[];
	specs: LakeFormationSpec[];
	chargeMode: 'postPaid' | 'prePaid';
	chargeInfo?: Record<string, unknown>;
	orderId?: string;
	/** Creation order, to sort instances created within the same millisecond. */
	seq: number;
}

/** An error with its complete body: APIG, LakeFormation and IAM bodies differ. */
class HuaweiError extends Error {
	constructor(
		readonly status: number,
		readonly body: Record<string, unknown>,
	) {
		super(JSON.stringify(body));
	}
}

/** APIG gateway body. */
const apig = (status: number, code: string, message: string) =>
	new HuaweiError(status, { error_code: code, error_msg: message });

/** LakeFormation service body. */
const lf = (status: number, code: string, message: string, solution?: string) =>
	new HuaweiError(status, {
		error_code: code,
		error_msg: message,
		...(solution === undefined ? {} : { solution_msg: solution }),
	});

/** IAM (Keystone-style) body. */
const iam = (status: number, title: string, message: string) =>
	new HuaweiError(status, { error: { code: status, message, title } });

/** 400 `common.01000001`: a field of the wrong JSON type, or an unreadable body (as the seed's example). */
const typeMismatch = (field: string, expected: string) =>
	lf(
		400,
		'common.01000001',
		'failed to read http request, please check your input, code: 400, reason: Type mismatch., cause: TypeMismatchException',
		`"${field}" must be ${expected}.`,
	);

/** 400 `common.00000400`: a value of the right type that breaks a documented constraint. */
const constraint = (field: string, message: string) =>
	lf(400, 'common.00000400', `Invalid parameter ${field}: ${message}`, `Check the value of ${field}.`);

const notFound = (instanceId: string) =>
	lf(404, 'common.01000001', 'response status exception, code: 404', `Instance ${instanceId} does not exist.`);

/** The nested 403 body of the seed's example (no X-Auth-Token at all). */
const tokenMissing = () =>
	new HuaweiError(403, {
		error: {
			code: '403',
			message: 'X-Auth-Token is invalid in the request',
			error_code: null,
			error_msg: null,
			title: 'Forbidden',
		},
		error_code: '403',
		error_msg: 'X-Auth-Token is invalid in the request',
		title: 'Forbidden',
	});

const projectMismatch = () =>
	lf(
		403,
		'00000021',
		'The project ID of the credential is different from the project ID in the URL.',
		'Use a token scoped to (or an X-Project-Id equal to) the project ID in the URL.',
	);

/** Who made a request, once authenticated. */
interface Caller {
	domain: Account;
	projectId?: string;
	via: 'token' | 'aksk';
}

/** [status, code, message] of each error fault (APIG body; 500 and 503 as the service's). */
const HUAWEI_FAULTS: Record<ErrorFaultKind, [number, string, string]> = {
	throttle: [
		429,
		'APIG.0308',
		'The throttling threshold has been reached: policy user over ratelimit, limit:50, time:1 minute',
	],
	'internal-error': [500, 'common.00000500', 'internal error'],
	unavailable: [503, 'common.00000503', 'service unavailable, please try again later'],
	'bad-gateway': [502, 'APIG.0202', 'Backend unavailable'],
	'gateway-timeout': [504, 'APIG.0203', 'Backend timeout'],
};

// ---------------------------------------------------------------- the emulator

export class HuaweiEmulator implements CloudEmulator {
	readonly cloud = 'huawei' as const;
	readonly users: HuaweiUser[];
	readonly accessKeys: HuaweiAccessKey[];
	readonly instances = new Map<string, LakeFormationInstance>();
	readonly tokens = new Map<string, IssuedToken>();

	/** Runtime settings; `reset()` restores them from the options. */
	tokenLifetimeMs: number;
	readinessDelayMs: number;
	failNamePattern?: RegExp;
	/** The next N creates end in RESOURCE_PREPARATION_FAIL. */
	failNextCreates = 0;

	private readonly accounts = new Map<string, Account>();
	private seq = 0;

	constructor(private readonly options: HuaweiOptions = {}) {
		this.users = options.users ?? DEFAULT_HUAWEI_USERS;
		this.accessKeys = options.accessKeys ?? DEFAULT_HUAWEI_ACCESS_KEYS;
		this.tokenLifetimeMs = options.tokenLifetimeMs ?? DAY_MS;
		this.readinessDelayMs = options.readinessDelayMs ?? 3000;
		this.failNamePattern = options.failNamePattern;
		for (const user of this.users) {
			const account = this.accountOf(user.domainName);
			const projects = user.projects ?? Object.fromEntries(
				LAKEFORMATION_REGIONS.map((region) => [region, defaultProjectId(user.domainName, region)]),
			);
			for (const [name, id] of Object.entries(projects)) {
				if (!account.projects.some((project) => project.id === id)) {
					account.projects.push({ id, name, domainId: account.id });
				}
			}
		}
	}

	/** Project ID of a user's region, e.g. `projectId('cn-north-4')` for the default user. */
	projectId(region: string, domainName = this.users[0].domainName): string {
		const project = this.accountOf(domainName).projects.find((candidate) => candidate.name === region);
		if (!project) throw new Error(`no project ${region} in account ${domainName}`);
		return project.id;
	}

	/** Makes every issued token expired now (LakeFormation then answers 401 APIG.0307). */
	expireAllTokens(): void {
		const past = Date.now() - 1;
		for (const token of this.tokens.values()) token.expiresAt = Math.min(token.expiresAt, past);
	}

	/** The next `count` creates end in RESOURCE_PREPARATION_FAIL. */
	failNextCreate(count = 1): void {
		this.failNextCreates += count;
	}

	/** Issues a project-scoped token directly (no HTTP request, not in the request log). */
	issueToken(region: string, user: HuaweiUser = this.users[0]): string {
		const account = this.accountOf(user.domainName);
		const project = account.projects.find((candidate) => candidate.name === region);
		if (!project) throw new Error(`no project ${region} in account ${user.domainName}`);
		return this.issue(user, account, 'project', project).token;
	}

	/** An instance with its status brought up to date. */
	instance(instanceId: string): LakeFormationInstance | undefined {
		const instance = this.instances.get(instanceId);
		if (instance) settle(instance, Date.now());
		return instance;
	}

	route(request: ReceivedRequest): Route {
		const path = request.path.length > 1 ? request.path.replace(/\/$/, '') : request.path;
		const method = request.method;
		const run = (operation: string, action: () => Reply): Route => ({
			operation,
			handle: () => {
				try {
					return action();
				} catch (error) {
					if (error instanceof HuaweiError) return json(error.status, error.body, JSON_TYPE);
					throw error;
				}
			},
		});

		if (path === '/v3/auth/tokens' && method === 'POST') {
			return run('KeystoneCreateUserTokenByPassword', () => this.createToken(request));
		}
		if (path === '/v3/auth/tokens' && method === 'GET') {
			return run('KeystoneValidateToken', () => this.validateToken(request));
		}
		if (path === '/v3/projects' && method === 'GET') {
			return run('KeystoneListProjects', () => this.listProjects(request));
		}
		const collection = /^\/v1\/([^/]+)\/instances$/.exec(path);
		if (collection) {
			const projectId = decodeURIComponent(collection[1]);
			if (method === 'POST') {
				return run('CreateLakeFormationInstance', () => this.createInstance(request, this.authorize(request, projectId)));
			}
			if (method === 'GET') {
				return run('ListLakeFormationInstances', () => this.listInstances(request, this.authorize(request, projectId)));
			}
		}
		const item = /^\/v1\/([^/]+)\/instances\/([^/]+)(?:\/(recover|default))?$/.exec(path);
		if (item) {
			const projectId = decodeURIComponent(item[1]);
			const instanceId = decodeURIComponent(item[2]);
			const withInstance = (operation: string, action: (instance: LakeFormationInstance) => Reply) =>
				run(operation, () => {
					const caller = this.authorize(request, projectId);
					const instance = this.instances.get(instanceId);
					if (!instance || instance.projectId !== caller.projectId) throw notFound(instanceId);
					settle(instance, Date.now());
					return action(instance);
				});
			const action = item[3];
			if (action === 'recover' && method === 'POST') {
				return withInstance('MoveLakeFormationInstanceOutRecycleBin', (instance) => this.recover(instance));
			}
			if (action === 'default' && method === 'POST') {
				return withInstance('UpdateLakeFormationInstanceDefault', (instance) => this.setDefault(instance));
			}
			if (action === undefined && method === 'GET') {
				return withInstance('ShowLakeFormationInstance', (instance) => json(200, view(instance), JSON_TYPE));
			}
			if (action === undefined && method === 'PUT') {
				return withInstance('UpdateLakeFormationInstance', (instance) => this.updateInstance(request, instance));
			}
			if (action === undefined && method === 'DELETE') {
				return withInstance('DeleteLakeFormationInstance', (instance) => this.deleteInstance(request, instance));
			}
		}
		return run('Unknown', () => {
			throw apig(404, 'APIG.0101', 'The API does not exist or has not been published in the environment');
		});
	}

	commonHeaders(): Record<string, string> {
		return { 'X-request-id': randomHex(16) };
	}

	renderFault(fault: Fault): Reply {
		const [status, code, message] = HUAWEI_FAULTS[fault.kind as ErrorFaultKind] ?? HUAWEI_FAULTS['internal-error'];
		return json(fault.status ?? status, { error_code: fault.code ?? code, error_msg: fault.message ?? message }, JSON_TYPE);
	}

	state() {
		const now = Date.now();
		return {
			instances: [...this.instances.values()].map(
				(instance): LakeFormationInstanceView & { project_id: string } => ({ project_id: instance.projectId, ...view(instance) }),
			),
			tokens: [...this.tokens.values()].map((token) => ({
				token: `${token.token.slice(0, 12)}...`,
				user: token.user.name,
				project: token.project?.name,
				expires_at: new Date(token.expiresAt).toISOString(),
				expired: token.expiresAt <= now,
			})),
			settings: {
				tokenLifetimeMs: this.tokenLifetimeMs,
				readinessDelayMs: this.readinessDelayMs,
				failNamePattern: this.failNamePattern?.source,
				failNextCreates: this.failNextCreates,
			},
			accounts: [...this.accounts.values()].map((account) => ({
				id: account.id,
				name: account.name,
				projects: Object.fromEntries(account.projects.map((project) => [project.name, project.id])),
			})),
		};
	}

	reset(): void {
		this.instances.clear();
		this.tokens.clear();
		this.tokenLifetimeMs = this.options.tokenLifetimeMs ?? DAY_MS;
		this.readinessDelayMs = this.options.readinessDelayMs ?? 3000;
		this.failNamePattern = this.options.failNamePattern;
		this.failNextCreates = 0;
	}

	// ------------------------------------------------------------ IAM

	private createToken(request: ReceivedRequest): Reply {
		const body = parseJson(request.body, () => iam(400, 'Bad Request', 'The request body is not valid JSON.'));
		const identity = dig(body, 'auth', 'identity');
		const methods = dig(identity, 'methods');
		if (!Array.isArray(methods) || !methods.includes('password')) {
			throw iam(400, 'Bad Request', 'auth.identity.methods must be ["password"] (the emulator supports password tokens).');
		}
		const userBody = dig(identity, 'password', 'user');
		const name = dig(userBody, 'name');
		const password = dig(userBody, 'password');
		const domainName = dig(userBody, 'domain', 'name');
		const domainId = dig(userBody, 'domain', 'id');
		if (typeof name !== 'string' || typeof password !== 'string' || (typeof domainName !== 'string' && typeof domainId !== 'string')) {
			throw iam(400, 'Bad Request', 'auth.identity.password.user needs name, password and domain.name (or domain.id).');
		}
		const user = this.users.find(
			(candidate) =>
				candidate.userName === name &&
				candidate.password === password &&
				(candidate.domainName === domainName || this.accountOf(candidate.domainName).id === domainId),
		);
		if (!user) throw iam(401, 'Unauthorized', 'The username or password is wrong.');
		const account = this.accountOf(user.domainName);

		const scope = dig(body, 'auth', 'scope');
		const projectScope = dig(scope, 'project');
		let issued: IssuedToken;
		if (projectScope !== undefined) {
			const projectName = dig(projectScope, 'name');
			const projectId = dig(projectScope, 'id');
			const project = account.projects.find(
				(candidate) => candidate.name === projectName || candidate.id === projectId,
			);
			if (!project) {
				throw iam(
					400,
					'Bad Request',
					`No project ${String(projectName ?? projectId)} in account ${account.name} (a project is named after its region, e.g. cn-north-4).`,
				);
			}
			issued = this.issue(user, account, 'project', project);
		} else if (dig(scope, 'domain') !== undefined) {
			issued = this.issue(user, account, 'domain');
		} else {
			issued = this.issue(user, account, 'unscoped');
		}
		const withCatalog = firstValue(request.query.nocatalog) !== 'true';
		return json(201, this.tokenBody(issued, withCatalog ? request.host : undefined), {
			...JSON_TYPE,
			'X-Subject-Token': issued.token,
		});
	}

	private validateToken(request: ReceivedRequest): Reply {
		this.iamCaller(request);
		const subject = this.tokens.get(header(request, 'x-subject-token') ?? '');
		if (!subject || subject.expiresAt <= Date.now()) {
			throw iam(404, 'Not Found', 'The token has expired or does not exist.');
		}
		return json(200, this.tokenBody(subject), { ...JSON_TYPE, 'X-Subject-Token': subject.token });
	}

	private listProjects(request: ReceivedRequest): Reply {
		const caller = this.iamCaller(request);
		const name = firstValue(request.query.name);
		const projects = caller.domain.projects
			.filter((project) => name === undefined || project.name === name)
			.map((project) => ({
				domain_id: project.domainId,
				is_domain: false,
				parent_id: project.domainId,
				name: project.name,
				description: '',
				links: { next: null, previous: null, self: `http://${request.host}/v3/projects/${project.id}` },
				id: project.id,
				enabled: true,
			}));
		return json(
			200,
			{ projects, links: { next: null, previous: null, self: `http://${request.host}/v3/projects` } },
			JSON_TYPE,
		);
	}

	/** IAM API callers: a valid token (IAM's 401 body) or an AK/SK signature (APIG's 401 body). */
	private iamCaller(request: ReceivedRequest): Caller {
		if (header(request, 'authorization')) return this.verifyAkSk(request);
		const token = this.tokens.get(header(request, 'x-auth-token') ?? '');
		if (!token || token.expiresAt <= Date.now()) {
			throw iam(401, 'Unauthorized', 'The request you have made requires authentication.');
		}
		return { domain: this.accountOf(token.domain.name), projectId: token.project?.id, via: 'token' };
	}

	private issue(user: HuaweiUser, account: Account, scope: IssuedToken['scope'], project?: Project): IssuedToken {
		const now = Date.now();
		const token: IssuedToken = {
			token: `MIIemulator${randomBytes(48).toString('base64url')}`,
			domain: { id: account.id, name: account.name },
			user: { id: stableHex(`user/${account.name}/${user.userName}`), name: user.userName },
			project: project && { id: project.id, name: project.name },
			scope,
			issuedAt: now,
			expiresAt: now + this.tokenLifetimeMs,
		};
		this.tokens.set(token.token, token);
		return token;
	}

	private tokenBody(token: IssuedToken, catalogHost?: string) {
		const domain = token.domain;
		return {
			token: {
				expires_at: iamTime(token.expiresAt),
				issued_at: iamTime(token.issuedAt),
				methods: ['password'],
				...(token.project ? { project: { ...token.project, domain } } : {}),
				...(token.scope === 'domain' ? { domain } : {}),
				roles: [{ id: stableHex(`role/te_admin`), name: 'te_admin' }],
				user: { ...token.user, domain, password_expires_at: '' },
				...(catalogHost === undefined
					? {}
					: {
							catalog: [
								catalogEntry('iam', 'identity', `http://${catalogHost}/v3`, token.project?.name),
								catalogEntry('lakeformation', 'lakeformation', `http://${catalogHost}`, token.project?.name),
							],
						}),
			},
		};
	}

	// ------------------------------------------------------------ authentication of LakeFormation calls

	private authorize(request: ReceivedRequest, projectId: string): Caller {
		if (header(request, 'authorization')) {
			const caller = this.verifyAkSk(request);
			const headerProject = header(request, 'x-project-id');
			if (!headerProject) {
				throw apig(401, 'APIG.0301', 'Incorrect IAM authentication information: X-Project-Id is required with AK/SK.');
			}
			if (headerProject !== projectId || caller.projectId !== projectId) throw projectMismatch();
			return caller;
		}
		const tokenText = header(request, 'x-auth-token');
		if (!tokenText) throw tokenMissing();
		const token = this.tokens.get(tokenText);
		if (!token) throw apig(401, 'APIG.1002', 'Incorrect token or token resolution failed');
		if (token.expiresAt <= Date.now()) throw apig(401, 'APIG.0307', 'The token must be updated.');
		if (token.project?.id !== projectId) throw projectMismatch();
		return { domain: this.accountOf(token.domain.name), projectId, via: 'token' };
	}

	/** AK/SK: key, date window, signature (official signer), security token, X-Project-Id scope. */
	private verifyAkSk(request: ReceivedRequest): Caller {
		const fail = (reason: string) => apig(401, 'APIG.0301', `Incorrect IAM authentication information: ${reason}`);
		const authorization = parseHuaweiAuthorization(header(request, 'authorization') ?? '');
		if (!authorization) throw fail('the Authorization header is not SDK-HMAC-SHA256 Access=..., SignedHeaders=..., Signature=...');
		const date = header(request, 'x-sdk-date') ?? '';
		const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(date);
		if (!match) throw fail('X-Sdk-Date is missing or not in the YYYYMMDDTHHMMSSZ format');
		const signedAt = Date.UTC(+match[1], +match[2] - 1, +match[3], +match[4], +match[5], +match[6]);
		if (Math.abs(Date.now() - signedAt) > WINDOW_MS) {
			throw fail('X-Sdk-Date is more than 15 minutes away from the server time');
		}
		const key = this.accessKeys.find((candidate) => candidate.accessKey === authorization.accessKey);
		if (!key) throw fail(`access key ${authorization.accessKey} does not exist`);

		const signedHeaders: Record<string, string> = {};
		for (const name of authorization.signedHeaders) signedHeaders[name.toLowerCase()] = header(request, name) ?? '';
		const expected = huaweiAuthorization({
			method: request.method,
			host: request.host,
			path: request.path,
			query: request.query,
			signedHeaders,
			rawBody: request.rawBody,
			accessKey: key.accessKey,
			secretKey: key.secretKey,
		});
		if (parseHuaweiAuthorization(expected)?.signature !== authorization.signature) {
			throw fail('verify aksk signature fail');
		}
		const securityToken = header(request, 'x-security-token');
		if (key.securityToken !== undefined && securityToken !== key.securityToken) {
			throw fail('X-Security-Token is missing or does not belong to this temporary access key');
		}
		if (key.securityToken === undefined && securityToken) {
			throw fail('X-Security-Token was sent with a permanent access key');
		}

		const domain = this.accountOf(key.domainName ?? this.users[0].domainName);
		const projectId = header(request, 'x-project-id');
		const allowed =
			projectId !== undefined &&
			(key.projectId === undefined ? domain.projects.some((project) => project.id === projectId) : key.projectId === projectId);
		return { domain, projectId: allowed ? projectId : undefined, via: 'aksk' };
	}

	// ------------------------------------------------------------ LakeFormation instances

	private createInstance(request: ReceivedRequest, caller: Caller): Reply {
		const body = parseBodyObject(request);
		const input = validateCreate(body);
		const now = Date.now();
		const projectId = caller.projectId as string;
		const hasDefault = [...this.instances.values()].some(
			(instance) => instance.projectId === projectId && instance.defaultInstance,
		);
		const failsPreparation = this.failNextCreates > 0 || (this.failNamePattern?.test(input.name) ?? false);
		if (this.failNextCreates > 0) this.failNextCreates--;
		const instance: LakeFormationInstance = {
			...input,
			instanceId: randomUUID(),
			projectId,
			defaultInstance: !hasDefault,
			status: 'RESOURCE_PREPARATION',
			inRecycleBin: false,
			createdAt: now,
			updatedAt: now,
			readyAt: now + this.readinessDelayMs,
			failsPreparation,
			seq: this.seq++,
		};
		this.instances.set(instance.instanceId, instance);
		return json(202, view(instance), JSON_TYPE);
	}

	private listInstances(request: ReceivedRequest, caller: Caller): Reply {
		const query = request.query;
		const inRecycleBin = booleanQuery(query, 'in_recycle_bin') ?? false;
		const offset = integerQuery(query, 'offset', 0, 0, 1000);
		const limit = integerQuery(query, 'limit', 10, 1, 1000);
		const name = firstValue(query.name);
		if (name !== undefined && !NAME_PATTERN.test(name)) {
			throw constraint('name', 'enter 4 to 32 letters, digits, hyphens (-) or underscores (_).');
		}
		const enterpriseProjectId = firstValue(query.enterprise_project_id) ?? 'all_granted_eps';
		if (!/^[A-Za-z0-9_-]{1,36}$/.test(enterpriseProjectId)) {
			throw constraint('enterprise_project_id', 'enter 1 to 36 letters, digits, hyphens (-) or underscores (_).');
		}
		const status = firstValue(query.status);
		if (status !== undefined && !(LAKEFORMATION_STATUSES as readonly string[]).includes(status)) {
			throw constraint('status', `valid values are ${LAKEFORMATION_STATUSES.join(', ')}.`);
		}
		const tags = parseTagFilter(firstValue(query.tags));

		const now = Date.now();
		const matching = [...this.instances.values()]
			.filter((instance) => instance.projectId === caller.projectId)
			.map((instance) => settle(instance, now))
			.filter((instance) => instance.inRecycleBin === inRecycleBin)
			.filter((instance) => name === undefined || instance.name.includes(name))
			.filter(
				(instance) =>
					enterpriseProjectId === 'all_granted_eps' || instance.enterpriseProjectId === enterpriseProjectId,
			)
			.filter((instance) => status === undefined || instance.status === status)
			.filter((instance) =>
				tags.every((wanted) =>
					instance.tags.some(
						(tag) => tag.key === wanted.key && (wanted.value === undefined || (tag.value ?? '') === wanted.value),
					),
				),
			)
			.sort((a, b) => b.createdAt - a.createdAt || b.seq - a.seq);
		return json(
			200,
			{ instances: matching.slice(offset, offset + limit).map((instance) => view(instance)), total: matching.length },
			JSON_TYPE,
		);
	}

	private updateInstance(request: ReceivedRequest, instance: LakeFormationInstance): Reply {
		const body = parseBodyObject(request);
		if (body.name === undefined) throw constraint('name', 'it is mandatory.');
		if (typeof body.name !== 'string') throw typeMismatch('name', 'a string');
		if (!NAME_PATTERN.test(body.name)) {
			throw constraint('name', 'enter 4 to 32 letters, digits, hyphens (-) or underscores (_).');
		}
		if (body.description !== undefined && typeof body.description !== 'string') {
			throw typeMismatch('description', 'a string');
		}
		if (typeof body.description === 'string' && body.description.length > 255) {
			throw constraint('description', 'at most 255 characters.');
		}
		if (instance.inRecycleBin) throw constraint('instance_id', 'the instance is in the recycle bin; recover it first.');
		instance.name = body.name;
		if (typeof body.description === 'string') instance.description = body.description;
		instance.updatedAt = Date.now();
		const full = view(instance) as unknown as Record<string, unknown>;
		const keys = [
			'instance_id',
			'name',
			'description',
			'enterprise_project_id',
			'shared',
			'default_instance',
			'create_time',
			'update_time',
			'status',
			'in_recycle_bin',
			'tags',
		];
		return json(200, Object.fromEntries(keys.map((key) => [key, full[key]])), JSON_TYPE);
	}

	private deleteInstance(request: ReceivedRequest, instance: LakeFormationInstance): Reply {
		const toRecycleBin = booleanQuery(request.query, 'to_recycle_bin') ?? false;
		if (toRecycleBin) {
			if (instance.inRecycleBin) throw constraint('instance_id', 'the instance is already in the recycle bin.');
			instance.statusBeforeRecycle = instance.status;
			instance.status = 'FROZEN_RELEASABLE';
			instance.inRecycleBin = true;
			instance.updatedAt = Date.now();
		} else {
			this.instances.delete(instance.instanceId);
		}
		return { status: 202 };
	}

	private recover(instance: LakeFormationInstance): Reply {
		if (!instance.inRecycleBin) throw constraint('instance_id', 'the instance is not in the recycle bin.');
		instance.inRecycleBin = false;
		instance.status = instance.statusBeforeRecycle ?? 'RUNNING';
		instance.statusBeforeRecycle = undefined;
		instance.updatedAt = Date.now();
		settle(instance, Date.now());
		return { status: 200 };
	}

	private setDefault(instance: LakeFormationInstance): Reply {
		if (instance.inRecycleBin) throw constraint('instance_id', 'the instance is in the recycle bin.');
		if (instance.status !== 'RUNNING') {
			throw constraint('instance_id', `only a RUNNING instance can be the default (this one is ${instance.status}).`);
		}
		const now = Date.now();
		for (const other of this.instances.values()) {
			if (other.projectId === instance.projectId && other.defaultInstance && other !== instance) {
				other.defaultInstance = false;
				other.updatedAt = now;
			}
		}
		instance.defaultInstance = true;
		instance.updatedAt = now;
		return { status: 200 };
	}

	// ------------------------------------------------------------ helpers

	private accountOf(domainName: string): Account {
		let account = this.accounts.get(domainName);
		if (!account) {
			account = { id: stableHex(`domain/${domainName}`), name: domainName, projects: [] };
			this.accounts.set(domainName, account);
		}
		return account;
	}
}

// ---------------------------------------------------------------- instance view and state machine

const JSON_TYPE = { 'content-type': 'application/json;charset=UTF-8' };

/** Moves an instance out of RESOURCE_PREPARATION once its time has come. */
function settle(instance: LakeFormationInstance, now: number): LakeFormationInstance {
	if (instance.status === 'RESOURCE_PREPARATION' && now >= instance.readyAt) {
		instance.status = instance.failsPreparation ? 'RESOURCE_PREPARATION_FAIL' : 'RUNNING';
		instance.updatedAt = Math.max(instance.updatedAt, instance.readyAt);
	}
	return instance;
}

/** An instance as the API shows it: the response fields of the doc's Table 8. */
export interface LakeFormationInstanceView {
	instance_id: string;
	name: string;
	description: string;
	enterprise_project_id: string;
	shared: boolean;
	default_instance: boolean;
	create_time: string;
	update_time: string;
	status: LakeFormationStatus;
	/** Only while RESOURCE_PREPARATION. */
	resource_progress?: number;
	/** Only while RESOURCE_PREPARATION (minutes). */
	resource_expected_duration?: number;
	in_recycle_bin: boolean;
	tags: LakeFormationTag[];
	specs: LakeFormationSpec[];
	charge_mode: 'postPaid' | 'prePaid';
}

/** The response fields of the doc's Table 8, in its order. */
function view(instance: LakeFormationInstance): LakeFormationInstanceView {
	const now = Date.now();
	settle(instance, now);
	const preparing = instance.status === 'RESOURCE_PREPARATION';
	const total = Math.max(1, instance.readyAt - instance.createdAt);
	return {
		instance_id: instance.instanceId,
		name: instance.name,
		description: instance.description,
		enterprise_project_id: instance.enterpriseProjectId,
		shared: instance.shared,
		default_instance: instance.defaultInstance,
		create_time: lfTime(instance.createdAt),
		update_time: lfTime(instance.updatedAt),
		status: instance.status,
		...(preparing
			? {
					resource_progress: Math.min(99, Math.floor(((now - instance.createdAt) / total) * 100)),
					resource_expected_duration: Math.max(1, Math.ceil(total / 60000)),
				}
			: {}),
		in_recycle_bin: instance.inRecycleBin,
		tags: instance.tags.map((tag) => ({ ...tag })),
		specs: instance.specs.map((spec) => ({ ...spec })),
		charge_mode: instance.chargeMode,
	};
}

/** `2023-08-03T11:50:02.000+00:00`, as LakeFormation writes times. */
function lfTime(ms: number): string {
	return new Date(ms).toISOString().replace('Z', '+00:00');
}

/** `2020-01-04T09:05:22.701000Z`, as IAM writes times. */
function iamTime(ms: number): string {
	return new Date(ms).toISOString().replace('Z', '000Z');
}

function catalogEntry(name: string, type: string, url: string, region = '*') {
	return {
		endpoints: [{ id: stableHex(`endpoint/${name}/${region}`), interface: 'public', region, region_id: region, url }],
		id: stableHex(`service/${name}`),
		name,
		type,
	};
}

// ---------------------------------------------------------------- create validation (doc Tables 3-6)

type CreateInput = Pick<
	LakeFormationInstance,
	'name' | 'description' | 'enterpriseProjectId' | 'shared' | 'tags' | 'specs' | 'chargeMode' | 'chargeInfo' | 'orderId'
>;

/** Specs shown for an instance created without any (as in the seed's example response). */
const DEFAULT_SPECS: LakeFormationSpec[] = [
	{ spec_code: 'lakeformation.unit.basic.metadata', stride_num: 0 },
	{ spec_code: 'lakeformation.unit.basic.apiinvoke', stride_num: 0 },
];

function validateCreate(body: Record<string, unknown>): CreateInput {
	const string = (field: string, value: unknown): string | undefined => {
		if (value === undefined || value === null) return undefined;
		if (typeof value !== 'string') throw typeMismatch(field, 'a string');
		return value;
	};
	const integer = (field: string, value: unknown): number | undefined => {
		if (value === undefined || value === null) return undefined;
		if (typeof value !== 'number' || !Number.isFinite(value)) throw typeMismatch(field, 'an integer');
		return Math.trunc(value); // a float is truncated, as the doc says for period_num
	};
	const boolean = (field: string, value: unknown): boolean | undefined => {
		if (value === undefined || value === null) return undefined;
		if (typeof value !== 'boolean') throw typeMismatch(field, 'a boolean (true or false, not a string)');
		return value;
	};
	const array = (field: string, value: unknown): unknown[] | undefined => {
		if (value === undefined || value === null) return undefined;
		if (!Array.isArray(value)) throw typeMismatch(field, 'an array');
		return value;
	};
	const object = (field: string, value: unknown): Record<string, unknown> | undefined => {
		if (value === undefined || value === null) return undefined;
		if (typeof value !== 'object' || Array.isArray(value)) throw typeMismatch(field, 'an object');
		return value as Record<string, unknown>;
	};

	// types first (a request that cannot be read fails before any constraint is checked)
	const name = string('name', body.name);
	const chargeMode = string('charge_mode', body.charge_mode);
	const enterpriseProjectId = string('enterprise_project_id', body.enterprise_project_id);
	const description = string('description', body.description);
	const shared = boolean('shared', body.shared);
	const orderId = string('order_id', body.order_id);
	const specs = (array('specs', body.specs) ?? []).map((item, index) => {
		const spec = object(`specs[${index}]`, item) as Record<string, unknown>;
		return {
			product_id: string(`specs[${index}].product_id`, spec.product_id),
			spec_code: string(`specs[${index}].spec_code`, spec.spec_code),
			stride_num: integer(`specs[${index}].stride_num`, spec.stride_num),
		};
	});
	const tags = (array('tags', body.tags) ?? []).map((item, index) => {
		const tag = object(`tags[${index}]`, item) as Record<string, unknown>;
		return { key: string(`tags[${index}].key`, tag.key), value: string(`tags[${index}].value`, tag.value) };
	});
	const chargeInfoBody = object('charge_info', body.charge_info);
	const chargeInfo = chargeInfoBody && {
		period_type: string('charge_info.period_type', chargeInfoBody.period_type),
		period_num: integer('charge_info.period_num', chargeInfoBody.period_num),
		is_auto_renew: boolean('charge_info.is_auto_renew', chargeInfoBody.is_auto_renew),
		is_auto_pay: boolean('charge_info.is_auto_pay', chargeInfoBody.is_auto_pay),
	};

	// then the documented constraints
	if (name === undefined) throw constraint('name', 'it is mandatory.');
	if (!NAME_PATTERN.test(name)) throw constraint('name', 'enter 4 to 32 letters, digits, hyphens (-) or underscores (_).');
	if (chargeMode === undefined) throw constraint('charge_mode', 'it is mandatory.');
	if (chargeMode !== 'postPaid' && chargeMode !== 'prePaid') {
		throw constraint('charge_mode', 'valid values are postPaid and prePaid.');
	}
	if (shared === undefined) throw constraint('shared', 'it is mandatory.');
	if (description !== undefined && description.length > 255) throw constraint('description', 'at most 255 characters.');
	if (enterpriseProjectId !== undefined && !/^[A-Za-z0-9-]{1,64}$/.test(enterpriseProjectId)) {
		throw constraint('enterprise_project_id', 'enter 1 to 64 letters, digits or hyphens (-).');
	}
	if (tags.length > 20) throw constraint('tags', 'up to 20 tags can be added.');
	tags.forEach((tag, index) => {
		if (!tag.key) throw constraint(`tags[${index}].key`, 'it is mandatory.');
	});
	specs.forEach((spec, index) => {
		if (!spec.spec_code) throw constraint(`specs[${index}].spec_code`, 'it is mandatory.');
		if (spec.stride_num === undefined) throw constraint(`specs[${index}].stride_num`, 'it is mandatory.');
		if (spec.stride_num < 5) throw constraint(`specs[${index}].stride_num`, 'the minimum value is 5.');
	});
	if (chargeMode === 'prePaid') {
		if (!chargeInfo) throw constraint('charge_info', 'it cannot be left blank when charge_mode is prePaid.');
		if (chargeInfo.period_type !== 'MONTH' && chargeInfo.period_type !== 'YEAR') {
			throw constraint('charge_info.period_type', 'valid values are MONTH and YEAR (mandatory for prePaid).');
		}
		const max = chargeInfo.period_type === 'MONTH' ? 9 : 3;
		if (chargeInfo.period_num === undefined || chargeInfo.period_num < 1 || chargeInfo.period_num > max) {
			throw constraint('charge_info.period_num', `ranges from 1 to ${max} for ${chargeInfo.period_type}.`);
		}
	}

	return {
		name,
		description: description ?? '',
		enterpriseProjectId: enterpriseProjectId ?? '0',
		shared,
		chargeMode,
		tags: tags.map((tag) => (tag.value === undefined ? { key: tag.key as string } : { key: tag.key as string, value: tag.value })),
		specs:
			specs.length === 0
				? DEFAULT_SPECS.map((spec) => ({ ...spec }))
				: specs.map((spec) => ({
						...(spec.product_id === undefined ? {} : { product_id: spec.product_id }),
						spec_code: spec.spec_code as string,
						stride_num: spec.stride_num as number,
					})),
		chargeInfo: chargeInfo && { ...chargeInfo, is_auto_renew: chargeInfo.is_auto_renew ?? false, is_auto_pay: chargeInfo.is_auto_pay ?? false },
		orderId,
	};
}

// ---------------------------------------------------------------- request parsing

function parseJson(text: string, onError: () => HuaweiError): unknown {
	try {
		return JSON.parse(text);
	} catch {
		throw onError();
	}
}

/** A JSON object body, or 400 `common.01000001` as Spring answers an unreadable body. */
function parseBodyObject(request: ReceivedRequest): Record<string, unknown> {
	const unreadable = () =>
		lf(
			400,
			'common.01000001',
			'failed to read http request, please check your input, code: 400, reason: JSON parse error., cause: HttpMessageNotReadableException',
			'Send a JSON object body with Content-Type: application/json.',
		);
	const body = parseJson(request.body, unreadable);
	if (typeof body !== 'object' || body === null || Array.isArray(body)) throw unreadable();
	return body as Record<string, unknown>;
}

function dig(value: unknown, ...path: string[]): unknown {
	let current = value;
	for (const key of path) {
		if (typeof current !== 'object' || current === null) return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return current;
}

function booleanQuery(query: QueryValues, name: string): boolean | undefined {
	const value = firstValue(query[name]);
	if (value === undefined) return undefined;
	if (value !== 'true' && value !== 'false') throw typeMismatch(name, 'true or false');
	return value === 'true';
}

function integerQuery(query: QueryValues, name: string, fallback: number, min: number, max: number): number {
	const value = firstValue(query[name]);
	if (value === undefined) return fallback;
	if (!/^-?\d+$/.test(value)) throw typeMismatch(name, 'an integer');
	const number = Number(value);
	if (number < min || number > max) throw constraint(name, `the value ranges from ${min} to ${max}.`);
	return number;
}

/**
 * The `tags` list filter ("tag condition list", a string in every SDK; its format is not
 * documented). Accepted: a JSON array `[{"key":"k","value":"v"}]` or `k=v,k2` (a key without a
 * value matches any value). Every condition must match (AND).
 */
function parseTagFilter(text: string | undefined): LakeFormationTag[] {
	if (text === undefined || text === '') return [];
	if (text.trim().startsWith('[')) {
		const parsed = parseJson(text, () => typeMismatch('tags', 'a JSON array of {key, value}'));
		if (!Array.isArray(parsed)) throw typeMismatch('tags', 'a JSON array of {key, value}');
		return parsed.map((item) => {
			const key = dig(item, 'key');
			const value = dig(item, 'value');
			if (typeof key !== 'string' || (value !== undefined && typeof value !== 'string')) {
				throw typeMismatch('tags', 'a JSON array of {key, value}');
			}
			return value === undefined || value === '' ? { key } : { key, value };
		});
	}
	return text
		.split(',')
		.filter((part) => part.trim() !== '')
		.map((part) => {
			const eq = part.indexOf('=');
			if (eq < 0) return { key: part.trim() };
			const value = part.slice(eq + 1).trim();
			return value === '' ? { key: part.slice(0, eq).trim() } : { key: part.slice(0, eq).trim(), value };
		});
}
