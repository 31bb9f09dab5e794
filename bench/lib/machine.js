// The machine a run happened on. Figures from different machines are not comparable, so every
// result file starts with this.
import os from 'node:os';
import { execFileSync } from 'node:child_process';

/**
 * @param {string} [chromiumVersion] - from `browser.version()`, when a browser ran
 */
export function describeMachine(chromiumVersion) {
	const cpus = os.cpus();
	return {
		date: new Date().toISOString(),
		cpu: cpus[0]?.model.trim() ?? 'unknown',
		cores: cpus.length,
		cpuMHz: cpus[0]?.speed ?? null,
		memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
		os: `${os.type()} ${os.release()} (${os.arch()})`,
		node: process.version,
		chromium: chromiumVersion ?? null,
		commit: gitCommit()
	};
}

function gitCommit() {
	try {
		const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
		const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'static'], { encoding: 'utf8' }).trim() !== '';
		return dirty ? `${sha} (with uncommitted changes in src/ or static/)` : sha;
	} catch {
		return null;
	}
}
