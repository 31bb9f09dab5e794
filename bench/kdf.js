// KDF: milliseconds per unlock for the vault's KDF and the alternatives that were considered, in
// Chromium, unthrottled and with the CPU throttled 4× (a cheap phone): the app's argon2id in
// WebAssembly in a worker, the JavaScript KDFs on the page's main thread (the app's fallback, and
// what the vault ran before issue 14), WebCrypto's PBKDF2, and the CPU time of each in Node.
import { scryptSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { argon2idAsync } from '@noble/hashes/argon2.js';
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { argon2id as wasmArgon2id, scrypt as wasmScrypt } from 'hash-wasm';
import { launchChromium } from './lib/browser.js';
import { round, summary } from './lib/stats.js';

/**
 * The parameters new vaults use, read from the source so the bench cannot drift from it
 * (`ARGON2ID_DEFAULT` in src/lib/crypto/argon2idKdf.ts, which `KDF_DEFAULT` names).
 */
export function readKdfDefault() {
	const text = readFileSync('src/lib/crypto/argon2idKdf.ts', 'utf8');
	const m = /ARGON2ID_DEFAULT[^=]*=\s*Object\.freeze\(\{\s*name:\s*'argon2id',\s*m:\s*([\d_]+),\s*t:\s*(\d+),\s*p:\s*(\d+)\s*\}\)/.exec(text);
	if (!m) throw new Error('could not read ARGON2ID_DEFAULT from src/lib/crypto/argon2idKdf.ts; update bench/kdf.js');
	if (!/KDF_DEFAULT: KdfParams = ARGON2ID_DEFAULT/.test(readFileSync('src/lib/crypto/pinKdf.ts', 'utf8'))) throw new Error('KDF_DEFAULT is no longer ARGON2ID_DEFAULT; update bench/kdf.js');
	return { name: 'argon2id', m: Number(m[1].replace(/_/g, '')), t: Number(m[2]), p: Number(m[3]) };
}

const MiB = 1024;
const SCRYPT_V2 = { name: 'scrypt', N: 2 ** 16, r: 8, p: 2 };

/**
 * The candidates (OWASP Password Storage Cheat Sheet's scrypt, argon2id and PBKDF2 lines), each
 * where it runs: `worker` is the app's way (WebAssembly, a new worker per derivation), `main` the
 * page's main thread (JavaScript, `@noble/hashes`).
 */
export const CANDIDATES = [
	{ label: 'argon2id m=19 MiB t=2 p=1, WebAssembly in a worker', where: 'worker', spec: { name: 'argon2id', m: 19 * MiB, t: 2, p: 1 }, memoryMiB: 19 },
	{ label: 'argon2id m=46 MiB t=1 p=1, WebAssembly in a worker', where: 'worker', spec: { name: 'argon2id', m: 46 * MiB, t: 1, p: 1 }, memoryMiB: 46 },
	{ label: 'argon2id m=64 MiB t=2 p=1, WebAssembly in a worker', where: 'worker', spec: { name: 'argon2id', m: 64 * MiB, t: 2, p: 1 }, memoryMiB: 64 },
	{ label: 'scrypt N=2^16 r=8 p=2, WebAssembly in a worker', where: 'worker', spec: SCRYPT_V2, memoryMiB: 64 },
	{ label: 'argon2id m=19 MiB t=2 p=1, JavaScript, main thread (the fallback)', where: 'main', spec: { name: 'argon2id', m: 19 * MiB, t: 2, p: 1 }, memoryMiB: 19 },
	{ label: 'scrypt N=2^16 r=8 p=2, JavaScript, main thread (versions 1–2)', where: 'main', spec: SCRYPT_V2, memoryMiB: 64, baseline: true },
	{ label: 'scrypt N=2^17 r=8 p=1, JavaScript, main thread', where: 'main', spec: { name: 'scrypt', N: 2 ** 17, r: 8, p: 1 }, memoryMiB: 128 },
	{ label: 'PBKDF2-SHA256 600,000 (WebCrypto)', where: 'main', spec: { name: 'pbkdf2', iterations: 600_000 }, memoryMiB: 0 }
];

/**
 * CPU time per derivation in this Node process (user + system, `process.cpuUsage`), median of
 * `runs`: the same code the browser runs, without the browser, and native scrypt (node:crypto,
 * OpenSSL) as a stand-in for an attacker's native code.
 */
export async function measureNodeCpu(runs = 5) {
	const salt = new Uint8Array(16).fill(7);
	const pin = new TextEncoder().encode('482913');
	const a = { m: 19 * MiB, t: 2, p: 1 };
	const engines = [
		['argon2id m=19 MiB t=2, hash-wasm (WebAssembly; the worker)', () => wasmArgon2id({ password: pin, salt, iterations: a.t, parallelism: a.p, memorySize: a.m, hashLength: 32, outputType: 'binary' })],
		['argon2id m=19 MiB t=2, @noble/hashes (JavaScript; the fallback)', () => argon2idAsync(pin, salt, { ...a, dkLen: 32, asyncTick: 10 })],
		['argon2id m=64 MiB t=2, hash-wasm (WebAssembly)', () => wasmArgon2id({ password: pin, salt, iterations: 2, parallelism: 1, memorySize: 64 * MiB, hashLength: 32, outputType: 'binary' })],
		['scrypt N=2^16 r=8 p=2, hash-wasm (WebAssembly)', () => wasmScrypt({ password: pin, salt, costFactor: 2 ** 16, blockSize: 8, parallelism: 2, hashLength: 32, outputType: 'binary' })],
		['scrypt N=2^16 r=8 p=2, @noble/hashes (JavaScript; versions 1–2)', () => scryptAsync(pin, salt, { N: 2 ** 16, r: 8, p: 2, dkLen: 32, asyncTick: 10 })],
		['scrypt N=2^16 r=8 p=2, node:crypto (native OpenSSL)', async () => scryptSync(pin, salt, 32, { N: 2 ** 16, r: 8, p: 2, maxmem: 2 ** 28 })]
	];
	const out = [];
	for (const [label, run] of engines) {
		await run(); // warm-up: JIT, WebAssembly compile, memory
		const cpu = [];
		const wall = [];
		for (let i = 0; i < runs; i++) {
			const c0 = process.cpuUsage();
			const t0 = performance.now();
			await run();
			wall.push(performance.now() - t0);
			const c = process.cpuUsage(c0);
			cpu.push((c.user + c.system) / 1000);
		}
		out.push({ label, cpuMs: summary(cpu), wallMs: summary(wall) });
	}
	const base = out.find((r) => r.label.includes('@noble/hashes (JavaScript; versions 1–2)'))?.cpuMs.median;
	for (const r of out) r.relativeCpu = base ? round(r.cpuMs.median / base) : null;
	return out;
}

/**
 * @param {{ base: string, runs?: number, rates?: number[], browser?: import('playwright-core').Browser }} options
 *   base: the static server with bench/pages
 */
export async function measureKdf({ base, runs = 5, rates = [1, 4], browser: given }) {
	const browser = given ?? (await launchChromium());
	const chosen = readKdfDefault();
	try {
		const context = await browser.newContext();
		context.setDefaultTimeout(300_000);
		const page = await context.newPage();
		await page.goto(`${base}/kdf.html`);
		await page.waitForFunction(() => window.kdfReady === true);
		const cdp = await context.newCDPSession(page);
		const results = [];
		for (const candidate of CANDIDATES) {
			const row = { ...candidate, chosen: candidate.where === 'worker' && sameSpec(candidate.spec, chosen), ms: {}, innerMs: {} };
			for (const rate of rates) {
				// Throttles the page only: DevTools refuses to throttle a dedicated worker ("Operation is
				// only supported for pages, not workers"), so a worker's figure at 4× is not slowed (see below).
				await cdp.send('Emulation.setCPUThrottlingRate', { rate });
				const once = () => (candidate.where === 'worker' ? page.evaluate((s) => window.runKdfInWorker(s), candidate.spec) : page.evaluate((s) => window.runKdf(s), candidate.spec).then((total) => ({ total })));
				await once(); // warm-up: JIT, memory
				const samples = [];
				for (let i = 0; i < runs; i++) samples.push(await once());
				row.ms[`${rate}x`] = summary(samples.map((s) => s.total));
				if (candidate.where === 'worker') row.innerMs[`${rate}x`] = summary(samples.map((s) => s.inner));
			}
			// The honest 4× for a worker: the whole round trip (worker start, compile, derivation) at
			// `rate`× the unthrottled time, as if its thread were throttled like the page's.
			if (candidate.where === 'worker') for (const rate of rates) row[`modelled${rate}x`] = round(rate * row.ms['1x'].median);
			results.push(row);
		}
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
		await context.close();
		const baseline = results.find((r) => r.baseline)?.ms['1x'].median;
		for (const r of results) r.relativeToBaseline = baseline ? round(r.ms['1x'].median / baseline) : null;
		const nodeCpu = await measureNodeCpu(runs);
		return { chosen, runs, rates, results, nodeCpu };
	} finally {
		if (!given) await browser.close();
	}
}

function sameSpec(a, b) {
	return a.name === b.name && a.m === b.m && a.t === b.t && a.p === b.p;
}
