import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Builder, By, Key, type WebDriver } from 'selenium-webdriver';
import type { Browser, Launch, LaunchOptions, Tab } from './Driver';
import { EngineMissingError } from './EngineMissingError';
import { xvfbDisplay } from './xvfb';
import { freePort } from '../support/freePort';
import { startProcess, stopProcess, waitUntil } from '../support/processes';

/** The first `/usr/lib/<multiarch>/<rest>` that exists (MiniBrowser and libfaketime live under the multiarch dir). */
function multiarch(rest: string): string | undefined {
	const lib = '/usr/lib';
	for (const dir of existsSync(lib) ? readdirSync(lib) : []) {
		const p = join(lib, dir, rest);
		if (existsSync(p)) return p;
	}
	return undefined;
}

const WEBKIT_WEBDRIVER = process.env.WEBKIT_WEBDRIVER_PATH ?? '/usr/bin/WebKitWebDriver';
// WebKitGTK's MiniBrowser comes with libwebkit2gtk-4.1-0, which webkit2gtk-driver depends on.
const MINIBROWSER = process.env.MINIBROWSER_PATH ?? multiarch('webkit2gtk-4.1/MiniBrowser');
const LIBFAKETIME = process.env.LIBFAKETIME_PATH ?? multiarch('faketime/libfaketime.so.1');

/**
 * The device clock made wrong for the whole browser: libfaketime (Debian `libfaketime`) preloaded
 * into WebKitWebDriver and so into MiniBrowser and its web, network and GPU processes. WebDriver
 * Classic runs no script before a page's own, so faking `Date` from the page would race the app;
 * a wrong system clock is also exactly what a trainee's phone has. The monotonic clock is left
 * real (FAKETIME_DONT_FAKE_MONOTONIC), like a hand-set wall clock.
 */
function fakeClockEnv(shiftMs: number): NodeJS.ProcessEnv {
	if (!LIBFAKETIME) throw new EngineMissingError('WebKit (wrong device clock)', 'libfaketime.so.1', 'libfaketime');
	if (shiftMs % 1000 !== 0) throw new RangeError('clockShiftMs must be whole seconds for libfaketime');
	const seconds = shiftMs / 1000;
	return {
		LD_PRELOAD: LIBFAKETIME,
		FAKETIME: `${seconds >= 0 ? '+' : ''}${seconds}`,
		FAKETIME_DONT_FAKE_MONOTONIC: '1',
		FAKETIME_DONT_RESET: '1'
	};
}

/**
 * WebDriver Classic has one "current window" per session; this serialises every command with the
 * window switch it needs, so two tabs can be driven "at once" from concurrent promises.
 */
class Serial {
	#tail: Promise<unknown> = Promise.resolve();
	run<T>(job: () => Promise<T>): Promise<T> {
		const next = this.#tail.then(job, job);
		this.#tail = next.catch(() => undefined);
		return next;
	}
}

class WebKitTab implements Tab {
	constructor(
		private readonly driver: WebDriver,
		private readonly handle: string,
		private readonly baseURL: string,
		private readonly serial: Serial,
		private readonly current: { handle: string }
	) {}

