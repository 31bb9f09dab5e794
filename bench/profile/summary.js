// node bench/profile/summary.js FILE.cpuprofile: where a server's busy time went, by part of the
// stack and by function (self time), as shares of the sampled time that was not idle.
import { readFileSync } from 'node:fs';

const profile = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

/** The part of the stack a frame belongs to. */
function part({ url = '', functionName }) {
	if (['(idle)', '(program)', '(garbage collector)'].includes(functionName)) return functionName;
	if (!url) return `native: ${functionName}`;
	if (url.includes('better-sqlite3')) return 'better-sqlite3 (SQLite itself)';
	if (url.includes('node_modules/pg')) return 'pg driver';
	if (/build\/server\//.test(url)) return 'the app (build/server)';
	if (/build\/(handler|index)/.test(url)) return 'adapter-node';
	if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
	return url.replace(/^.*\/(src|server\.js)/, '$1');
}

const byPart = new Map();
const byFunction = new Map();
let busy = 0;
for (const [id, micros] of self) {
	const frame = nodes.get(id).callFrame;
	if (frame.functionName === '(idle)') continue;
	busy += micros;
	const p = part(frame);
	byPart.set(p, (byPart.get(p) ?? 0) + micros);
	const f = `${frame.functionName || '(anonymous)'} ${(frame.url || '').replace(/^.*\//, '')}:${frame.lineNumber + 1}`;
	byFunction.set(f, (byFunction.get(f) ?? 0) + micros);
}
const share = (m) => `${((100 * m) / busy).toFixed(1)}%`.padStart(6);
console.log(`busy (not idle) sampled time: ${(busy / 1000).toFixed(0)} ms`);
console.log('\nby part of the stack');
for (const [k, m] of [...byPart].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(share(m), k);
console.log('\nby function (self time)');
for (const [k, m] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(share(m), k);
