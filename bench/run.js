// `npm run bench`: weight, start-up, KDF and verifier figures, written to bench/RESULTS.md and
// bench/results.json with the machine they ran on, and checked against bench/budgets.js.
//
//   npm run bench                       everything (about 10 minutes on 2 cores)
//   npm run bench -- --only weight,kdf  some parts; printed, not written (unless --write)
//   npm run bench -- --strict           exit 1 when a figure is over its budget (for CI)
//
// Options: --runs N (start-up, default 9), --kdf-runs N (5), --duration S (verifier, 30),
// --trainees N (4000), --write, --json PATH (also write the raw results of any run there). Environment: BENCH_PORT (first of 4 ports, default 4194),
// BENCH_DATABASE_URL or TEST_DATABASE_URL (PostgreSQL; default postgres://postgres@127.0.0.1:5432/test,
// skipped when unreachable), CHROMIUM_PATH (default /usr/bin/chromium).
//
// Exit codes: 0 measured (budgets over are printed loudly), 1 over budget with --strict,
// 2 a measurement failed.
import { execSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { checkBudgets } from './budgets.js';
import { measureKdf } from './kdf.js';
import { launchChromium } from './lib/browser.js';
import { describeMachine } from './lib/machine.js';
import { startServer } from './lib/server.js';
import { startStaticServer } from './lib/staticServer.js';
import { consoleBudgets, renderMarkdown } from './report.js';
import { measureStartup } from './startup.js';
import { measureVerifier } from './verifier.js';
import { measureWeight } from './weight.js';

const PARTS = ['weight', 'startup', 'kdf', 'verifier'];
const { values: opts } = parseArgs({
	options: {
		only: { type: 'string' },
		runs: { type: 'string', default: '9' },
		'kdf-runs': { type: 'string', default: '5' },
		duration: { type: 'string', default: '30' },
		trainees: { type: 'string', default: '4000' },
		strict: { type: 'boolean', default: false },
		write: { type: 'boolean', default: false },
		json: { type: 'string' }
	}
});
const parts = opts.only ? opts.only.split(',').map((s) => s.trim()) : PARTS;
for (const p of parts) if (!PARTS.includes(p)) throw new Error(`unknown part "${p}"; choose from ${PARTS.join(', ')}`);
const full = parts.length === PARTS.length;
const port = Number(process.env.BENCH_PORT ?? 4194);
const postgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const log = (line) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
const load1 = () => Math.round(os.loadavg()[0] * 100) / 100;

// The same rule as `npm start`: build when build/ is missing or older than the sources.
execSync('node scripts/ensure-build.js', { stdio: 'inherit' });

const started = performance.now();
const results = { machine: null, parts };
let failed = false;
const loadStart = load1();
const browser = parts.some((p) => p !== 'verifier') ? await launchChromium() : null;
results.machine = { ...describeMachine(browser?.version()), loadStart };

/** Runs one part; a failure is reported and the other parts still run. */
async function part(name, fn) {
	if (!parts.includes(name)) return;
	log(`${name}…`);
	try {
		results[name] = await fn();
	} catch (error) {
		failed = true;
		results[name] = undefined;
		console.error(`[bench] ${name} FAILED:`, error);
	}
}

const app = parts.some((p) => p === 'weight' || p === 'startup') ? await startServer({ port }) : null;
const pages = parts.some((p) => p === 'startup' || p === 'kdf') ? await startStaticServer(port + 1) : null;
try {
	// localhost, not 127.0.0.1: the app's ORIGIN, and a secure context for its service worker.
	const appBase = `http://localhost:${port}`;
	await part('weight', () => measureWeight({ base: `http://127.0.0.1:${port}`, browser }));
	await part('startup', () => measureStartup({ appBase, bareBase: `http://localhost:${port + 1}`, runs: Number(opts.runs), browser }));
	await part('kdf', () => measureKdf({ base: `http://127.0.0.1:${port + 1}`, runs: Number(opts['kdf-runs']), browser }));
} finally {
	await app?.stop();
	await pages?.stop();
	await browser?.close();
}
await part('verifier', () =>
	measureVerifier({ ports: [port + 2, port + 3], postgresUrl, duration: Number(opts.duration), trainees: Number(opts.trainees), log })
);

results.loadEnd = load1();
results.seconds = (performance.now() - started) / 1000;
const budgets = checkBudgets(results);
results.budgets = budgets;

if (opts.json) writeFileSync(opts.json, JSON.stringify(results, null, '\t') + '\n');
if (full || opts.write) {
	writeFileSync('bench/results.json', JSON.stringify(results, null, '\t') + '\n');
	writeFileSync('bench/RESULTS.md', renderMarkdown(results, budgets));
	log('wrote bench/RESULTS.md and bench/results.json');
} else {
	log('partial run: nothing written (add --write to write anyway)');
}
console.log(consoleBudgets(budgets));
if (failed) {
	console.error('\n[bench] some measurements FAILED (see above)');
	process.exit(2);
}
if (opts.strict && budgets.some((b) => b.status === 'EXCEEDED')) process.exit(1);
