// Before/after for a start-up change: `node bench/compareStartup.js <other checkout> [runs]`
// serves the other checkout's build (built there first) next to this one and the bare page, and
// reopens all three interleaved, so the comparison is not at the mercy of a busy machine's drift.
import { launchChromium } from './lib/browser.js';
import { startServer } from './lib/server.js';
import { startStaticServer } from './lib/staticServer.js';
import { prepareApp, prepareBare, reopen } from './startup.js';
import { median, round } from './lib/stats.js';

const [other, runsArg] = process.argv.slice(2);
if (!other) throw new Error('usage: node bench/compareStartup.js <other checkout with a build> [runs]');
const runs = Number(runsArg ?? 9);
const port = Number(process.env.BENCH_PORT ?? 4194);
const servers = [await startServer({ port }), await startServer({ port: port + 2, cwd: other })];
const pages = await startStaticServer(port + 1);
const browser = await launchChromium();
try {
	const here = await prepareApp(browser, `http://localhost:${port}`);
	const there = await prepareApp(browser, `http://localhost:${port + 2}`);
	const bare = await prepareBare(browser, `http://localhost:${port + 1}`, here.kdf);
	const targets = [
		{ name: 'this checkout', context: here.context, url: `http://localhost:${port}/` },
		{ name: other, context: there.context, url: `http://localhost:${port + 2}/` },
		{ name: 'bare page', context: bare.context, url: bare.url }
	];
	for (const t of targets) {
		await t.context.setOffline(true);
		await reopen(t.context, t.url, 4);
		t.samples = [];
	}
	for (let i = 0; i < runs; i++) {
		for (const t of i % 2 ? [...targets].reverse() : targets) t.samples.push(await reopen(t.context, t.url, 4));
	}
	const bareTarget = targets[2];
	for (const t of targets) {
		const m = (k) => median(t.samples.map((s) => s[k]));
		const r = (k) => round(m(k) / median(bareTarget.samples.map((s) => s[k])));
		console.log(`${t.name}: PIN visible ${Math.round(m('pinVisible'))} ms (${r('pinVisible')}×), usable ${Math.round(m('pinUsable'))} ms (${r('pinUsable')}×), unlock ${Math.round(m('unlock'))} ms (${r('unlock')}×)`);
	}
} finally {
	await browser.close();
	for (const s of servers) await s.stop();
	await pages.stop();
}
