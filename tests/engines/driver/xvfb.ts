import { existsSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { EngineMissingError } from './EngineMissingError';
import { startProcess, stopProcess } from '../support/processes';

const XVFB = process.env.XVFB_PATH ?? '/usr/bin/Xvfb';

let display: Promise<{ name: string; child: ChildProcess }> | null = null;

/**
 * A virtual X display for WebKitGTK's MiniBrowser, which has no headless mode. Started on first
 * use and stopped by {@link stopXvfb} when the suite ends; `-displayfd` lets Xvfb pick a free
 * display number, so parallel runs on one machine never collide. Nobody has to start it by hand.
 */
export function xvfbDisplay(): Promise<string> {
	display ??= start();
	return display.then((d) => d.name);
}

async function start(): Promise<{ name: string; child: ChildProcess }> {
	if (!existsSync(XVFB)) throw new EngineMissingError('WebKit', XVFB, 'xvfb');
	const child = startProcess(XVFB, ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp', '-noreset'], {
		stdio: ['ignore', 'ignore', 'pipe', 'pipe']
	});
	let stderr = '';
	child.stderr?.on('data', (d) => (stderr += String(d)));
	const number = await new Promise<string>((res, rej) => {
		let out = '';
		const fd3 = child.stdio[3] as NodeJS.ReadableStream;
		fd3.on('data', (d) => {
			out += String(d);
			if (out.includes('\n')) res(out.trim());
		});
		child.once('exit', (code) => rej(new Error(`Xvfb exited (${code}) before it opened a display: ${stderr.slice(-500)}`)));
		setTimeout(() => rej(new Error(`Xvfb opened no display within 20 s: ${stderr.slice(-500)}`)), 20_000).unref();
	});
	return { name: `:${number}`, child };
}

/** Stops the display if one was started. */
export async function stopXvfb(): Promise<void> {
	if (!display) return;
	const d = await display.catch(() => null);
	display = null;
	if (d) await stopProcess(d.child);
}
