// Start-up: reopening the installed app offline, on a CPU throttled like a cheap phone, until the
// PIN field is on screen; then from Enter until the code is on screen. Every figure is also taken
// on the bare page (bench/pages/bare.html), the physical limit, in the same browser and the same
// run, interleaved with the app's runs so that drift on the machine hits both alike.
import { launchChromium, phoneContext } from './lib/browser.js';
import { PROBE } from './lib/probe.js';
import { summary, round } from './lib/stats.js';

export const ENROLL_URI =
	'otpauth://totp/HRDK:%ED%99%8D%EA%B8%B8%EB%8F%99?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=HRDK&period=60';
const PIN = '482913';

/** Waits until a service worker controls the page (the app claims clients on first install). */
async function controlled(page) {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller) {
			await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
		}
	});
}

/** The KDF parameters of the enrolled vault's PIN slot, read from IndexedDB (`motp`/`kv`/`vault`). */
async function vaultKdf(page) {
	return page.evaluate(
		() =>
			new Promise((resolve, reject) => {
				const open = indexedDB.open('motp');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const get = open.result.transaction('kv').objectStore('kv').get('vault');
					get.onsuccess = () => resolve(JSON.parse(get.result).header.slots.find((s) => s.type === 'pin').kdf);
					get.onerror = () => reject(get.error);
				};
			})
	);
}

/**
 * One reopen: a new tab, service workers stopped (a closed app's worker is not running), CPU
 * throttled, navigate, wait for the PIN field, type the PIN, wait for the code.
 */
export async function reopen(context, url, rate) {
	const page = await context.newPage();
	const cdp = await context.newCDPSession(page);
	try {
		await cdp.send('ServiceWorker.enable');
		await cdp.send('ServiceWorker.stopAllWorkers');
		await cdp.send('Emulation.setCPUThrottlingRate', { rate });
		let fromServiceWorker = null;
		page.on('response', (r) => {
			if (r.request().isNavigationRequest()) fromServiceWorker = r.fromServiceWorker();
		});
		await page.goto(url, { waitUntil: 'commit' });
		const wait = (name) => page.evaluate((n) => window.__benchWait(n), name);
		const pinVisible = await wait('pinVisible');
		const pinUsable = await wait('pinUsable');
		const pin = page.locator('[data-testid=pin]');
		// Typed key by key the moment the field is usable, as a trainee who knows the PIN does: in
		// the app that can be before it has started, and every digit must still count.
		await pin.pressSequentially(PIN);
		await pin.press('Enter');
		const typed = await wait('typed');
		const enter = await wait('enter');
		const refused = page
			.locator('form [role=alert]')
			.waitFor({ timeout: 120_000 })
			.then(async () => {
				throw new Error(`${url}: the PIN typed as soon as the field was usable was refused (${await page.locator('form [role=alert]').innerText()}): typing was lost`);
			});
		const codeVisible = await Promise.race([wait('codeVisible'), refused]);
		refused.catch(() => {});
		const fcp = await page.evaluate(() => window.__benchMarks.fcp ?? null);
		// The bare page's derivation time inside its worker (null in the app, which does not report it).
		const kdfTrip = await page.evaluate(() => window.__kdfTrip ?? null);
		if (fromServiceWorker !== true) throw new Error(`${url} was not answered by the service worker (offline reopen failed)`);
		return { pinVisible, pinUsable, typed, unlock: codeVisible - enter, fcp, kdfTrip };
	} finally {
		await cdp.detach().catch(() => {});
		await page.close();
	}
}

/**
 * A browser context where the app is enrolled (online) and its service worker controls the page.
 * @returns {Promise<{ context: import('playwright-core').BrowserContext, kdf: { N: number, r: number, p: number } }>}
 */
export async function prepareApp(browser, appBase) {
	const context = await phoneContext(browser);
	await context.addInitScript(PROBE);
	const setup = await context.newPage();
	await setup.goto(`${appBase}/enroll#${ENROLL_URI}`);
	for (let i = 0; i < 2; i++) {
		await setup.locator('[data-testid=pin]:not([disabled])').fill(PIN);
		await setup.locator('[data-testid=pin]').press('Enter');
	}
	await setup.locator('[data-testid=code]').first().waitFor();
	await controlled(setup);
	const kdf = await vaultKdf(setup);
	await setup.close();
	return { context, kdf };
}

