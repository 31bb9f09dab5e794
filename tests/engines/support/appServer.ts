import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startProcess, stopProcess, waitUntil } from './processes';

/** The institute key and name the suite's server runs with. */
export const ENGINES_API_KEY = 'engines-test-key-0123456789abcdef';
export const INSTITUTE_NAME = '테스트훈련원';

export interface AppServer {
	/** Where the server itself listens (the browsers go through the gate). */
	port: number;
	stop(): Promise<void>;
}

/**
 * The production build served by `node server.js`, exactly as `npm start` and the Playwright
 * suite do, with its own port and a temporary data directory removed afterwards. `origin` is the
 * public origin (the gate), which enrollment links must name.
 */
export async function startAppServer(port: number, origin: string): Promise<AppServer> {
	if (!existsSync('build/handler.js')) throw new Error('no production build: run `npm run build` first (npm run test:engines does)');
	const dataDir = mkdtempSync(join(tmpdir(), 'motp-engines-'));
	let log = '';
	const child: ChildProcess = startProcess(process.execPath, ['server.js'], {
		stdio: ['ignore', 'pipe', 'pipe'],
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: origin,
			MOTP_DATA_DIR: dataDir,
			MOTP_API_KEY: ENGINES_API_KEY,
			MOTP_MASTER_KEY: '2'.repeat(64),
			MOTP_INSTITUTE_NAME: INSTITUTE_NAME,
			DATABASE_URL: ''
		}
	});
	child.stdout?.on('data', (d) => (log += String(d)));
	child.stderr?.on('data', (d) => (log += String(d)));
	try {
		await waitUntil(`node server.js on port ${port}`, async () => (await fetch(`http://127.0.0.1:${port}/api/v1/time`)).ok, 60_000);
	} catch (e) {
		await stopProcess(child);
		rmSync(dataDir, { recursive: true, force: true });
		throw new Error(`${(e as Error).message}\n${log.slice(-2000)}`);
	}
	return {
		port,
		async stop() {
			await stopProcess(child);
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
}
