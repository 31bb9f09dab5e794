import { expect, test, type Locator, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { enrollUri, expectCodeMatches, unlock } from './support/app';
import { independentTotp, type TotpSpec } from './support/independentTotp';

/*
 * Issue 5, the clock. The server's time is the real time of this machine, which the test process
 * shares: `Date.now()` here is the TRUE time. `page.clock.install({ time })` gives the page a wrong
 * clock (Date, timers and performance.now) that then runs at the real pace.
 */

// An mOTP-like key: SHA1, 6 digits, 60-second steps.
const MOTP = {
	uri: 'otpauth://totp/HRDK:trainee01?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=HRDK&period=60',
	spec: { secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 60 } satisfies TotpSpec
};
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Asserts that `code` shows the independent implementation's code for the true time (plus
 * `shiftMs`, time the page was told had passed), allowing a step boundary between the reads.
 * Polls, because the correction lands when the measurement (or the stored one) arrives.
 */
async function expectCodeAtTrueTime(code: Locator, spec: TotpSpec, shiftMs = 0): Promise<void> {
	await expect(code).toHaveText(/^\d{6}$/);
	await expect
		.poll(async () => {
			const before = Date.now() + shiftMs;
			const shown = (await code.textContent())?.trim() ?? '';
			const after = Date.now() + shiftMs;
			const expected = [...new Set([independentTotp(spec, before), independentTotp(spec, after)])];
			return expected.includes(shown) ? 'ok' : `shown ${shown}, expected one of ${expected.join(', ')}`;
		})
		.toBe('ok');
}

/** The code the page's own (wrong) clock would give, to show the test can tell the two apart. */
async function deviceClockCode(page: Page, spec: TotpSpec): Promise<string> {
	return independentTotp(spec, await page.evaluate(() => Date.now()));
}

/**
 * Makes sure the service worker controls the page, so a reload works offline. The generated
 * worker does not claim open pages (registerType 'prompt'), so the first visit is not controlled:
 * reopen once, as a trainee does the next day, and unlock again.
 */
async function ensureServiceWorker(page: Page): Promise<void> {
	const controlled = await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		return navigator.serviceWorker.controller !== null;
	});
	if (controlled) return;
	await page.reload();
	await unlock(page);
	expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

async function openSettings(page: Page): Promise<void> {
	await page.getByRole('navigation').getByRole('link', { name: /^(설정|Settings)$/ }).click();
	await expect(page.getByRole('heading', { name: /^(시계|Clock)$/ })).toBeVisible();
}

async function openCodes(page: Page): Promise<void> {
	await page.getByRole('navigation').getByRole('link', { name: /^(코드|Codes)$/ }).click();
	await expect(page.getByTestId('code')).toBeVisible();
}

test.describe('a clock 4 minutes fast', () => {
	test('warns, and with correction on the codes equal the independent code at the true time', async ({ page }) => {
		await page.clock.install({ time: Date.now() + 4 * MINUTE });
		await enrollUri(page, MOTP.uri);
		const warning = page.getByTestId('clock-warning');
		await expect(warning).toContainText(/이 기기 시계가 (4분|3분 59초) 빨라요/);
		await expect(warning).toContainText('자동 날짜 및 시간');
		await expect(warning).toContainText('서버 시간으로 자동 보정');
		await expect(warning).not.toContainText('한국 시간'); // no zone diagnosis for 4 minutes
		await expect(page.getByTestId('clock-status')).toHaveText(/^서버 시간 기준\s*기기 시계 (4분|3분 59초) 빠름\s*방금 측정$/);

		const code = page.getByTestId('code');
		await expectCodeAtTrueTime(code, MOTP.spec);
		expect(await code.textContent()).not.toBe(await deviceClockCode(page, MOTP.spec));

		const axe = await new AxeBuilder({ page }).analyze();
		expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
	});

	test('the lock screen shows the warning too', async ({ page }) => {
		await page.clock.install({ time: Date.now() + 4 * MINUTE });
		await enrollUri(page, MOTP.uri);
		await page.reload();
		await expect(page.getByTestId('pin')).toBeVisible();
		await expect(page.getByTestId('clock-warning')).toContainText('빨라요');
		const axe = await new AxeBuilder({ page }).analyze();
		expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
		await unlock(page);
		await expectCodeAtTrueTime(page.getByTestId('code'), MOTP.spec);
	});

	test('fixing the clock afterwards does not move the codes, and the warning goes away', async ({ page }) => {
		await page.clock.install({ time: Date.now() + 4 * MINUTE });
		await enrollUri(page, MOTP.uri);
		await expect(page.getByTestId('clock-warning')).toBeVisible();
		// The user turns on automatic time: the wall clock jumps back; performance.now() does not.
		await page.clock.setSystemTime(Date.now());
		await expect(page.getByTestId('clock-warning')).toHaveCount(0);
		await expectCodeAtTrueTime(page.getByTestId('code'), MOTP.spec);
	});

	test('correction switched off: codes follow the device clock and the warning says they may be refused', async ({ page }) => {
		await page.clock.install({ time: Date.now() + 4 * MINUTE });
		await enrollUri(page, MOTP.uri);
		await expect(page.getByTestId('clock-warning')).toBeVisible();

		await openSettings(page);
		const toggle = page.getByTestId('clock-correction');
		await expect(toggle).toBeChecked();
		await toggle.uncheck();
		await openCodes(page);

		const warning = page.getByTestId('clock-warning');
		await expect(warning).toContainText('거부될 수 있어요');
		await expect(page.getByTestId('clock-status')).toHaveCount(0);
		const code = page.getByTestId('code');
		await expectCodeMatches(page, code, MOTP.spec); // the page's own clock

		// The choice is kept across a reload.
		await page.reload();
		await unlock(page);
		await expect(page.getByTestId('clock-warning')).toContainText('거부될 수 있어요');
		await expectCodeMatches(page, page.getByTestId('code'), MOTP.spec);
	});

	test('offline after a measurement, codes are still corrected and the age is shown', async ({ page, context }) => {
		await page.clock.install({ time: Date.now() + 4 * MINUTE });
		await enrollUri(page, MOTP.uri);
		await expect(page.getByTestId('clock-warning')).toBeVisible(); // measured (and stored)
		await ensureServiceWorker(page);

		// Three minutes pass on both of the page's clocks; then the network goes.
		await page.clock.fastForward('03:00');
		await context.setOffline(true);
		try {
			await page.reload();
			await unlock(page);
			await expect(page.getByTestId('clock-status')).toContainText(/3분 전 측정\s*\(오프라인\)/);
			await expect(page.getByTestId('clock-warning')).toContainText('서버 시간으로 자동 보정');
			const code = page.getByTestId('code');
			await expectCodeAtTrueTime(code, MOTP.spec, 3 * MINUTE);
			expect(await code.textContent()).not.toBe(await deviceClockCode(page, MOTP.spec));

			await openSettings(page);
			await expect(page.getByTestId('clock-facts')).toContainText('저장된 측정값');
			await expect(page.getByText('인터넷에 연결되어 있지 않아서')).toHaveCount(0); // offline is known: not even tried
		} finally {
			await context.setOffline(false);
		}
	});
});

