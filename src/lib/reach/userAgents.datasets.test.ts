import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectBrowser, type BrowserInfo, type InAppBrowser } from './detectBrowser';
import { externalOpenUrl } from './externalOpenUrl';

// Issue 17: the detector against real user agents from five public datasets, kept with their
// provenance in tests/fixtures/user-agents/<source>/ (SOURCE.md beside each user-agents.json).

interface Row {
	ua: string;
	/** The dataset's own name for the client. */
	label: string;
	os: 'Android' | 'iOS' | 'iPadOS' | 'other';
	/** The dataset's verdict: the page runs inside an app, or in a browser. */
	kind: 'app' | 'browser';
	/** Globals the app puts on `window` (Telegram), where the dataset records them. */
	window?: string[];
}

const DIR = join(process.cwd(), 'tests/fixtures/user-agents');
const SOURCES = readdirSync(DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
const ROWS: [string, Row][] = SOURCES.flatMap((s) => (JSON.parse(readFileSync(join(DIR, s, 'user-agents.json'), 'utf8')) as Row[]).map((r): [string, Row] => [s, r]));

const detect = (r: Row): BrowserInfo =>
	detectBrowser(r.ua, { maxTouchPoints: r.os === 'iPadOS' ? 5 : 0, telegram: (r.window ?? []).some((w) => w.startsWith('Telegram')) });

/**
 * The oldest engines the app runs on at all: Vite's default build target ("baseline widely
 * available": Chrome 107, Safari 16). A browser older than that cannot open the app, so what the
 * gate would tell it does not matter; such rows are counted, not asserted, for the generic rules.
 */
function belowTheAppsFloor(ua: string): boolean {
	if (/\bAndroid\b/.test(ua)) return Number(/\bChrome\/(\d+)/.exec(ua)?.[1] ?? 0) < 107;
	return iosBelowTheFloor(ua);
}
function iosBelowTheFloor(ua: string): boolean {
	const ios = /\bOS (\d+)_/.exec(ua);
	return ios ? Number(ios[1]) < 16 : false;
}

/** The apps we name: the dataset's label (any of its spellings) → the name the detector must give. */
const NAMED: [RegExp, InAppBrowser[]][] = [
	[/^(IPHONE |IPAD |\w+ )?TELEGRAM$|^Telegram$/i, ['telegram']],
	[/WhatsApp/i, ['whatsapp']],
	[/TikTok/i, ['tiktok']],
	[/Snapchat/i, ['snapchat']],
	[/^(Google Search App|Google|GSA|\w+ GSA)$/, ['google']],
	// Meta labels Messenger rows that really carry Facebook's own FB4A mark, so either name is right.
	[/Messenger|Facebook/i, ['facebook', 'messenger']],
	[/Instagram/i, ['instagram']],
	[/Threads/i, ['threads']],
	[/Kakao/i, ['kakaotalk']],
	[/^(\w+ )?NAVER$|^Naver$/i, ['naver']],
	[/^(\w+ )?LINE$|^Line$/i, ['line']],
	[/WeChat/i, ['wechat']],
	[/Twitter/i, ['twitter']],
	[/^Daum$/, ['daum']]
];
const named = (r: Row) => NAMED.find(([label]) => label.test(r.label.replace(/^(Mobile App|Browser Webview): /, '')))?.[1];

/** The issue's list: each must be found in at least one row, on each OS named. */
const ISSUE_17: [InAppBrowser, Row['os'], RegExp?][] = [
	['telegram', 'Android'],
	['facebook', 'iOS', /MetaIAB/],
	['facebook', 'Android', /MetaIAB|FB_IAB/],
	['whatsapp', 'Android'],
	['whatsapp', 'iOS'],
	['google', 'iOS'],
	['tiktok', 'iOS'],
	['snapchat', 'iOS']
];

/**
 * In-app rows knowingly left alone, with the reason. Citrix Secure Web (WorxWeb) is a managed
 * company browser: a company phone may allow no other, so sending its user to Safari would strand them.
 */
const LEFT_ALONE = [/\bWorxWeb\//];

const PAGE = new URL('https://motp.example.kr/enroll#AbCdEfGhIjKlMnOpQrStUvWxYz012345');

describe('the user-agent datasets', () => {
	it('are all there, each with its provenance, and hold both kinds of rows', () => {
		expect(SOURCES).toEqual(['inapp-spy', 'matomo-device-detector', 'ua-parser-js', 'uap-core', 'yauaa']);
		for (const s of SOURCES) expect(readFileSync(join(DIR, s, 'SOURCE.md'), 'utf8')).toMatch(/^- commit: `[0-9a-f]{40}`/m);
		expect(ROWS.filter(([, r]) => r.kind === 'app').length).toBeGreaterThan(1000);
		expect(ROWS.filter(([, r]) => r.kind === 'browser').length).toBeGreaterThan(300);
	});

	it.each(ISSUE_17)('hold %s on %s, and the detector names it', (app, os, mark) => {
		const rows = ROWS.filter(([, r]) => r.kind === 'app' && r.os === os && named(r)?.includes(app) && (!mark || mark.test(r.ua)));
		expect(rows.length, `${app} on ${os} in the datasets`).toBeGreaterThan(0);
		for (const [source, r] of rows) expect(named(r), `${source}: ${r.ua}`).toContain(detect(r).inApp);
		expect(rows.some(([, r]) => detect(r).inApp === app)).toBe(true);
	});
});

describe('detectBrowser on every dataset row', () => {
	it('names every app we name, in every row, old or new', () => {
		const wrong = ROWS.filter(([, r]) => r.kind === 'app' && named(r) && !named(r)!.includes(detect(r).inApp as InAppBrowser));
		expect(wrong.map(([s, r]) => `${s} ${r.label}: ${detect(r).inApp} ← ${r.ua}`)).toEqual([]);
	});

	it('sends every other in-app browser out too (engines the app can run on)', () => {
		const missed = ROWS.filter(([, r]) => r.kind === 'app' && r.os !== 'other' && !belowTheAppsFloor(r.ua) && !LEFT_ALONE.some((m) => m.test(r.ua)) && detect(r).inApp === null);
		expect(missed.map(([s, r]) => `${s} ${r.label}: ${r.ua}`)).toEqual([]);
	});

	it('never tells a real browser to leave: Samsung Internet, Whale, Chrome, Safari, Edge, Firefox and the rest', () => {
		// Every browser row, old Android ones included (Whale's are Chrome 94). Only iOS before 16 is
		// left out: iOS 4–5 Safari sent no "Safari/" token, and one "Mobile Safari" row on iOS 15 is
		// really docomo's dmenu app; none of them can run the app.
		const asserted = ROWS.filter(([, r]) => r.kind === 'browser' && !iosBelowTheFloor(r.ua));
		const told = asserted.filter(([, r]) => detect(r).inApp !== null);
		expect(told.map(([s, r]) => `${s} ${r.label}: ${detect(r).inApp} ← ${r.ua}`)).toEqual([]);
		expect(asserted.length).toBeGreaterThan(250);
		const families = new Set(asserted.map(([, r]) => r.label));
		for (const want of [/Samsung/i, /Whale/i, /Chrome/i, /Safari/i, /Edge/i, /Firefox/i]) expect([...families].some((f) => want.test(f)), String(want)).toBe(true);
	});

	it('gives every in-app row a way out: a one-tap link, or (iOS before 17) the written steps', () => {
		for (const [source, r] of ROWS) {
			const info = detect(r);
			if (info.inApp === null) continue;
			const escape = externalOpenUrl(PAGE, info);
			if (info.os === 'android') expect(escape?.href, `${source}: ${r.ua}`).toMatch(/^(intent:\/\/|kakaotalk:\/\/|https:\/\/)/);
			if (info.os === 'ios' && (info.iosMajor ?? 0) >= 17) expect(escape?.href, `${source}: ${r.ua}`).toMatch(/^(x-safari-https:\/\/|kakaotalk:\/\/|https:\/\/)/);
		}
	});

	it('counts what the floor leaves out of the generic rules (reported, not hidden)', () => {
		const below = ROWS.filter(([, r]) => belowTheAppsFloor(r.ua));
		const apps = ROWS.filter(([, r]) => r.kind === 'app');
		console.log(
			`user-agent datasets: ${ROWS.length} rows from ${SOURCES.length} sources (${apps.length} in-app, ${ROWS.length - apps.length} browsers); ` +
				`${below.length} are engines older than the app's floor (Chrome 107 / iOS 16), left out of the generic in-app rule only`
		);
		expect(below.length).toBeLessThan(ROWS.length);
	});
});
