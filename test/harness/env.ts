/**
 * Process environment for running n8n-core in tests. Imported (for its side effects) by
 * `test/harness/index.ts` BEFORE anything from n8n-core is loaded, because n8n-core reads
 * these variables when its services are first built:
 *
 * - `N8N_USER_FOLDER`: n8n-core's InstanceSettings creates `<folder>/.n8n/config` (holding the
 *   encryption key) on first use. Pointing it at a fresh temp folder keeps ~/.n8n untouched.
 *   The folder is removed when the process exits (under jest: after the test file's tests).
 * - `N8N_ENCRYPTION_KEY`: fixed, so n8n-core never generates and persists one.
 *
 * Test files should import the harness before importing `n8n-core` themselves.
 * Values already set in the environment are respected.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

function setDefault(name: string, value: string): void {
	if (process.env[name] === undefined || process.env[name] === '') process.env[name] = value;
}

const userFolder = process.env.N8N_USER_FOLDER;
// A folder set by an earlier load of this module (another jest test file) is replaced: that load
// removes its folder when its tests end.
if (!userFolder || userFolder === process.env.N8N_HARNESS_USER_FOLDER) {
	const folder = mkdtempSync(path.join(tmpdir(), 'n8n-harness-'));
	process.env.N8N_USER_FOLDER = folder;
	process.env.N8N_HARNESS_USER_FOLDER = folder;
	const cleanup = () => {
		try {
			rmSync(folder, { recursive: true, force: true });
		} catch {
			// best effort
		}
	};
	process.on('exit', cleanup);
	// Under jest the process outlives the test file, and 'exit' handlers of a test file's sandbox
	// do not run: remove the folder when the file's tests are done.
	const jestAfterAll = (globalThis as { afterAll?: (fn: () => void) => void }).afterAll;
	if (typeof jestAfterAll === 'function') jestAfterAll(cleanup);
}

setDefault('N8N_ENCRYPTION_KEY', 'n8n-harness-test-encryption-key');
// Keep n8n-core quiet and offline in tests.
setDefault('N8N_DIAGNOSTICS_ENABLED', 'false');
setDefault('N8N_VERSION_NOTIFICATIONS_ENABLED', 'false');
setDefault('N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS', 'false');

export const harnessUserFolder: string = process.env.N8N_USER_FOLDER ?? '';
