// Weight: the JS and CSS a fresh browser downloads to show each trainee screen, raw and
// compressed, with inline scripts counted as JS and inline styles as CSS. The budget is on the lock screen (`/`).
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { launchChromium, phoneContext } from './lib/browser.js';
import { readBuildManifest } from './lib/buildManifest.js';

/** Routes weighed. `/institute/login` is the console's door: it must share only the framework with `/`. */
export const ROUTES = ['/', '/enroll', '/settings', '/add', '/institute/login'];

/**
 * The lock screen proper: `/` in a browser that has enrolled (a fresh profile sees the welcome
 * screen at `/`), with the service worker blocked and the HTTP cache emptied, so every file is
 * fetched. The second figure goes on: the PIN typed, and everything loaded until the codes show.
 */
export const LOCK_SCREEN = '/ (enrolled, locked)';
export const LOCK_TO_CODES = '/ (enrolled: locked → codes)';
const ENROLL_URI = 'otpauth://totp/HRDK:%ED%99%8D%EA%B8%B8%EB%8F%99?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=HRDK&period=60';
const PIN = '482913';

/** Content that must never be in the lock screen's first load (optional code, loaded on demand). */
const FORBIDDEN_CONTENT = [
	{ what: 'QR decoder (ZXing / barcode-detector)', pattern: /zxing|barcode-detector|BarcodeDetector/ },
	{ what: 'QR generator (qrcode-generator, console only)', pattern: /createSvgTag|createDataURL|qrcode-generator/ }
];

const gzip = (buf) => gzipSync(buf, { level: 9 }).length;
const brotli = (buf) => brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/**
 * @typedef {object} Asset
 * @property {string} path - URL path, or `inline#n` for the nth inline script
 * @property {'js'|'css'} kind
 * @property {number} raw - decoded bytes
 * @property {number} gzip - gzip level 9, computed here
 * @property {number} brotli - brotli quality 11, computed here
 * @property {number | null} transferred - body bytes on the wire as Chromium reports them (the server precompresses)
 */

/**
 * Loads one route in a fresh profile and records every JS and CSS response until the network is
 * idle, plus the inline scripts of the HTML.
 * @param {import('playwright-core').Browser} browser
 * @param {string} base
 * @param {string} route
 */
async function weighRoute(browser, base, route, { enrolled = false, unlock = false } = {}) {
	const context = await phoneContext(browser, enrolled ? { serviceWorkers: 'block' } : {});
	if (enrolled) {
		const setup = await context.newPage();
		await setup.goto(`${base}/enroll#${ENROLL_URI}`);
		for (let i = 0; i < 2; i++) {
			await setup.locator('[data-testid=pin]:not([disabled])').fill(PIN);
			await setup.locator('[data-testid=pin]').press('Enter');
		}
		await setup.locator('[data-testid=code]').first().waitFor();
		const cdp = await context.newCDPSession(setup);
		await cdp.send('Network.clearBrowserCache');
		await cdp.detach();
		await setup.close();
	}
	const page = await context.newPage();
	/** @type {Promise<Asset | null>[]} */
	const pending = [];
	let html = '';
	page.on('response', (response) => {
		const url = new URL(response.url());
		if (url.origin !== base) return;
		const type = response.request().resourceType();
		const kind = type === 'script' || url.pathname.endsWith('.js') ? 'js' : type === 'stylesheet' || url.pathname.endsWith('.css') ? 'css' : null;
		const isDocument = type === 'document' && response.request().frame() === page.mainFrame();
		if (!kind && !isDocument) return;
		pending.push(
			(async () => {
				const body = await response.body().catch(() => null);
				if (!body) return null;
				if (isDocument) {
					html = body.toString('utf8');
					return null;
				}
				const sizes = await response.request().sizes().catch(() => null);
				return { path: url.pathname, kind, raw: body.length, gzip: gzip(body), brotli: brotli(body), transferred: sizes?.responseBodySize ?? null };
			})()
		);
	});
	await page.goto(base + (enrolled ? '/' : route), { waitUntil: 'networkidle' });
	// Lazy imports started by onMount (the update checker, the clock) land after `load`.
	await page.waitForTimeout(500);
	await page.waitForLoadState('networkidle');
	if (unlock) {
		await page.locator('[data-testid=pin]').fill(PIN);
		await page.locator('[data-testid=pin]').press('Enter');
		await page.locator('[data-testid=code]').first().waitFor();
		await page.waitForTimeout(500);
		await page.waitForLoadState('networkidle');
	}
	const assets = /** @type {Asset[]} */ ((await Promise.all(pending)).filter(Boolean));
	await context.close();

	let n = 0;
	for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
		const body = Buffer.from(m[1], 'utf8');
		assets.push({ path: `inline#${n++}`, kind: 'js', raw: body.length, gzip: gzip(body), brotli: brotli(body), transferred: null });
	}
	n = 0;
	for (const m of html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)) {
		const body = Buffer.from(m[1], 'utf8');
		assets.push({ path: `inline-style#${n++}`, kind: 'css', raw: body.length, gzip: gzip(body), brotli: brotli(body), transferred: null });
	}
	const sum = (kind, key) => assets.filter((a) => a.kind === kind).reduce((s, a) => s + (a[key] ?? 0), 0);
	const htmlBytes = Buffer.from(html, 'utf8');
	return {
		route,
		js: { files: assets.filter((a) => a.kind === 'js').length, raw: sum('js', 'raw'), gzip: sum('js', 'gzip'), brotli: sum('js', 'brotli'), transferred: sum('js', 'transferred') },
		css: { files: assets.filter((a) => a.kind === 'css').length, raw: sum('css', 'raw'), gzip: sum('css', 'gzip'), brotli: sum('css', 'brotli'), transferred: sum('css', 'transferred') },
		html: { raw: htmlBytes.length, gzip: gzip(htmlBytes) },
		assets,
	};
}

