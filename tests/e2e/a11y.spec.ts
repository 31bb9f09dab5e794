import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import axeCore from 'axe-core';
import { UA } from '../../src/lib/reach/userAgents.testing';
import { enrollUri, PIN, typePin, unlock } from './support/app';

// Issue 7, accessibility: axe-core finds no violations on any screen, in Korean and English, and
// in dark mode. The institute console is checked here in Korean, its default; its English pages
// (and its class enrollment's result screens) are checked in console-polish.spec.ts and
// institute-class.spec.ts.

const URI = 'otpauth://totp/HRDK:%ED%99%8D%EA%B8%B8%EB%8F%99?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=HRDK&period=60';
const API_KEY = 'e2e-test-key-0123456789abcdef0123456789';

/**
 * Every rule axe-core has, switched on: the default set plus the experimental ones
 * (label-content-name-mismatch, p-as-heading, …) and the ones off by default (AAA contrast,
 * identical links with the same purpose, …). axe runs experimental rules only when asked by name.
 */
const EVERY_RULE = Object.fromEntries(axeCore.getRules().map((r) => [r.ruleId, { enabled: true }]));
const EXPERIMENTAL = new Set(axeCore.getRules().filter((r) => r.tags.includes('experimental')).map((r) => r.ruleId));

/**
 * `pausedClock`: the screen holds the page's fake clock still (to keep a moment on screen), and axe
 * schedules its work with timers, so the clock is nudged forward 2 ms at a time while axe runs.
 */
