import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import axeCore from 'axe-core';
import { API_KEY } from './institute';

/** Logs into the institute console with the e2e key (labels in either console language). */
export async function consoleLogin(page: Page): Promise<void> {
	await page.goto('/institute/login');
	await page.getByLabel(/API 키|API key/).fill(API_KEY);
	await page.getByRole('button', { name: /^(로그인|Log in)$/ }).click();
	await expect(page).not.toHaveURL(/login/);
}

let session: Promise<Parameters<BrowserContext['addCookies']>[0]> | undefined;

/**
 * Puts a console session into `context` without typing the key again: one login per test worker,
 * its cookie shared. The login form is rate-limited per address (10, then one a minute), and the
 * whole suite logs in from 127.0.0.1.
 */
export async function useConsoleSession(context: BrowserContext, browser: Browser): Promise<void> {
	session ??= (async () => {
		const own = await browser.newContext();
		await consoleLogin(await own.newPage());
		const { cookies } = await own.storageState();
		await own.close();
		return cookies;
	})();
	await context.addCookies(await session);
}

/** Every axe-core rule, experimental and off-by-default ones included (as a11y.spec.ts). */
const EVERY_RULE = Object.fromEntries(axeCore.getRules().map((r) => [r.ruleId, { enabled: true }]));

/** axe-core finds nothing on the page as it is now. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
	const { violations } = await new AxeBuilder({ page }).options({ rules: EVERY_RULE }).analyze();
	expect(violations.map((v) => `${v.id} (${v.impact}): ${v.help} → ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
}
