/**
 * The pinned n8n app, installed once into a cache folder outside the repository and reused:
 *   ${N8N_E2E_CACHE:-${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-cloud-data-lake}/n8n-<version>
 * `npm i --ignore-scripts` (an install script of n8n's dependencies needs the internet), then
 * `npm rebuild sqlite3` against Node 24's headers. A marker file is written only after a complete
 * install; it records the Node ABI, and a different ABI rebuilds sqlite3 only.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

import { delay, formatMs, type ProcessGroup, say } from './processes';

export const N8N_VERSION = '2.41.1';

const MARKER = '.install-complete.json';

export interface N8nInstall {
	dir: string;
	/** The n8n CLI script (run with this Node: `node <bin> ...`). */
	bin: string;
	version: string;
}

export function n8nCacheRoot(): string {
	if (process.env.N8N_E2E_CACHE) return process.env.N8N_E2E_CACHE;
	const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
	return join(base, 'n8n-nodes-cloud-data-lake');
}

export function n8nInstallDir(): string {
	return join(n8nCacheRoot(), `n8n-${N8N_VERSION}`);
}

/**
 * The environment for npm and n8n under the Node running this script (Node 24): its bin first
 * on PATH, and npm_config_nodedir at its headers so native addons build against it.
 */
export function node24Env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	const binDir = dirname(process.execPath);
	const env: NodeJS.ProcessEnv = { ...withoutNpmRunConfig(process.env), PATH: `${binDir}:${process.env.PATH ?? ''}` };
	const headers = join(binDir, '..', 'include', 'node', 'node.h');
	if (existsSync(headers)) env.npm_config_nodedir = join(binDir, '..');
	return { ...env, ...extra };
}

/**
 * `npm run` hands its configuration to the script as npm_config_* variables, including this
 * repository's .npmrc (ignore-scripts=true) and its prefix: an npm started from here in another
 * folder would inherit them, and `npm rebuild sqlite3` would then "succeed" without building.
 * Keep only what reaches the registry (and is the user's, not the project's).
 */
const KEPT_NPM_CONFIG = new Set(['nodedir', 'registry', 'cafile', 'ca', 'strict_ssl', 'proxy', 'https_proxy', 'noproxy', 'userconfig', 'globalconfig', 'cache']);

function withoutNpmRunConfig(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
	const kept: NodeJS.ProcessEnv = {};
	for (const [name, value] of Object.entries(env)) {
		const lower = name.toLowerCase();
		if (lower.startsWith('npm_config_') && !KEPT_NPM_CONFIG.has(lower.slice('npm_config_'.length))) continue;
		if (lower.startsWith('npm_package_') || lower.startsWith('npm_lifecycle_') || name === 'INIT_CWD') continue;
		kept[name] = value;
	}
	return kept;
}

export function assertNode24(): void {
	const major = Number(process.versions.node.split('.')[0]);
	if (major < 24) {
		throw new Error(
			`n8n ${N8N_VERSION} needs Node.js 24; this is ${process.version}. Run through npm (npm run test:e2e / npm run demo), which brings Node 24 via scripts/node24.sh.`,
		);
	}
}

interface Marker {
	version: string;
	nodeModulesAbi: string;
	installedAt: string;
}

function readMarker(dir: string): Marker | undefined {
	try {
		return JSON.parse(readFileSync(join(dir, MARKER), 'utf8')) as Marker;
	} catch {
		return undefined;
	}
}

/** Installs n8n unless a complete install is there; returns where it is. */
export async function ensureN8n(group: ProcessGroup, tag: string): Promise<N8nInstall> {
	assertNode24();
	const dir = n8nInstallDir();
	const bin = join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	const installed: N8nInstall = { dir, bin, version: N8N_VERSION };
	const marker = readMarker(dir);
	if (marker?.version === N8N_VERSION && marker.nodeModulesAbi === process.versions.modules && existsSync(bin)) {
		say(tag, `n8n ${N8N_VERSION} is installed in ${dir} (since ${marker.installedAt})`);
		return installed;
	}

	mkdirSync(dir, { recursive: true });
	const release = await lock(dir, tag);
	try {
		// another process may have finished the install while this one waited for the lock
		const again = readMarker(dir);
		if (again?.version === N8N_VERSION && again.nodeModulesAbi === process.versions.modules && existsSync(bin)) {
			return installed;
		}
		const env = node24Env();
		const logFile = join(dir, 'install.log');
		const npm = (args: string[], what: string, timeoutMs: number) =>
			withProgress(tag, what, group.mustRun('npm', args, { cwd: dir, env, logFile, timeoutMs }));

		if (again?.version === N8N_VERSION && existsSync(bin)) {
			say(tag, `n8n ${N8N_VERSION} was installed for another Node ABI (${again.nodeModulesAbi}): rebuilding sqlite3 only`);
		} else {
			say(tag, `installing n8n ${N8N_VERSION} into ${dir} (once; about 6 minutes; log: ${logFile})`);
			writeFileSync(join(dir, 'package.json'), JSON.stringify({ private: true, description: 'n8n for the e2e test and demo of n8n-nodes-cloud-data-lake' }, null, 2));
			await npm(
				['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', `n8n@${N8N_VERSION}`],
				`npm install n8n@${N8N_VERSION}`,
				30 * 60_000,
			);
		}
		await npm(['rebuild', 'sqlite3', '--ignore-scripts=false', '--loglevel=error'], 'npm rebuild sqlite3 (native, against Node 24)', 20 * 60_000);
		await group.mustRun(process.execPath, ['-e', "require('sqlite3'); console.log('sqlite3 loads')"], {
			cwd: dir,
			env,
			logFile,
			timeoutMs: 60_000,
		});
		const written: Marker = { version: N8N_VERSION, nodeModulesAbi: process.versions.modules, installedAt: new Date().toISOString() };
		writeFileSync(join(dir, MARKER), JSON.stringify(written, null, 2) + '\n');
		return installed;
	} finally {
		release();
	}
}

async function withProgress<T>(tag: string, what: string, work: Promise<T>): Promise<T> {
	const begin = Date.now();
	const timer = setInterval(() => say(tag, `  … ${what}: ${formatMs(Date.now() - begin)} so far`), 30_000);
	try {
		return await work;
	} finally {
		clearInterval(timer);
	}
}

/** A lock folder (mkdir is atomic) so that a demo and an e2e run do not install at once. */
async function lock(dir: string, tag: string): Promise<() => void> {
	const lockDir = join(dir, '.install-lock');
	const owner = join(lockDir, 'pid');
	let announced = false;
	for (;;) {
		try {
			mkdirSync(lockDir);
			writeFileSync(owner, String(process.pid));
			return () => rmSync(lockDir, { recursive: true, force: true });
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
		const pid = Number(readSafe(owner));
		const stale = pid > 0 ? !alive(pid) : Date.now() - statSync(lockDir).mtimeMs > 60_000;
		if (stale) {
			rmSync(lockDir, { recursive: true, force: true });
			continue;
		}
		if (!announced) say(tag, `another process (pid ${pid}) is installing n8n into ${dir}: waiting for it`);
		announced = true;
		await delay(2000);
	}
}

function readSafe(file: string): string {
	try {
		return readFileSync(file, 'utf8');
	} catch {
		return '';
	}
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}