	#act<T>(job: () => Promise<T>): Promise<T> {
		return this.serial.run(async () => {
			if (this.current.handle !== this.handle) {
				await this.driver.switchTo().window(this.handle);
				this.current.handle = this.handle;
			}
			return job();
		});
	}

	goto(path: string): Promise<void> {
		return this.#act(() => this.driver.get(new URL(path, this.baseURL).href));
	}
	reload(): Promise<void> {
		return this.#act(() => this.driver.navigate().refresh());
	}
	url(): Promise<string> {
		return this.#act(() => this.driver.getCurrentUrl());
	}
	evaluate<A extends unknown[], R>(fn: (...args: A) => R | Promise<R>, ...args: A): Promise<Awaited<R>> {
		// Execute Async Script: the last argument is the callback; errors come back as data so that
		// the page's message (not a WebDriver wrapper's) reaches the test.
		const script = `const done = arguments[arguments.length - 1];
			const args = Array.prototype.slice.call(arguments, 0, -1);
			Promise.resolve().then(() => (${fn.toString()}).apply(null, args)).then(
				(v) => done({ ok: v === undefined ? null : v }),
				(e) => done({ error: String((e && e.stack) || e) }));`;
		return this.#act(async (): Promise<Awaited<R>> => {
			const r = (await this.driver.executeAsyncScript(script, ...args)) as { ok?: unknown; error?: string };
			if (r.error !== undefined) throw new Error(`in the page: ${r.error}`);
			return r.ok as Awaited<R>;
		});
	}
	type(selector: string, text: string, opts: { enter?: boolean } = {}): Promise<void> {
		return this.#act(async () => {
			const el = await this.driver.findElement(By.css(selector));
			await el.sendKeys(opts.enter ? text + Key.ENTER : text);
		});
	}
	click(selector: string): Promise<void> {
		return this.#act(async () => (await this.driver.findElement(By.css(selector))).click());
	}
	cookies(): Promise<{ name: string; value: string }[]> {
		return this.#act(async () => (await this.driver.manage().getCookies()).map((c) => ({ name: c.name, value: c.value })));
	}
}

/** WebKitGTK (the iPhone's engine) in MiniBrowser, through WebKitWebDriver, under Xvfb. */
export const launchWebKit: Launch = async (opts: LaunchOptions): Promise<Browser> => {
	if (!existsSync(WEBKIT_WEBDRIVER)) throw new EngineMissingError('WebKit', WEBKIT_WEBDRIVER, 'webkit2gtk-driver');
	if (!MINIBROWSER) throw new EngineMissingError('WebKit', 'MiniBrowser (/usr/lib/<arch>/webkit2gtk-4.1/MiniBrowser)', 'webkit2gtk-driver');
	const display = await xvfbDisplay();
	const port = await freePort();
	const timeZone = opts.timeZone ?? 'Asia/Seoul';
	const service = startProcess(WEBKIT_WEBDRIVER, [`--port=${port}`], {
		env: {
			...process.env,
			DISPLAY: display,
			// WebKitGTK takes navigator.languages from the process's language list.
			LANGUAGE: 'ko_KR',
			TZ: timeZone,
			...(opts.clockShiftMs ? fakeClockEnv(opts.clockShiftMs) : {})
		}
	});
	try {
		await waitUntil('WebKitWebDriver', async () => (await fetch(`http://127.0.0.1:${port}/status`)).ok);
		const driver = await new Builder()
			.usingServer(`http://127.0.0.1:${port}`)
			.withCapabilities({
				browserName: 'MiniBrowser',
				'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation', `--time-zone=${timeZone}`] }
			})
			.build();
		await driver.manage().setTimeouts({ script: 90_000, pageLoad: 60_000 });
		await driver.manage().window().setRect({ width: 390, height: 844 });
		const caps = await driver.getCapabilities();
		const serial = new Serial();
		const current = { handle: await driver.getWindowHandle() };
		const tabFor = (handle: string) => new WebKitTab(driver, handle, opts.baseURL, serial, current);
		const first = tabFor(current.handle);
		return {
			engine: 'webkit',
			version: `WebKitGTK ${String(caps.get('browserVersion'))} (MiniBrowser)`,
			means: {
				clock: 'libfaketime preloaded into the browser processes (the system clock is off; monotonic clock real)',
				offline: opts.network.description
			},
			tab: first,
			async newTab(kind = 'tab') {
				const handle = await serial.run(async () => {
					await driver.switchTo().newWindow(kind);
					current.handle = await driver.getWindowHandle();
					return current.handle;
				});
				return tabFor(handle);
			},
			cookies: () => first.cookies(),
			setOffline: (offline) => opts.network.setOffline(offline),
			async close() {
				await driver.quit().catch(() => undefined);
				await stopProcess(service);
			}
		};
	} catch (e) {
		await stopProcess(service);
		throw e;
	}
};