test.describe('Europe/Berlin with the clock set to Korea time by hand', () => {
	test.use({ timezoneId: 'Europe/Berlin' });

	test('8 hours ahead gives the Korea-time diagnosis, and codes stay right', async ({ page }) => {
		await page.clock.install({ time: Date.now() + 8 * HOUR });
		await enrollUri(page, MOTP.uri);
		const warning = page.getByTestId('clock-warning');
		await expect(warning).toHaveAttribute('role', 'alert');
		await expect(warning).toContainText('이 기기 시계가 8시간 빨라요');
		await expect(warning).toContainText('한국 시간으로 직접 맞춘 것 같아요');
		await expect(warning).toContainText('시간대는 지금 있는 곳 그대로');
		await expect(warning).toContainText('어느 시간대에서나');
		await warning.getByText('설정 방법').click();
		await expect(warning).toContainText('설정 → 일반 → 날짜 및 시간 → 자동 날짜 및 시간 켜기');
		await expect(warning).toContainText('설정 → 일반 → 날짜 및 시간 → 자동으로 설정');
		await expectCodeAtTrueTime(page.getByTestId('code'), MOTP.spec);

		await openSettings(page);
		const facts = page.getByTestId('clock-facts');
		await expect(facts).toContainText('Europe/Berlin');
		await expect(page.getByTestId('clock-offset')).toContainText(/^\s*−(8시간|7시간 59분 59초)/);
	});

	test.describe('in English', () => {
		test.use({ locale: 'en-US' });
		test('says it in English', async ({ page }) => {
			await page.clock.install({ time: Date.now() + 8 * HOUR });
			await enrollUri(page, MOTP.uri);
			const warning = page.getByTestId('clock-warning');
			await expect(warning).toContainText("This device's clock is 8 h fast");
			await expect(warning).toContainText('set to Korea time by hand');
			await expect(warning).toContainText('keep your own time zone');
			await expect(warning).toContainText('works in any time zone');
		});
	});
});

test.describe('a correct clock in America/Los_Angeles', () => {
	test.use({ timezoneId: 'America/Los_Angeles' });

	test('gets no warning, and settings show device, server and Korea time', async ({ page }) => {
		await enrollUri(page, MOTP.uri);
		await openSettings(page);
		// Measured, and about zero: the time zone is not an error.
		await expect(page.getByTestId('clock-offset')).toHaveText(/^\s*[+−]?[01]초\s*\((정확함|기기가 빠름|기기가 느림)\)\s*$/);
		const facts = page.getByTestId('clock-facts');
		await expect(facts).toContainText('America/Los_Angeles');
		await expect(facts).toContainText('한국 시간 (KST)');
		await expect(facts).toContainText('방금');
		await openCodes(page);
		await expect(page.getByTestId('code')).toBeVisible();
		await expect(page.getByTestId('clock-warning')).toHaveCount(0);
		await expect(page.getByTestId('clock-status')).toHaveCount(0);
		await expectCodeAtTrueTime(page.getByTestId('code'), MOTP.spec);
	});
});
