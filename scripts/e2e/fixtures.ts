/**
 * The credentials (one per authentication mode, all pointing at the emulator through the
 * credentials' endpoint override fields) and the example workflows of `examples/`.
 *
 * The example files reference the demo credentials by these IDs and names, and post their
 * notifications to the emulator at its default port (8788): importing them next to these
 * credentials needs no edit; other emulator ports are substituted here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { EMULATOR_ACCOUNTS, type EmulatorClient, DEMO_EMULATOR_PORTS } from './emulator';

export interface CredentialFixture {
	id: string;
	name: string;
	type: 'alibabaCloudAccessKeyApi' | 'huaweiCloudIamApi';
	data: Record<string, string>;
	/** What the credential test must reject: the same credential with this data changed. */
	wrong: Record<string, string>;
}

export const CREDENTIAL_IDS = {
	alibabaV3: 'cdlAlibabaV3Key1',
	alibabaStsRpc: 'cdlAlibabaStsRpc',
	huaweiPassword: 'cdlHuaweiPasswd1',
	huaweiToken: 'cdlHuaweiToken01',
	huaweiAkSk: 'cdlHuaweiAkSk001',
} as const;

export type CredentialKey = keyof typeof CREDENTIAL_IDS;

export function emulatorCredentials(emulator: EmulatorClient, huaweiToken: string): Record<CredentialKey, CredentialFixture> {
	const { alibaba, alibabaSts, huaweiUser, huaweiAccessKey, huaweiRegion } = EMULATOR_ACCOUNTS;
	const huaweiEndpoints = { region: huaweiRegion, projectId: '', iamEndpoint: emulator.huaweiUrl, lakeFormationEndpoint: emulator.huaweiUrl };
	return {
		alibabaV3: {
			id: CREDENTIAL_IDS.alibabaV3,
			name: 'Alibaba Cloud (emulator, V3 signature)',
			type: 'alibabaCloudAccessKeyApi',
			data: { ...alibaba, securityToken: '', signatureVersion: 'v3', endpoint: emulator.alibabaUrl },
			wrong: { accessKeySecret: 'not-the-secret' },
		},
		alibabaStsRpc: {
			id: CREDENTIAL_IDS.alibabaStsRpc,
			name: 'Alibaba Cloud (emulator, STS token + RPC HMAC-SHA1)',
			type: 'alibabaCloudAccessKeyApi',
			data: { ...alibabaSts, signatureVersion: 'rpc', endpoint: emulator.alibabaUrl },
			wrong: { securityToken: 'not-the-sts-token' },
		},
		huaweiPassword: {
			id: CREDENTIAL_IDS.huaweiPassword,
			name: 'Huawei Cloud (emulator, IAM password)',
			type: 'huaweiCloudIamApi',
			data: { authType: 'password', ...huaweiUser, ...huaweiEndpoints },
			wrong: { password: 'not-the-password' },
		},
		huaweiToken: {
			id: CREDENTIAL_IDS.huaweiToken,
			name: 'Huawei Cloud (emulator, IAM token)',
			type: 'huaweiCloudIamApi',
			data: { authType: 'token', token: huaweiToken, ...huaweiEndpoints },
			wrong: { token: 'MIInot-a-valid-token' },
		},
		huaweiAkSk: {
			id: CREDENTIAL_IDS.huaweiAkSk,
			name: 'Huawei Cloud (emulator, AK/SK)',
			type: 'huaweiCloudIamApi',
			data: { authType: 'accessKey', ...huaweiAccessKey, securityToken: '', ...huaweiEndpoints },
			wrong: { secretKey: 'not-the-secret-key' },
		},
	};
}

/** The form `n8n import:credentials` reads (plain `data` is encrypted on import). */
export function credentialsForImport(credentials: Record<CredentialKey, CredentialFixture>): object[] {
	return Object.values(credentials).map(({ id, name, type, data }) => ({ id, name, type, data }));
}

export interface WorkflowJson {
	id: string;
	name: string;
	nodes: Array<{
		name: string;
		type: string;
		parameters: Record<string, unknown>;
		credentials?: Record<string, { id: string; name: string }>;
	}>;
	[key: string]: unknown;
}

/** The files of `examples/` (by file name), with the emulator URLs of this run substituted. */
export function loadExamples(root: string, emulator: EmulatorClient): Record<string, WorkflowJson> {
	const dir = join(root, 'examples');
	const examples: Record<string, WorkflowJson> = {};
	for (const file of readdirSync(dir).filter((name) => name.endsWith('.json')).sort()) {
		let text = readFileSync(join(dir, file), 'utf8');
		text = text
			.split(`http://127.0.0.1:${DEMO_EMULATOR_PORTS.huawei}`)
			.join(emulator.huaweiUrl)
			.split(`http://127.0.0.1:${DEMO_EMULATOR_PORTS.alibaba}`)
			.join(emulator.alibabaUrl);
		examples[file] = JSON.parse(text) as WorkflowJson;
	}
	return examples;
}

/**
 * A copy of an example under another ID and name, with another credential and/or changed node
 * parameters (`{ 'Node Name': { param: value } }`; for Set nodes, `assignments` by field name).
 */
export function variant(
	workflow: WorkflowJson,
	changes: {
		id: string;
		name: string;
		credential?: CredentialFixture;
		parameters?: Record<string, Record<string, unknown>>;
		setFields?: Record<string, Record<string, string>>;
	},
): WorkflowJson {
	const copy = JSON.parse(JSON.stringify(workflow)) as WorkflowJson;
	copy.id = changes.id;
	copy.name = changes.name;
	for (const node of copy.nodes) {
		if (changes.credential && node.credentials?.[changes.credential.type]) {
			node.credentials[changes.credential.type] = { id: changes.credential.id, name: changes.credential.name };
		}
		const parameters = changes.parameters?.[node.name];
		if (parameters) Object.assign(node.parameters, parameters);
		const fields = changes.setFields?.[node.name];
		if (fields) {
			const assignments = (node.parameters.assignments as { assignments: Array<{ name: string; value: unknown }> }).assignments;
			for (const [name, value] of Object.entries(fields)) {
				const assignment = assignments.find((entry) => entry.name === name);
				if (!assignment) throw new Error(`${node.name} has no field ${name}`);
				assignment.value = value;
			}
		}
	}
	for (const [nodeName] of Object.entries({ ...changes.parameters, ...changes.setFields })) {
		if (!copy.nodes.some((node) => node.name === nodeName)) throw new Error(`${workflow.name} has no node "${nodeName}"`);
	}
	return copy;
}
