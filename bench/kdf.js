// KDF: milliseconds per unlock for the vault's scrypt parameters and the alternatives that were
// considered, in Chromium, unthrottled and with the CPU throttled 4× (a cheap phone).
import { readFileSync } from 'node:fs';
import { launchChromium } from './lib/browser.js';
import { round, summary } from './lib/stats.js';

/**
 * The parameters new vaults use, read from the source so the bench cannot drift from it
 * (`KDF_DEFAULT` in src/lib/crypto/scryptKdf.ts).
 */
export function readKdfDefault() {
	const text = readFileSync('src/lib/crypto/scryptKdf.ts', 'utf8');
	const m = /KDF_DEFAULT[^=]*=\s*Object\.freeze\(\{\s*name:\s*'scrypt',\s*N:\s*2\s*\*\*\s*(\d+),\s*r:\s*(\d+),\s*p:\s*(\d+)\s*\}\)/.exec(text);
	if (!m) throw new Error('could not read KDF_DEFAULT from src/lib/crypto/scryptKdf.ts; update bench/kdf.js');
	return { name: 'scrypt', N: 2 ** Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
}

const MiB = 1024;

/** The candidates (OWASP Password Storage Cheat Sheet's scrypt, argon2id and PBKDF2 lines). */
export const CANDIDATES = [
	{ label: 'scrypt N=2^17 r=8 p=1 (128 MiB)', spec: { name: 'scrypt', N: 2 ** 17, r: 8, p: 1 }, memoryMiB: 128 },
	{ label: 'scrypt N=2^16 r=8 p=2 (64 MiB)', spec: { name: 'scrypt', N: 2 ** 16, r: 8, p: 2 }, memoryMiB: 64 },
	{ label: 'scrypt N=2^15 r=8 p=3 (32 MiB)', spec: { name: 'scrypt', N: 2 ** 15, r: 8, p: 3 }, memoryMiB: 32 },
	{ label: 'scrypt N=2^15 r=8 p=1 (32 MiB, below OWASP)', spec: { name: 'scrypt', N: 2 ** 15, r: 8, p: 1 }, memoryMiB: 32 },
	{ label: 'argon2id m=19 MiB t=2 p=1', spec: { name: 'argon2id', m: 19 * MiB, t: 2, p: 1 }, memoryMiB: 19 },
	{ label: 'PBKDF2-SHA256 600,000 (WebCrypto)', spec: { name: 'pbkdf2', iterations: 600_000 }, memoryMiB: 0 }
];

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
			const row = { ...candidate, chosen: sameSpec(candidate.spec, chosen), ms: {} };
			for (const rate of rates) {
				await cdp.send('Emulation.setCPUThrottlingRate', { rate });
				await page.evaluate((s) => window.runKdf(s), candidate.spec); // warm-up: JIT, memory
				const samples = [];
				for (let i = 0; i < runs; i++) samples.push(await page.evaluate((s) => window.runKdf(s), candidate.spec));
				row.ms[`${rate}x`] = summary(samples);
			}
			results.push(row);
		}
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
		await context.close();
		const base1 = results.find((r) => r.chosen)?.ms['1x'].median;
		for (const r of results) r.relativeToChosen = base1 ? round(r.ms['1x'].median / base1) : null;
		return { chosen, runs, rates, results };
	} finally {
		if (!given) await browser.close();
	}
}

function sameSpec(a, b) {
	return a.name === b.name && a.N === b.N && a.r === b.r && a.p === b.p;
}
