// Starts the production server the way `npm start` does (`node server.js`, the built app behind the
// header wrapper), on a port of our own, with its data in a temporary directory, and stops it again.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const API_KEY = 'bench-api-key-0123456789abcdef0123456789';
const MASTER_KEY = '0'.repeat(64);

/**
 * @typedef {object} Server
 * @property {string} url - e.g. http://127.0.0.1:4194
 * @property {number} port
 * @property {number} pid - the server process, for its CPU time (/proc/<pid>/stat)
 * @property {() => string} log - what the server printed so far
 * @property {() => Promise<void>} stop - SIGTERM, then wait for the exit (adapter-node drains first)
 */

/**
 * @param {object} options
 * @param {number} options.port
 * @param {string} [options.databaseUrl] - PostgreSQL; absent means SQLite in a fresh temp dir
 * @param {string} [options.dataDir] - share one SQLite/key directory between processes
 * @param {Record<string, string>} [options.env] - extra environment (e.g. ADDRESS_HEADER)
 * @param {string} [options.cwd] - another checkout's build (before/after comparisons)
 * @returns {Promise<Server>}
 */
export async function startServer({ port, databaseUrl, dataDir, env = {}, cwd }) {
	const ownDir = dataDir ? null : mkdtempSync(join(tmpdir(), 'motp-bench-'));
	const url = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, ['server.js'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: `http://localhost:${port}`,
			MOTP_DATA_DIR: dataDir ?? /** @type {string} */ (ownDir),
			MOTP_API_KEY: API_KEY,
			MOTP_MASTER_KEY: MASTER_KEY,
			MOTP_INSTITUTE_NAME: '벤치마크훈련원',
			...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe'],
		...(cwd ? { cwd } : {})
	});
	let log = '';
	child.stdout.on('data', (d) => (log += d));
	child.stderr.on('data', (d) => (log += d));
	const exited = new Promise((resolve) => child.once('exit', resolve));

	const deadline = Date.now() + 30_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`server on port ${port} exited (${child.exitCode}):\n${log}`);
		try {
			const res = await fetch(`${url}/api/v1/time`);
			if (res.ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`server on port ${port} did not answer within 30 s:\n${log}`);
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	return {
		url,
		port,
		pid: /** @type {number} */ (child.pid),
		log: () => log,
		async stop() {
			if (child.exitCode === null) child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
			await exited;
			clearTimeout(timer);
			if (ownDir) rmSync(ownDir, { recursive: true, force: true });
		}
	};
}
