import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A production server (`node server.js`, what `npm start` runs) started by a test, and how to stop it. */
export interface TestServer {
	origin: string;
	dataDir: string;
	/** Everything the process printed so far. */
	output(): string;
	stop(): Promise<void>;
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as { port: number };
			srv.close(() => resolve(port));
		});
	});
}

/**
 * Starts `node server.js` on a free port with its own data directory and the given environment
 * (added to a minimal one, with `ORIGIN` set to the server's own origin unless `env.ORIGIN` says
 * otherwise; an empty `ORIGIN` leaves it unset), and waits until it answers.
 */
export async function startServer(env: Record<string, string>, entry = 'server.js'): Promise<TestServer> {
	const port = await freePort();
	const dataDir = mkdtempSync(join(tmpdir(), 'motp-e2e-server-'));
	const origin = `http://127.0.0.1:${port}`;
	const full: Record<string, string> = { PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1', MOTP_DATA_DIR: join(dataDir, 'data'), ORIGIN: origin, ...env };
	if (!full.ORIGIN) delete full.ORIGIN;
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
		rmSync(dataDir, { recursive: true, force: true });
	};
	for (let i = 0; i < 200; i++) {
		if (child.exitCode !== null) {
			await stop();
			throw new Error(`server exited early:\n${output}`);
		}
		try {
			if ((await fetch(`${origin}/api/v1/time`)).ok) return { origin, dataDir, output: () => output, stop };
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	await stop();
	throw new Error(`server did not start:\n${output}`);
}
