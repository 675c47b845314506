/**
 * Builds and packs this package, and installs the tarball the way n8n 2.41 installs a community
 * package (CommunityPackagesService.downloadPackage): the tarball is unpacked into
 * `<N8N_USER_FOLDER>/.n8n/nodes/node_modules/<name>`, its devDependencies, peerDependencies and
 * optionalDependencies are removed from its package.json, `npm install --ignore-scripts` runs
 * inside it (for its own `dependencies`, which must be none), and the nodes folder's
 * package.json lists it. So only what `files` publishes is there, and a runtime import resolves
 * only if n8n itself provides it (n8n puts its node_modules on NODE_PATH).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { node24Env } from './n8n-install';
import type { ProcessGroup } from './processes';

export const PACKAGE_NAME = 'n8n-nodes-cloud-data-lake';

interface Manifest {
	name: string;
	version: string;
	files?: string[];
	dependencies?: Record<string, string>;
	devDependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
	optionalDependencies?: Record<string, string>;
	n8n?: { n8nNodesApiVersion?: number; nodes?: string[]; credentials?: string[] };
}

/** `npm run _build` (tsc + gulp: dist/), then `npm pack` into `outDir`; returns the tarball. */
export async function buildAndPack(
	group: ProcessGroup,
	root: string,
	outDir: string,
	{ build = true }: { build?: boolean } = {},
): Promise<string> {
	const env = node24Env();
	const logFile = join(outDir, 'build.log');
	mkdirSync(outDir, { recursive: true });
	if (build) {
		await group.mustRun('npm', ['run', '--silent', '_build'], { cwd: root, env, logFile, timeoutMs: 10 * 60_000 });
	} else if (!existsSync(join(root, 'dist'))) {
		throw new Error('dist/ is missing: run `npm run build` first (or do not pass --no-build)');
	}
	const packed = await group.mustRun('npm', ['pack', '--json', '--pack-destination', outDir], {
		cwd: root,
		env,
		logFile,
		stdoutFile: join(outDir, 'pack.json'),
		timeoutMs: 5 * 60_000,
	});
	const [info] = JSON.parse(packed.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
	const tarball = join(outDir, info.filename);
	if (!existsSync(tarball)) throw new Error(`npm pack reported ${info.filename}, but ${tarball} is not there`);
	return tarball;
}

/** Installs the tarball into `<userFolder>/.n8n/nodes` as n8n does; returns the package folder. */
export async function installPackage(group: ProcessGroup, tarball: string, userFolder: string): Promise<string> {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const packageDir = join(nodesDir, 'node_modules', PACKAGE_NAME);
	const logFile = join(userFolder, 'package-install.log');
	rmSync(packageDir, { recursive: true, force: true });
	mkdirSync(packageDir, { recursive: true });
	await group.mustRun('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1'], { logFile, timeoutMs: 60_000 });

	const manifestPath = join(packageDir, 'package.json');
	const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
	const { devDependencies, peerDependencies, optionalDependencies, ...kept } = manifest;
	void devDependencies;
	void peerDependencies;
	void optionalDependencies;
	writeFileSync(manifestPath, JSON.stringify(kept, null, 2));
	await group.mustRun(
		'npm',
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
			'--loglevel=error',
		],
		{ cwd: packageDir, env: node24Env(), logFile, timeoutMs: 5 * 60_000 },
	);

	const nodesManifest = join(nodesDir, 'package.json');
	const current = existsSync(nodesManifest)
		? (JSON.parse(readFileSync(nodesManifest, 'utf8')) as { dependencies?: Record<string, string> })
		: { name: 'installed-nodes', private: true, dependencies: {} };
	current.dependencies = { ...current.dependencies, [PACKAGE_NAME]: manifest.version };
	writeFileSync(nodesManifest, JSON.stringify(current, null, 2));
	return packageDir;
}

/**
 * What the published package must satisfy before n8n even loads it: no runtime dependencies,
 * and every file the `n8n` field names is in the tarball (with the icons and codex files the
 * node descriptions point at).
 */
export function checkInstalledPackage(packageDir: string): string[] {
	const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as Manifest;
	const problems: string[] = [];
	if (manifest.name !== PACKAGE_NAME) problems.push(`package name is ${manifest.name}`);
	if (Object.keys(manifest.dependencies ?? {}).length > 0) {
		problems.push(`runtime dependencies are not allowed for a verified community node: ${Object.keys(manifest.dependencies ?? {}).join(', ')}`);
	}
	const n8n = manifest.n8n;
	if (!n8n || n8n.n8nNodesApiVersion !== 1) problems.push('the "n8n" field is missing or has no n8nNodesApiVersion 1');
	const declared = [...(n8n?.nodes ?? []), ...(n8n?.credentials ?? [])];
	if ((n8n?.nodes ?? []).length === 0) problems.push('the "n8n" field lists no nodes');
	for (const file of declared) {
		if (!existsSync(join(packageDir, file))) problems.push(`${file} (named in package.json "n8n") is not in the package`);
	}
	for (const file of declared) {
		const path = join(packageDir, file);
		if (!existsSync(path)) continue;
		// icons named `file:...` relative to the compiled node or credential
		for (const match of readFileSync(path, 'utf8').matchAll(/['"]file:([^'"]+)['"]/g)) {
			if (!existsSync(join(dirname(path), match[1]))) problems.push(`${file} names the icon ${match[1]}, which is not in the package`);
		}
	}
	for (const node of n8n?.nodes ?? []) {
		const codex = node.replace(/\.js$/, '.json');
		if (!existsSync(join(packageDir, codex))) problems.push(`codex file ${codex} is not in the package`);
	}
	return problems;
}