/** A browser context where the bare page (with the app's KDF and parameters) is installed. */
export async function prepareBare(browser, bareBase, kdf) {
	const context = await phoneContext(browser);
	await context.addInitScript(PROBE);
	const url = `${bareBase}/bare.html?${new URLSearchParams(Object.entries(kdf).map(([k, v]) => [k, String(v)]))}`;
	const setup = await context.newPage();
	await setup.goto(url);
	await controlled(setup);
	await setup.close();
	return { context, url };
}

/**
 * @param {{ appBase: string, bareBase: string, runs?: number, rate?: number, browser?: import('playwright-core').Browser }} options
 */
export async function measureStartup({ appBase, bareBase, runs = 9, rate = 4, browser: given }) {
	const browser = given ?? (await launchChromium());
	try {
		const { context: app, kdf } = await prepareApp(browser, appBase);
		const { context: bare, url: bareUrl } = await prepareBare(browser, bareBase, kdf);

		await app.setOffline(true);
		await bare.setOffline(true);

		const samples = { app: [], bare: [] };
		// One unmeasured reopen each: the first start of a worker after install is not a reopen.
		await reopen(app, `${appBase}/`, rate);
		await reopen(bare, bareUrl, rate);
		for (let i = 0; i < runs; i++) {
			// Alternate who goes first, so neither always follows the other's garbage.
			const order = i % 2 ? ['bare', 'app'] : ['app', 'bare'];
			for (const who of order) samples[who].push(await reopen(who === 'app' ? app : bare, who === 'app' ? `${appBase}/` : bareUrl, rate));
		}
		// The same reopens without throttling, for the 1× figure (PIN entered → code visible).
		const unthrottled = { app: [], bare: [] };
		for (let i = 0; i < runs; i++) {
			const order = i % 2 ? ['bare', 'app'] : ['app', 'bare'];
			for (const who of order) unthrottled[who].push(await reopen(who === 'app' ? app : bare, who === 'app' ? `${appBase}/` : bareUrl, 1));
		}
		await app.close();
		await bare.close();

		const figures = (list) => ({
			pinVisible: summary(list.map((s) => s.pinVisible)),
			pinUsable: summary(list.map((s) => s.pinUsable)),
			typed: summary(list.map((s) => s.typed)),
			unlock: summary(list.map((s) => s.unlock)),
			fcp: summary(list.map((s) => s.fcp ?? NaN))
		});
		const a = figures(samples.app);
		const b = figures(samples.bare);
		// DevTools throttles the page's main thread only ("Operation is only supported for pages, not
		// workers" when asked to throttle a worker), so a KDF in a worker runs at full speed under the
		// 4× setting. The honest 4× unlock adds (rate − 1) × the worker's round trip (its start, the
		// WebAssembly compile and the derivation), measured in the bare page's worker (the same
		// WebAssembly KDF, the same parameters) during the same reopens: as if the worker's thread
		// were throttled like the page's. Only for a worker KDF: scrypt on the main thread is
		// throttled already.
		const kdfInWorker = summary(samples.bare.map((s) => s.kdfTrip).filter((x) => typeof x === 'number'));
		const workerShare = kdf.name === 'argon2id' && kdfInWorker.n > 0 ? (rate - 1) * kdfInWorker.median : 0;
		return {
			cpuThrottling: rate,
			runs,
			kdf,
			app: a,
			bare: b,
			unlock1x: { app: summary(unthrottled.app.map((s) => s.unlock)), bare: summary(unthrottled.bare.map((s) => s.unlock)) },
			kdfInWorker,
			unlockModelled: { app: round(a.unlock.median + workerShare), bare: round(b.unlock.median + workerShare), workerShare: round(workerShare) },
			ratios: {
				pinVisible: round(a.pinVisible.median / b.pinVisible.median),
				pinUsable: round(a.pinUsable.median / b.pinUsable.median),
				typed: round(a.typed.median / b.typed.median),
				unlock: round(a.unlock.median / b.unlock.median)
			}
		};
	} finally {
		if (!given) await browser.close();
	}
}
