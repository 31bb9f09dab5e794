import { expect } from 'vitest';
import type { Tab } from '../driver/Driver';
import { independentTotp, type TotpSpec } from '../../e2e/support/independentTotp';

/**
 * The steps every flow is made of, written once on the {@link Tab} primitives so WebKit and
 * Firefox run exactly the same thing. The selectors are the app's public test contract
 * (`data-testid`, docs in the developers' guide).
 */

export const PIN = '482913';

/** CSS selector for a `data-testid`. */
export const tid = (id: string): string => `[data-testid="${id}"]`;

const DEFAULT_TIMEOUT = 45_000;

/**
 * Polls a self-contained in-page function until it returns something truthy, and returns that.
 * The timeout is generous because scrypt on a busy 2-core machine can take several seconds; it
 * is a bound on waiting, never an assertion about speed.
 */
export async function waitFor<A extends unknown[], R>(
	tab: Tab,
	what: string,
	fn: (...args: A) => R | Promise<R>,
	args: A,
	timeoutMs = DEFAULT_TIMEOUT
): Promise<NonNullable<Awaited<R>>> {
	const end = Date.now() + timeoutMs;
	let last: unknown;
	for (;;) {
		try {
			const v = await tab.evaluate(fn, ...args);
			if (v) return v as NonNullable<Awaited<R>>;
			last = v;
		} catch (e) {
			// A navigation in progress destroys the script's context; try again.
			last = e;
		}
		if (Date.now() > end) {
			// Say what the screen showed, so a failure in CI can be read without a rerun.
			const screen = await tab.evaluate(() => document.body.innerText.replace(/\s+/g, ' ').slice(0, 300)).catch(() => '?');
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${String(last)}); screen: ${screen}`);
		}
		await new Promise((r) => setTimeout(r, 150));
	}
}

/** The trimmed text of each element with this testid, in document order. */
export function texts(tab: Tab, testid: string): Promise<string[]> {
	return tab.evaluate((id: string) => [...document.querySelectorAll(`[data-testid="${id}"]`)].map((e) => (e.textContent ?? '').trim()), testid);
}

/** Waits until an element with this testid exists and returns its trimmed text. */
export function waitForTestId(tab: Tab, testid: string, timeoutMs?: number): Promise<string> {
	return waitFor(
		tab,
		`[data-testid="${testid}"]`,
		(id: string) => {
			const e = document.querySelector(`[data-testid="${id}"]`);
			return e ? (e.textContent ?? '').trim() || ' ' : null;
		},
		[testid],
		timeoutMs
	).then((t) => t.trim());
}

/** Waits until the page's visible text contains `text`. */
export async function waitForText(tab: Tab, text: string, timeoutMs?: number): Promise<void> {
	await waitFor(tab, JSON.stringify(text), (t: string) => document.body.innerText.includes(t), [text], timeoutMs);
}

/** The page's visible text. */
export function bodyText(tab: Tab): Promise<string> {
	return tab.evaluate(() => document.body.innerText);
}

/** Types a PIN into the `pin` field and presses Enter (the test contract), once the field is ready for it. */
export async function typePin(tab: Tab, pin: string): Promise<void> {
	await waitFor(
		tab,
		'an enabled, empty PIN field',
		() => {
			const f = document.querySelector<HTMLInputElement>('[data-testid="pin"]');
			return f !== null && !f.disabled && f.value === '';
		},
		[]
	);
	await tab.type(tid('pin'), pin, { enter: true });
}

/** Waits until the app shows codes on `/` (enrolled or unlocked). */
export async function waitForCodes(tab: Tab, count = 1): Promise<void> {
	await waitFor(
		tab,
		`${count} code(s) on /`,
		(n: number) => location.pathname === '/' && [...document.querySelectorAll('[data-testid="code"]')].filter((e) => /^\d{6,8}$/.test((e.textContent ?? '').trim())).length >= n,
		[count]
	);
}

/**
 * Opens `/enroll#<uri>` and completes it: a new PIN twice on a fresh device, or the existing PIN
 * once when the device already has a vault. Same steps as the Chromium suite's `enrollUri`.
 */
export async function enrollUri(tab: Tab, uri: string, opts: { pin?: string; existing?: boolean; codesAfter?: number } = {}): Promise<void> {
	const pin = opts.pin ?? PIN;
	await tab.goto(`/enroll#${uri}`);
	await typePin(tab, pin);
	if (!opts.existing) await typePin(tab, pin);
	await waitForCodes(tab, opts.codesAfter ?? 1);
}

/** Unlocks the lock screen with the PIN. */
export async function unlock(tab: Tab, pin = PIN, codes = 1): Promise<void> {
	await typePin(tab, pin);
	await waitForCodes(tab, codes);
}

/** The code shown on the card whose issuer line is `issuer` (or the first card), with the page's own clock before and after reading it. */
function readCode(tab: Tab, issuer: string | null): Promise<{ shown: string; before: number; after: number } | null> {
	return tab.evaluate((want: string | null) => {
		const before = Date.now();
		const card = [...document.querySelectorAll('article')].find((a) => want === null || a.querySelector('.issuer')?.textContent?.trim() === want);
		const shown = card?.querySelector('[data-testid="code"]')?.textContent?.trim() ?? '';
		const after = Date.now();
		return /^\d{6,8}$/.test(shown) ? { shown, before, after } : null;
	}, issuer);
}

/**
 * Asserts that the code on screen is the independent implementation's (oathtool when installed)
 * for `clock` — the page's own clock by default, or the test process's (true) clock. A step
 * boundary between the reads is allowed. Returns the code.
 */
export async function expectCodeMatches(
	tab: Tab,
	spec: TotpSpec,
	opts: { issuer?: string; clock?: 'page' | 'true' } = {}
): Promise<string> {
	for (let attempt = 0; ; attempt++) {
		const t0 = Date.now();
		const read = await readCode(tab, opts.issuer ?? null);
		const t1 = Date.now();
		if (!read) throw new Error(`no code on screen${opts.issuer ? ` for ${opts.issuer}` : ''}`);
		const [before, after] = opts.clock === 'true' ? [t0, t1] : [read.before, read.after];
		const expected = [...new Set([independentTotp(spec, before), independentTotp(spec, after)])];
		// The code on screen changes at most once a second (the ticker): one retry covers a read
		// that straddled a step boundary before the screen caught up.
		if (expected.includes(read.shown) || attempt >= 2) {
			expect(expected, `shown ${read.shown} at ${new Date(before).toISOString()}`).toContain(read.shown);
			return read.shown;
		}
		await new Promise((r) => setTimeout(r, 1100));
	}
}

/** Clicks the button whose text is exactly `label` (buttons the contract gives no testid). */
export async function clickButton(tab: Tab, label: string): Promise<void> {
	const found = await tab.evaluate((l: string) => {
		const b = [...document.querySelectorAll('button')].find((x) => (x.textContent ?? '').trim() === l);
		if (b) b.setAttribute('data-engines-target', '1');
		return b !== undefined;
	}, label);
	if (!found) throw new Error(`no button "${label}"`);
	await tab.click('[data-engines-target="1"]');
	await tab.evaluate(() => document.querySelector('[data-engines-target]')?.removeAttribute('data-engines-target'));
}

/** Follows the header navigation link to `href` (a client-side navigation: the session stays unlocked). */
export async function navigate(tab: Tab, href: '/' | '/settings' | '/help'): Promise<void> {
	await tab.click(`header nav a[href="${href}"]`);
	await waitFor(tab, `location ${href}`, (h: string) => location.pathname === h, [href]);
}

/** Waits until the service worker controls the page, so that a reload can be answered offline. */
export async function waitForServiceWorker(tab: Tab): Promise<void> {
	await waitFor(
		tab,
		'a service worker controlling the page',
		async () => {
			await navigator.serviceWorker.ready;
			return navigator.serviceWorker.controller !== null;
		},
		[]
	);
}