/**
 * @param {{ base: string, browser?: import('playwright-core').Browser }} options
 */
export async function measureWeight({ base, browser: given }) {
	const browser = given ?? (await launchChromium());
	try {
		const build = readBuildManifest();
		const routes = [];
		for (const route of ROUTES) routes.push(await weighRoute(browser, base, route));
		routes.push(await weighRoute(browser, base, LOCK_SCREEN, { enrolled: true }));
		routes.push(await weighRoute(browser, base, LOCK_TO_CODES, { enrolled: true, unlock: true }));

		const lock = routes.find((r) => r.route === LOCK_SCREEN);
		const consoleRoute = routes.find((r) => r.route === '/institute/login');
		const lockFiles = new Set(lock.assets.filter((a) => !a.path.startsWith('inline')).map((a) => a.path));
		const consoleFiles = new Set(consoleRoute.assets.filter((a) => !a.path.startsWith('inline')).map((a) => a.path));

		// What the lock screen must not carry.
		const violations = [];
		for (const f of lockFiles) {
			if (build.consoleOnly.has(f)) violations.push(`${f} is institute-console code`);
			if (build.qrDecoder.has(f)) violations.push(`${f} is QR-decoder code`);
		}
		for (const f of lockFiles) {
			const text = await fetch(base + f).then((r) => r.text());
			for (const { what, pattern } of FORBIDDEN_CONTENT) if (pattern.test(text)) violations.push(`${f} contains ${what} (${pattern})`);
		}
		// The console must share only the framework with the lock screen: no trainee route node,
		// and nothing that carries the vault's KDF.
		const shared = [...consoleFiles].filter((f) => lockFiles.has(f));
		for (const f of consoleFiles) {
			if (build.appNodes.has(f)) violations.push(`the console loads trainee screen ${f} (${build.nodeRoute.get(f)})`);
			if (!f.endsWith('.js')) continue;
			const text = await fetch(base + f).then((r) => r.text());
			if (/scrypt|argon2id/i.test(text)) violations.push(`the console loads ${f}, which contains the vault's KDF`);
		}
		const sharedAssets = lock.assets.filter((a) => shared.includes(a.path));
		return {
			routes,
			lockScreen: { route: LOCK_SCREEN, jsGzip: lock.js.gzip, jsRaw: lock.js.raw, cssGzip: lock.css.gzip, files: lock.js.files },
			consoleShares: {
				files: shared,
				raw: sharedAssets.reduce((s, a) => s + a.raw, 0),
				gzip: sharedAssets.reduce((s, a) => s + a.gzip, 0)
			},
			violations
		};
	} finally {
		if (!given) await browser.close();
	}
}
