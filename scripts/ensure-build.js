// `npm start` must work on a fresh clone: build once if there is no build, or if the sources are
// newer than it. A deployed build is never rebuilt behind the operator's back unless sources changed.
import { existsSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { execSync } from 'node:child_process';

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
	console.log('mOTP web: building the app (first start or changed sources)…');
	execSync('npm run build', { stdio: 'inherit' });
}
