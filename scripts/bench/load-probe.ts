/**
 * Run in a fresh Node process by ./package.ts: loads every node and credential an installed
 * package declares (package.json `n8n.nodes` / `n8n.credentials`) and instantiates each class, as
 * n8n's loader does, timing it from inside the process. n8n-workflow (and the zod it brings) is
 * loaded first and not counted, because it is always loaded in n8n before any community package;
 * its own cold load time is reported separately. Prints one JSON line.
 *
 *   NODE_PATH=<n8n's node_modules> node load-probe.js <installed package folder>
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const packageDir = process.argv[2];
if (!packageDir) throw new Error('usage: load-probe.js <package folder>');

const manifest = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
	n8n: { nodes: string[]; credentials: string[] };
};
const files = [...manifest.n8n.credentials, ...manifest.n8n.nodes];

const peerStarted = performance.now();
// eslint-disable-next-line @typescript-eslint/no-require-imports
require(require.resolve('n8n-workflow', { paths: [packageDir] }));
const peerMs = performance.now() - peerStarted;

const started = performance.now();
let classes = 0;
for (const file of files) {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const exported = require(path.join(packageDir, file)) as Record<string, unknown>;
	const className = path.basename(file).split('.')[0];
	const Class = exported[className] as (new () => unknown) | undefined;
	if (typeof Class !== 'function') throw new Error(`${file} does not export the class ${className}`);
	new Class();
	classes++;
}
const ms = performance.now() - started;

process.stdout.write(`${JSON.stringify({ ms, peerMs, classes, files: files.length })}\n`);