async function expectNoViolations(page: Page, { pausedClock = false } = {}): Promise<void> {
	let done = false;
	// The clock is the context's: it also reaches the blank page axe opens (and closes) to finish its
	// run, and a runFor that meets that page closing fails. That is no failure of the page under
	// test, so the pump just tries again.
	const pump = pausedClock
		? (async () => {
				while (!done) await page.clock.runFor(2).catch(() => new Promise((r) => setTimeout(r, 5)));
			})()
		: Promise.resolve();
	// Wait for the pump to stop before anything is thrown, so a failure is axe's, not the pump's.
	const analysis = await new AxeBuilder({ page })
		.options({ rules: EVERY_RULE })
		.analyze()
		.then((r) => ({ r }), (error: unknown) => ({ error }))
		.finally(() => (done = true));
	await pump;
	if ('error' in analysis) throw analysis.error;
	const { violations } = analysis.r;
	expect(violations.map((v) => `${v.id} (${v.impact}${EXPERIMENTAL.has(v.id) ? ', experimental' : ''}): ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
}

/** Runs a function on the app's IndexedDB store `motp`/`kv` (the device store). */
async function withStore(page: Page, action: 'corrupt-vault' | 'drop-vault'): Promise<void> {
	await page.evaluate(async (what) => {
		const db = await new Promise<IDBDatabase>((res, rej) => {
			const r = indexedDB.open('motp');
			r.onsuccess = () => res(r.result);
			r.onerror = () => rej(r.error);
		});
		const tx = db.transaction('kv', 'readwrite');
		const store = tx.objectStore('kv');
		if (what === 'drop-vault') {
			store.delete('vault');
			store.delete('integrityKey');
		} else {
			const vault = await new Promise<string>((res) => (store.get('vault').onsuccess = (e) => res((e.target as IDBRequest<string>).result)));
			// One character of the stored JSON changed: the integrity check must refuse it.
			const i = vault.search(/[0-9a-f]{8}/);
			store.put(vault.slice(0, i) + (vault[i] === '0' ? '1' : '0') + vault.slice(i + 1), 'vault');
		}
		await new Promise((res) => (tx.oncomplete = res));
		db.close();
	}, action);
	await page.reload();
}

/** Distinct wrong PINs until the 5-strike lockout shows. A wrong PIN that passes the 8-bit check opens a wrong vault (1 in 256): lock again and go on. */
async function lockOut(page: Page): Promise<void> {
	await enrollUri(page, URI);
	await page.reload();
	let failures = 0;
	for (let i = 0; i < 40; i++) {
		const pin = String(100000 + i * 7919);
		if (pin === PIN) continue;
		await typePin(page, pin);
		failures++;
		const left = 5 - failures;
		const outcome = page
			.getByTestId('locked-out')
			.or(page.getByTestId('code').first())
			.or(page.getByRole('alert').filter({ hasText: new RegExp(`(^|\\D)${left}(\\D|$)`) }));
		await expect(outcome.first()).toBeVisible();
		if (await page.getByTestId('locked-out').isVisible()) return;
		if (await page.getByTestId('code').first().isVisible()) {
			await page.getByRole('button', { name: /^(잠그기|Lock)$/ }).click();
			failures = 0;
		}
	}
	throw new Error('no lockout after 40 wrong PINs');
}

interface Screen {
	name: string;
	userAgent?: string;
	/** The screen leaves the page's fake clock paused (see expectNoViolations). */
	pausedClock?: boolean;
	open: (page: Page) => Promise<void>;
}

const SCREENS: Screen[] = [
	{ name: 'welcome', open: async (p) => (await p.goto('/'), await expect(p.getByRole('link', { name: /등록 코드 입력|Enter enrollment code/ })).toBeVisible()) },
	{ name: 'enroll: PIN step', open: async (p) => (await p.goto(`/enroll#${URI}`), await expect(p.getByTestId('pin')).toBeVisible()) },
	{ name: 'enroll: code entry', open: async (p) => (await p.goto('/enroll'), await expect(p.getByTestId('enroll-code')).toBeVisible()) },
	{ name: 'enroll: bad link', open: async (p) => (await p.goto('/enroll#otpauth://totp/x?secret=1'), await expect(p.getByTestId('enroll-error')).toBeVisible()) },
	{ name: 'enroll: in-app gate (KakaoTalk, Android)', userAgent: UA.kakaoAndroid, open: async (p) => (await p.goto(`/enroll#${URI}`), await expect(p.getByTestId('open-external')).toBeVisible()) },
	{ name: 'enroll: in-app gate (Instagram, iOS)', userAgent: UA.instagramIos, open: async (p) => (await p.goto(`/enroll#${URI}`), await expect(p.getByTestId('in-app-gate')).toBeVisible()) },
	{ name: 'welcome: in-app gate (KakaoTalk, iOS)', userAgent: UA.kakaoIos, open: async (p) => (await p.goto('/'), await expect(p.getByTestId('open-external')).toBeVisible()) },
	{ name: 'welcome: iPhone install steps', userAgent: UA.iosSafari, open: async (p) => (await p.goto('/'), await expect(p.getByTestId('install-steps')).toBeVisible()) },
	{ name: 'enroll: iPhone install first', userAgent: UA.iosSafari, open: async (p) => (await p.goto(`/enroll#${URI}`), await expect(p.getByTestId('ios-install-first')).toBeVisible()) },
	{ name: 'codes (unlocked)', open: async (p) => enrollUri(p, URI) },
	{
		name: 'codes with the clock warning',
		open: async (p) => {
			await p.clock.install({ time: Date.now() + 4 * 60_000 });
			await enrollUri(p, URI);
			await expect(p.getByTestId('clock-warning')).toBeVisible();
		}
	},
	{
		name: 'codes: the next code, near the end of a step',
		pausedClock: true,
		open: async (p) => {
			await p.clock.install();
			await enrollUri(p, URI);
			// 5 s before the next 60-second boundary, still ahead of the page's clock.
			const nearEnd = await p.evaluate(() => {
				const now = Date.now();
				const end = Math.ceil(now / 60_000) * 60_000 - 5_000;
				return end > now + 500 ? end : end + 60_000;
			});
			await p.clock.pauseAt(nearEnd);
			await p.clock.runFor(1_500);
			await expect(p.locator('article .next')).toBeVisible();
		}
	},
	{ name: 'lock screen', open: async (p) => (await enrollUri(p, URI), await p.reload(), await expect(p.getByTestId('pin')).toBeVisible()) },
	{
		name: 'settings (unlocked)',
		open: async (p) => {
			await enrollUri(p, URI);
			await p.getByRole('navigation').getByRole('link', { name: /^(설정|Settings)$/ }).click();
			await expect(p.getByTestId('language')).toBeEnabled();
		}
	},
	{ name: 'add a key', open: async (p) => (await p.goto('/add'), await expect(p.getByRole('heading', { level: 1 })).toBeVisible()) },
	{ name: 'help', open: async (p) => (await p.goto('/help'), await expect(p.locator('#lockout')).toBeVisible()) },
	{ name: 'scan', open: async (p) => (await p.goto('/scan'), await expect(p.getByTestId('scan-camera')).toBeEnabled()) },
	{ name: 'locked out', open: lockOut },
	{ name: 'broken vault', open: async (p) => (await enrollUri(p, URI), await withStore(p, 'corrupt-vault'), await expect(p.getByTestId('vault-error')).toBeVisible()) },
	{ name: 'vanished vault', open: async (p) => (await enrollUri(p, URI), await withStore(p, 'drop-vault'), await expect(p.getByTestId('vault-vanished')).toBeVisible()) }
];

/** Logs into the institute console with the e2e key. */
async function consoleLogin(page: Page): Promise<void> {
	await page.goto('/institute/login');
	await page.getByLabel('API 키').fill(API_KEY);
	await page.getByRole('button', { name: '로그인' }).click();
	await expect(page).not.toHaveURL(/login/);
}

/** server.js's page for a form SvelteKit refused as cross-site (here: posted from a page with no origin). */
const REFUSED_FORM: Screen = {
	name: 'console: a refused form (403)',
	open: async (p) => {
		const base = `http://localhost:${process.env.E2E_PORT ?? 4173}`;
		await p.setContent(`<form method="post" action="${base}/institute/login"><input name="key" value="x" aria-label="key"><button>go</button></form>`);
		const answer = p.waitForResponse(`${base}/institute/login`);
		await p.getByRole('button').click();
		expect((await answer).status()).toBe(403);
		await expect(p.getByRole('heading', { name: '이 양식은 받을 수 없어요' })).toBeVisible();
		await expect(p.getByRole('heading', { name: 'This form was not accepted' })).toBeVisible();
	}
};

const CONSOLE: Screen[] = [
	{ name: 'console: login', open: async (p) => (await p.goto('/institute/login'), await expect(p.getByLabel('API 키')).toBeVisible()) },
	REFUSED_FORM,
	...['enroll', 'classes', 'verify', 'trainees', 'audit', 'audit/export'].map((path) => ({
		name: `console: ${path}`,
		open: async (p: Page) => {
			await consoleLogin(p);
			await p.goto(`/institute/${path}`);
			await expect(p.getByRole('heading', { level: 1 })).toBeVisible();
		}
	})),
	{
		name: 'console: enroll, issued',
		open: async (p: Page) => {
			await consoleLogin(p);
			await p.goto('/institute/enroll');
			await p.getByLabel('훈련생 ID').fill(`A11Y-${Date.now()}`);
			await p.getByLabel('이름').fill('홍 길동');
			await p.getByLabel('휴대폰 번호').fill('010-1234-5678');
			await p.getByRole('button', { name: '발급하기' }).click();
			await expect(p.getByRole('img', { name: '등록 링크 QR 코드' })).toBeVisible();
		}
	}
];

function axeEach(screens: Screen[]): void {
	for (const s of screens) {
		test.describe(s.name, () => {
			if (s.userAgent) test.use({ userAgent: s.userAgent });
			test('has no axe violations', async ({ page }) => {
				await s.open(page);
				await expectNoViolations(page, { pausedClock: s.pausedClock });
				if (s.pausedClock) await expect(page.locator('article .next'), 'still the moment the screen set up').toBeVisible();
			});
		});
	}
}

test.describe('Korean', () => {
	test.use({ locale: 'ko-KR' });
	axeEach([...SCREENS, ...CONSOLE]);
});

test.describe('English', () => {
	test.use({ locale: 'en-US' });
	axeEach(SCREENS);
});

test.describe('dark mode', () => {
	test.use({ locale: 'ko-KR', colorScheme: 'dark' });
	axeEach([...SCREENS, CONSOLE[0]!, REFUSED_FORM]);
});

test('screen readers: the code is spelled digit by digit, and the countdown speaks politely, once per step', async ({ page }) => {
	await page.clock.install();
	await enrollUri(page, URI);
	const code = page.getByTestId('code');
	const digits = (await code.textContent())?.trim() ?? '';
	expect(digits).toMatch(/^\d{6}$/);
	await expect(code).toHaveAttribute('aria-label', new RegExp(`(^|\\D)${digits.split('').join(' ')}(\\D|$)`));
	// WCAG 2.5.3 (label in name): the name starts with the code as shown, so saying what you see presses it.
	await expect(code).toHaveAccessibleName(new RegExp(`^${digits}\\b`));
	const live = page.locator('article [aria-live]');
	await expect(live).toHaveAttribute('aria-live', 'polite');
	const heard: string[] = [];
	for (let s = 0; s < 61; s++) {
		await page.clock.runFor(1000);
		heard.push((await live.textContent())?.trim() ?? '');
	}
	const changes = heard.filter((text, i) => i > 0 && text !== heard[i - 1]).length;
	expect(heard.some((text) => text !== ''), 'announced at least once').toBe(true);
	// One announcement near the end of the step and its removal: not a message every second.
	expect(changes).toBeLessThanOrEqual(2);
});
