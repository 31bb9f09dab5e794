import { expect, test } from '@playwright/test';

test.describe('English browser', () => {
	test.use({ locale: 'en-US' });
	test('prefers English, and settings switch to Korean and back', async ({ page }) => {
		await page.goto('/');
		await expect(page.getByRole('heading', { name: 'mOTP identity check for remote training' })).toBeVisible();
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await page.goto('/settings');
		await page.getByTestId('language').selectOption('ko');
		await expect(page.getByRole('heading', { name: '설정' })).toBeVisible();
		await page.reload();
		await expect(page.getByRole('heading', { name: '설정' })).toBeVisible();
		await page.getByTestId('language').selectOption('auto');
		await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
	});
});

test.describe('Korean and unknown browsers', () => {
	for (const locale of ['ko-KR', 'fr-FR', 'vi-VN']) {
		test(`${locale} gets Korean`, async ({ browser }) => {
			const context = await browser.newContext({ locale });
			const page = await context.newPage();
			await page.goto('/');
			await expect(page.getByRole('heading', { name: '원격훈련 본인인증 mOTP' })).toBeVisible();
			await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
			await context.close();
		});
	}
});

test('the web manifest makes the app installable', async ({ page, request }) => {
	await page.goto('/');
	const href = await page.locator('link[rel="manifest"]').getAttribute('href');
	expect(href).toBeTruthy();
	const manifest = await (await request.get(href!)).json();
	expect(manifest.display).toBe('standalone');
	expect(manifest.theme_color).toMatch(/^#/);
	expect(manifest.start_url).toBe('/');
	const purposes = manifest.icons.map((i: { purpose?: string }) => i.purpose ?? 'any');
	expect(purposes).toContain('maskable');
	for (const icon of manifest.icons) {
		const r = await request.get(icon.src);
		expect(r.ok(), icon.src).toBe(true);
		expect(r.headers()['content-type']).toContain('image/png');
	}
	const touch = await page.locator('link[rel="apple-touch-icon"]').getAttribute('href');
	expect((await request.get(touch!)).ok()).toBe(true);
	await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute('content', /^#/);
});
