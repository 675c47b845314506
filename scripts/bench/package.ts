/**
 * Row 5: the package as published. The build steps of `npm run build` (tsc -p
 * tsconfig.build.json, then the gulp assets task) run on a copy of the sources in a temporary
 * folder — so the bench never rewrites the working tree's dist/ under someone else's feet —
 * and `npm pack` packs it. The tarball is unpacked as n8n installs it, and a fresh Node process
 * per sample loads every node and credential from it (./load-probe.ts), with n8n's
 * node_modules on NODE_PATH as n8n sets it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import path from 'node:path';

import { fixed, median, progress } from './stats';
import type { Row } from './table';

/** What `npm pack` reads, plus what the build needs. */
const COPIED = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'tsconfig.json', 'tsconfig.build.json', 'gulpfile.js', 'credentials', 'nodes', 'icons'];

function run(command: string, args: string[], cwd: string): { ok: boolean; output: string } {
	const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: process.env });
	return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}`.trim() };
}

/** npm itself: the one running this script (`npm run bench`), else the npm next to node. */
function npmCommand(): [string, string[]] {
	const cli = process.env.npm_execpath;
	if (cli && existsSync(cli) && cli.endsWith('.js')) return [process.execPath, [cli]];
	const besideNode = path.join(path.dirname(process.execPath), 'npm');
	return [existsSync(besideNode) ? besideNode : 'npm', []];
}

export function measurePackage(root: string, tempDir: string, { loadSamples }: { loadSamples: number }): Row[] {
	const stage = path.join(tempDir, 'package-build');
	mkdirSync(stage, { recursive: true });
	for (const entry of COPIED) {
		if (existsSync(path.join(root, entry))) cpSync(path.join(root, entry), path.join(stage, entry), { recursive: true });
	}
	symlinkSync(path.join(root, 'node_modules'), path.join(stage, 'node_modules'), 'dir');

	progress('package: building (tsc -p tsconfig.build.json, gulp build:assets) in a temporary copy');
	const tsc = run(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], stage);
	const buildNotes: string[] = [];
	if (!tsc.ok) {
		// tsc still emits; the tarball is measured, and the row says the build had errors
		buildNotes.push('tsc reported errors (output emitted anyway)');
		progress(`package: tsc reported errors:\n${tsc.output.split('\n').slice(0, 20).join('\n')}`);
	}
	const gulp = run(process.execPath, [path.join(root, 'node_modules/gulp/bin/gulp.js'), 'build:assets'], stage);
	if (!gulp.ok) throw new Error(`gulp build:assets failed:\n${gulp.output}`);

	progress('package: npm pack');
	const [npm, npmArgs] = npmCommand();
	const packOutput = execFileSync(npm, [...npmArgs, 'pack', '--json', '--pack-destination', tempDir], {
		cwd: stage,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const [info] = JSON.parse(packOutput) as Array<{ filename: string; size: number; unpackedSize: number; entryCount: number }>;
	const tarball = path.join(tempDir, info.filename);
	const size = statSync(tarball).size;

	const unpacked = path.join(tempDir, 'installed');
	mkdirSync(unpacked, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', unpacked]);
	const packageDir = path.join(unpacked, 'package');

	progress(`package: loading every node and credential in ${loadSamples} fresh processes`);
	const probe = path.join(__dirname, 'load-probe.js');
	const samples: Array<{ ms: number; peerMs: number; classes: number }> = [];
	for (let s = 0; s < loadSamples; s++) {
		const output = execFileSync(process.execPath, [probe, packageDir], {
			encoding: 'utf8',
			env: { ...process.env, NODE_PATH: path.join(root, 'node_modules') },
		});
		samples.push(JSON.parse(output.trim().split('\n').pop() as string) as { ms: number; peerMs: number; classes: number });
	}
	const loadMs = median(samples.map((sample) => sample.ms));
	const peerMs = median(samples.map((sample) => sample.peerMs));
	const manifest = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };

	return [
		{
			measure: `Packed tarball size (npm pack of the built package, ${info.filename})`,
			value: `${fixed(size / 1024, 1)} KB`,
			target: '≤ 150 KB',
			met: size <= 150 * 1024,
			detail: `${size.toLocaleString('en-US')} bytes, ${info.entryCount} files, ${fixed(info.unpackedSize / 1024, 1)} KB unpacked (version ${manifest.version})${buildNotes.length ? `; ${buildNotes.join('; ')}` : ''}`,
		},
		{
			measure: 'Time to load every node and credential from the installed tarball (cold, in a fresh process)',
			value: `${fixed(loadMs, 1)} ms`,
			target: '≤ 30 ms',
			met: loadMs <= 30,
			detail: `${samples[0].classes} classes required and instantiated; median of ${loadSamples} fresh processes (min ${fixed(Math.min(...samples.map((x) => x.ms)), 1)}, max ${fixed(Math.max(...samples.map((x) => x.ms)), 1)}); n8n-workflow (with zod) loaded before and not counted, as in n8n: its own cold load takes ${fixed(peerMs, 0)} ms`,
		},
	];
}
