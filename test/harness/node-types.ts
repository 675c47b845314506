/**
 * The node-type registry WorkflowExecute resolves node types from (n8n's `INodeTypes`).
 *
 * Like n8n's loader, declarative (routing) nodes get n8n's common request options added once,
 * and versioned node types resolve through `NodeHelpers.getVersionedNodeType`.
 *
 * `execute` of every registered node is wrapped (on a prototype-linked copy; the node instance
 * given to the harness is not modified) only to remember the error instance a node threw: n8n
 * itself records a plain-object copy of it in the run data (`{ ...error, message, stack }`,
 * which loses the class and the `cause`), and tests want the real `NodeApiError`.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { DirectoryLoader } from 'n8n-core';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import { NodeHelpers, UserError } from 'n8n-workflow';

import { HarnessStart, START_NODE_ALIASES } from './start-node';

/** Errors thrown by nodes during one run, by node name (last one wins). */
export const thrownErrorsScope = new AsyncLocalStorage<Map<string, unknown>>();

const declarativeOptionsApplied = new WeakSet<INodeType>();

function applyLoaderDefaults(nodeType: INodeType | IVersionedNodeType): void {
	const versions: INodeType[] =
		'nodeVersions' in nodeType ? Object.values(nodeType.nodeVersions) : [nodeType];
	for (const version of versions) {
		if (declarativeOptionsApplied.has(version)) continue;
		DirectoryLoader.applyDeclarativeNodeOptionParameters(version);
		declarativeOptionsApplied.add(version);
	}
}

function contextOf(self: unknown, args: unknown[]): IExecuteFunctions | undefined {
	const candidates = [self, args[0]];
	for (const candidate of candidates) {
		if (
			typeof candidate === 'object' &&
			candidate !== null &&
			typeof (candidate as IExecuteFunctions).getNode === 'function'
		) {
			return candidate as IExecuteFunctions;
		}
	}
	return undefined;
}

function instrument(nodeType: INodeType): INodeType {
	const original = nodeType.execute;
	if (typeof original !== 'function') return nodeType;
	const wrapped = Object.create(nodeType) as INodeType;
	const execute = async function (this: unknown, ...args: unknown[]): Promise<unknown> {
		try {
			return await (original as (...a: unknown[]) => Promise<unknown>).apply(this, args);
		} catch (error) {
			const context = contextOf(this, args);
			const errors = thrownErrorsScope.getStore();
			if (context && errors) errors.set(context.getNode().name, error);
			throw error;
		}
	};
	wrapped.execute = execute as INodeType['execute'];
	return wrapped;
}

export class HarnessNodeTypes implements INodeTypes {
	private readonly types = new Map<string, INodeType | IVersionedNodeType>();

	private readonly instrumented = new Map<string, INodeType>();

	constructor(nodeTypes: Record<string, INodeType | IVersionedNodeType>) {
		const start = new HarnessStart();
		for (const alias of START_NODE_ALIASES) this.types.set(alias, start);
		for (const [name, nodeType] of Object.entries(nodeTypes)) {
			applyLoaderDefaults(nodeType);
			this.types.set(name, nodeType);
		}
	}

	has(type: string): boolean {
		return this.types.has(type);
	}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const found = this.types.get(nodeType);
		if (!found) {
			throw new UserError(
				`Unknown node type "${nodeType}". Register it in N8nHarness({ nodeTypes: { '${nodeType}': new MyNode() } }) ` +
					`(known: ${[...this.types.keys()].join(', ')})`,
			);
		}
		return found;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		const key = `${nodeType}@${version ?? 'latest'}`;
		let resolved = this.instrumented.get(key);
		if (!resolved) {
			resolved = instrument(NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version));
			this.instrumented.set(key, resolved);
		}
		return resolved;
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}
