import { existsSync } from 'node:fs';
import puppeteer, { type Browser as PuppeteerBrowser, type Page } from 'puppeteer-core';
import type { Browser, Launch, LaunchOptions, Tab } from './Driver';
import { EngineMissingError } from './EngineMissingError';
import { shiftDateInPage } from './shiftDateInPage';

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

class FirefoxTab implements Tab {
	constructor(
		readonly page: Page,
		private readonly baseURL: string
	) {}

	async goto(path: string): Promise<void> {
		await this.page.goto(new URL(path, this.baseURL).href, { waitUntil: 'load' });
	}
	async reload(): Promise<void> {
		await this.page.reload({ waitUntil: 'load' });
	}
	async url(): Promise<string> {
		return this.page.url();
	}
	evaluate<A extends unknown[], R>(fn: (...args: A) => R | Promise<R>, ...args: A): Promise<Awaited<R>> {
		// `undefined` comes back as `null`, as through WebDriver (JSON has no undefined).
		return this.page.evaluate(fn as (...a: unknown[]) => R, ...args).then((v) => (v === undefined ? null : v)) as Promise<Awaited<R>>;
	}
	async type(selector: string, text: string, opts: { enter?: boolean } = {}): Promise<void> {
		const el = await this.page.$(selector);
		if (!el) throw new Error(`no element matches ${selector}`);
		await el.type(text);
		if (opts.enter) await el.press('Enter');
	}
	async click(selector: string): Promise<void> {
		await this.page.click(selector);
	}
}

/** Firefox ESR over WebDriver BiDi (puppeteer-core), headless: it needs no display. */
export const launchFirefox: Launch = async (opts: LaunchOptions): Promise<Browser> => {
	if (!existsSync(FIREFOX)) throw new EngineMissingError('Firefox', FIREFOX, 'firefox-esr');
	const browser: PuppeteerBrowser = await puppeteer.launch({
		browser: 'firefox',
		protocol: 'webDriverBiDi',
		executablePath: FIREFOX,
		headless: true,
		// A fresh temporary profile per launch; the zone comes from the process environment.
		env: { ...process.env, TZ: opts.timeZone ?? 'Asia/Seoul' },
		extraPrefsFirefox: { 'intl.accept_languages': 'ko-KR, ko' }
	});
	const tabs: FirefoxTab[] = [];
	let offline = false;
	async function open(page: Page): Promise<FirefoxTab> {
		await page.setViewport({ width: 390, height: 844 });
		// BiDi script.addPreloadScript: runs before the page's scripts in every new document.
		if (opts.clockShiftMs) await page.evaluateOnNewDocument(shiftDateInPage, opts.clockShiftMs);
		if (offline) await page.setOfflineMode(true);
		const tab = new FirefoxTab(page, opts.baseURL);
		tabs.push(tab);
		return tab;
	}
	try {
		const first = await open((await browser.pages())[0] ?? (await browser.newPage()));
		return {
			engine: 'firefox',
			version: `Firefox ${(await browser.version()).replace(/^firefox\//i, '')}`,
			means: {
				clock: 'a BiDi preload script (script.addPreloadScript) moves Date; performance.now() real',
				offline: 'BiDi emulation.setNetworkConditions (offline) on every tab'
			},
			tab: first,
			newTab: async (kind = 'tab') => open(await browser.newPage(kind === 'window' ? { type: 'window' } : {})),
			cookies: async () => (await browser.cookies()).map((c) => ({ name: c.name, value: c.value })),
			async setOffline(on) {
				offline = on;
				await Promise.all(tabs.map((t) => t.page.setOfflineMode(on)));
			},
			async close() {
				await browser.close().catch(() => undefined);
			}
		};
	} catch (e) {
		await browser.close().catch(() => undefined);
		throw e;
	}
};
