import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/**
 * Every helper process the suite starts (the app server, Xvfb, WebKitWebDriver), so that each is
 * stopped by its own pid when the suite ends, even when it ends by an error or a signal.
 */
const running = new Set<ChildProcess>();

/** Starts a helper process and remembers it until it exits. */
export function startProcess(command: string, args: string[], opts: SpawnOptions = {}): ChildProcess {
	const child = spawn(command, args, { stdio: 'ignore', ...opts });
	running.add(child);
	child.once('exit', () => running.delete(child));
	return child;
}

/** Stops one helper: SIGTERM, then SIGKILL if it is still there after `graceMs`. */
export async function stopProcess(child: ChildProcess, graceMs = 5000): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((res) => child.once('exit', () => res()));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
	await exited;
	clearTimeout(timer);
}

/** Stops every helper still running. */
export async function stopAllProcesses(): Promise<void> {
	await Promise.all([...running].map((c) => stopProcess(c)));
}

process.once('exit', () => {
	for (const c of running) c.kill('SIGKILL');
});

/** Polls `check` until it resolves true, or throws after `timeoutMs` with `what` in the message. */
export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
	const end = Date.now() + timeoutMs;
	for (;;) {
		if (await check().catch(() => false)) return;
		if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 100));
	}
}
