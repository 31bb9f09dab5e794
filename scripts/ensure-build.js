// `npm start` must work on a fresh clone: build once if there is no build, or if the sources are
// newer than it. A deployed build is never rebuilt behind the operator's back unless sources changed.
import { existsSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const entry = 'build/index.js';

/** @param {string} dir @returns {number} newest mtime below dir */
function newest(dir) {
	let max = 0;
	for (const e of readdirSync(dir, { withFileTypes: true })) {
		const p = join(dir, e.name);
		const t = e.isDirectory() ? newest(p) : statSync(p).mtimeMs;
		if (t > max) max = t;
	}
	return max;
}

const sources = ['src', 'static'].filter(existsSync);
const stale =
	!existsSync(entry) ||
	Math.max(...sources.map(newest), ...['svelte.config.js', 'vite.config.ts', 'package.json'].map((f) => statSync(f).mtimeMs)) >
		statSync(entry).mtimeMs;

if (stale) {
	// Quiet unless it fails: vite's chunk tables, its "run npm run preview" advice (wrong here) and
	// adapter-node's empty-chunk warnings are noise to someone who only wants the app running.
	const first = !existsSync(entry);
	console.log(`mOTP web: building the app once (${first ? 'first start' : 'the sources changed'}; about 30 s)…`);
	const started = Date.now();
	const build = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build'], {
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
		env: { ...process.env, FORCE_COLOR: '0' }
	});
	if (build.status !== 0) {
		process.stdout.write(build.stdout ?? '');
		process.stderr.write(build.stderr ?? '');
		if (build.error) console.error(build.error.message);
		console.error(`mOTP web: the build failed (exit ${build.status ?? build.signal}); its full output is above.`);
		process.exit(build.status || 1);
	}
	console.log(`mOTP web: built in ${Math.round((Date.now() - started) / 1000)} s.`);
}
