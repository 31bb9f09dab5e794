import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './freePort';

/** A production server (`node server.js`, what `npm start` runs) started by a test, and how to stop it. */
export interface TestServer {
	origin: string;
	dataDir: string;
	/** Everything the process printed so far. */
	output(): string;
	/** SIGTERM (then SIGKILL after 5 s), and the data directory removed unless it was given. */
	stop(): Promise<void>;
	/** SIGKILL at once: a crash of the process. The data directory stays. */
	crash(): Promise<void>;
}

/**
 * Starts `node server.js` on a free port with its own data directory and the given environment
 * (added to a minimal one: no ORIGIN, as `npm start` runs by default), and waits until it answers.
 */
export async function startServer(env: Record<string, string>, entry = 'server.js', options: { dataDir?: string } = {}): Promise<TestServer> {
	const port = await freePort();
	const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'motp-e2e-server-'));
	const origin = `http://127.0.0.1:${port}`;
	const full: Record<string, string> = { PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1', MOTP_DATA_DIR: join(dataDir, 'data'), ...env };
	const child: ChildProcess = spawn(process.execPath, [entry], {
		env: full,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout!.on('data', (d) => (output += String(d)));
	child.stderr!.on('data', (d) => (output += String(d)));
	const stop = async () => {
		if (child.exitCode === null) {
			const exited = new Promise((r) => child.once('exit', r));
			child.kill('SIGTERM');
			await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
			child.kill('SIGKILL');
		}
		if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
	};
	const crash = async () => {
		if (child.exitCode !== null) return;
		const exited = new Promise((r) => child.once('exit', r));
		child.kill('SIGKILL');
		await exited;
	};
	for (let i = 0; i < 200; i++) {
		if (child.exitCode !== null) {
			await stop();
			throw new Error(`server exited early:\n${output}`);
		}
		try {
			if ((await fetch(`${origin}/api/v1/time`)).ok) return { origin, dataDir, output: () => output, stop, crash };
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	await stop();
	throw new Error(`server did not start:\n${output}`);
}
