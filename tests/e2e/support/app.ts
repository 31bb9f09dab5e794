import { expect, type Locator, type Page } from '@playwright/test';
import { independentTotp, type TotpSpec } from './independentTotp';

export const PIN = '482913';

/** Types a PIN into the `pin` field and presses Enter (the test contract). */
export async function typePin(page: Page, pin: string): Promise<void> {
	const field = page.getByTestId('pin');
	await expect(field).toBeEnabled();
	await field.fill(pin);
	await field.press('Enter');
}

/**
 * Opens `/enroll#<uri>` and completes it: a new PIN twice on a fresh device, or the existing PIN
 * once when the device already has a vault.
 */
export async function enrollUri(page: Page, uri: string, opts: { pin?: string; existing?: boolean } = {}): Promise<void> {
	const pin = opts.pin ?? PIN;
	await page.goto(`/enroll#${uri}`);
	await typePin(page, pin);
	if (!opts.existing) await typePin(page, pin);
	await expect(page).toHaveURL(/\/$/);
	await expect(page.getByTestId('code').first()).toBeVisible();
}

/** Unlocks the lock screen with the PIN. */
export async function unlock(page: Page, pin = PIN): Promise<void> {
	await typePin(page, pin);
	await expect(page.getByTestId('code').first()).toBeVisible();
}

/**
 * Asserts that a `code` element shows the independent implementation's code for the page's own
 * time. The page time is read before and after the code, so a step boundary in between is allowed.
 */
export async function expectCodeMatches(page: Page, code: Locator, spec: TotpSpec): Promise<string> {
	await expect(code).toHaveText(/^\d{6,8}$/);
	const before = await page.evaluate(() => Date.now());
	const shown = (await code.textContent())?.trim() ?? '';
	const after = await page.evaluate(() => Date.now());
	const expected = new Set([independentTotp(spec, before), independentTotp(spec, after)]);
	expect([...expected], `shown ${shown} at ${new Date(before).toISOString()}`).toContain(shown);
	return shown;
}

/** The card (article) whose issuer line is `issuer`. */
export function card(page: Page, issuer: string): Locator {
	return page.locator('article').filter({ has: page.locator('.issuer', { hasText: issuer }) });
}
