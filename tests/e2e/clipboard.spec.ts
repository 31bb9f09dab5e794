import { expect, test, type Page } from '@playwright/test';
import { readStoredPref } from './support/vaultRecord';
import { enrollUri } from './support/app';

// Issue 8: a copied code is cleared from the clipboard when its step ends (a setting, on by
// default), only if the clipboard still holds it. page.clock moves the page's time (Date, timers,
// performance.now) ahead, so the step end comes without waiting a minute.

const URI = 'otpauth://totp/HRDK:trainee01?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=HRDK&period=60';

const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

test.beforeEach(async ({ page, context }) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await page.clock.install({ time: Date.now() });
	await enrollUri(page, URI);
});

test('the copied code is cleared from the clipboard when its step ends', async ({ page }) => {
	const code = page.getByTestId('code');
	const shown = (await code.textContent())!.trim();
	await code.click();
	await expect(page.getByText('복사했어요')).toBeVisible();
	expect(await clipboard(page)).toBe(shown);
	await page.clock.fastForward('01:01');
	await expect.poll(() => clipboard(page)).toBe('');
	await expect(page.getByText('시간이 끝난 코드를 클립보드에서 지웠어요')).toBeVisible();
});

test('something else copied meanwhile is left alone', async ({ page }) => {
	await page.getByTestId('code').click();
	await expect(page.getByText('복사했어요')).toBeVisible();
	await page.evaluate(() => navigator.clipboard.writeText('meeting notes'));
	await page.clock.fastForward('01:01');
	// Give the clear its chance to run, then check it did nothing.
	await page.clock.runFor(1000);
	expect(await clipboard(page)).toBe('meeting notes');
	await expect(page.getByText('시간이 끝난 코드를 클립보드에서 지웠어요')).toBeHidden();
});

test('switched off in settings, the code stays; the choice survives a reload', async ({ page }) => {
	await page.getByRole('navigation').getByRole('link', { name: '설정' }).click();
	const toggle = page.getByTestId('clear-clipboard');
	await expect(toggle).toBeEnabled();
	await expect(toggle).toBeChecked();
	await toggle.uncheck();
	// The choice is written to IndexedDB asynchronously; reload only once it is stored.
	await expect.poll(() => readStoredPref(page, 'clearClipboard')).toBe(false);
	await page.reload();
	await expect(page.getByTestId('clear-clipboard')).toBeEnabled();
	await expect(page.getByTestId('clear-clipboard')).not.toBeChecked();

	await page.goto('/');
	await page.getByTestId('pin').fill('482913');
	await page.getByTestId('pin').press('Enter');
	const code = page.getByTestId('code');
	const shown = (await code.textContent())!.trim();
	await code.click();
	await expect(page.getByText('복사했어요')).toBeVisible();
	await page.clock.fastForward('01:01');
	await page.clock.runFor(1000);
	expect(await clipboard(page)).toBe(shown);
});
