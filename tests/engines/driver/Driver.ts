/**
 * The small, engine-neutral surface the trainee flows are written against (tests/engines/flows).
 * Two adapters implement it: WebKitGTK through WebKitWebDriver (selenium-webdriver, WebDriver
 * Classic) and Firefox ESR through WebDriver BiDi (puppeteer-core). Anything a flow needs beyond
 * these primitives (waiting, reading a testid, typing a PIN) is built on them once, in
 * `support/page.ts`, so both engines run exactly the same steps.
 */

export type EngineName = 'webkit' | 'firefox';

/** One browser tab. Every call acts on this tab, whichever tab acted last. */
export interface Tab {
	/** Navigates to `path` (relative to the base URL) and waits for the load event. */
	goto(path: string): Promise<void>;
	/** Reloads and waits for the load event. */
	reload(): Promise<void>;
	url(): Promise<string>;
	/**
	 * Runs a self-contained function in the page and returns its (JSON-serialisable) result,
	 * awaiting a returned promise. The function is sent as source text: it must not close over
	 * anything; pass what it needs as arguments. `undefined` comes back as `null`.
	 */
	evaluate<A extends unknown[], R>(fn: (...args: A) => R | Promise<R>, ...args: A): Promise<Awaited<R>>;
	/** Types into the first element matching `selector` with real key events, then Enter if asked. */
	type(selector: string, text: string, opts?: { enter?: boolean }): Promise<void>;
	/** Clicks the first element matching `selector` with a real pointer click. */
	click(selector: string): Promise<void>;
}

/** How this engine does what a flow asks for, said in the suite's output. */
export interface EngineMeans {
	/** How the device clock is made wrong (`clockShiftMs`). */
	clock: string;
	/** How the network is cut (`setOffline`). */
	offline: string;
}

export interface Browser {
	readonly engine: EngineName;
	/** Engine and version, e.g. "WebKitGTK 2.50.6". */
	readonly version: string;
	readonly means: EngineMeans;
	/** The first tab. */
	readonly tab: Tab;
	/**
	 * Opens another tab, or another window, of the same browser (same profile, same origin
	 * storage). A window stays visible beside the first, so its timers are not throttled the way a
	 * background tab's are (WebKit all but stops them).
	 */
	newTab(kind?: 'tab' | 'window'): Promise<Tab>;
	/** Every cookie the browser holds for the base URL, HttpOnly ones included. */
	cookies(): Promise<{ name: string; value: string }[]>;
	/** Cuts (or restores) the network for every tab of this browser. */
	setOffline(offline: boolean): Promise<void>;
	close(): Promise<void>;
}

/** A fallback way to cut the network, for an engine whose driver cannot: the suite's gate (support/Gate.ts). */
export interface NetworkSwitch {
	setOffline(offline: boolean): Promise<void>;
	readonly description: string;
}

export interface LaunchOptions {
	/** Origin of the app, e.g. `http://localhost:4300`. */
	baseURL: string;
	/** IANA time zone the browser runs in. Default `Asia/Seoul`. */
	timeZone?: string;
	/**
	 * How far the device's wall clock is off, in ms (+ = ahead), whole seconds. The monotonic
	 * clock (`performance.now()`) is left alone, as on a phone whose owner set the time by hand.
	 */
	clockShiftMs?: number;
	/** For engines whose driver has no network emulation. */
	network: NetworkSwitch;
}

/** Starts one fresh browser (a new, empty profile) for one flow. */
export type Launch = (opts: LaunchOptions) => Promise<Browser>;
