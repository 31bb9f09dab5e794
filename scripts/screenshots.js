// Takes phone-sized screenshots (390×844) of every trainee screen in Korean and English, for a
// person to look at. Needs a running production server: `npm run build && PORT=4180 node build/index.js`,
// then `node scripts/screenshots.js [baseURL]`. Writes screenshots/<lang>-<screen>.png (git-ignored).
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const base = process.argv[2] ?? 'http://localhost:4180';
const uri = 'otpauth://totp/HRDK:%ED%99%8D%EA%B8%B8%EB%8F%99?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=HRDK&period=60';
const uri2 = 'otpauth://totp/Acme:alice%40example.com?secret=GEZDGNBVGY3TQOJQ&issuer=Acme&algorithm=SHA256&digits=8';
const PIN = '482913';
mkdirSync('screenshots', { recursive: true });

const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync']
});

for (const [lang, locale] of [['ko', 'ko-KR'], ['en', 'en-US']]) {
	for (const scheme of ['light', 'dark']) {
		const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, locale, colorScheme: scheme, isMobile: true, hasTouch: true });
		const page = await ctx.newPage();
		const shot = async (name) => {
			await page.waitForTimeout(300);
			await page.screenshot({ path: `screenshots/${lang}-${scheme}-${name}.png`, fullPage: true });
		};
		const pin = async () => {
			await page.getByTestId('pin').fill(PIN);
			await page.getByTestId('pin').press('Enter');
		};
		await page.goto(base + '/');
		await page.getByRole('heading').first().waitFor();
		await shot('welcome');
		if (scheme === 'dark') { await ctx.close(); continue; }
		await page.goto(base + '/enroll');
		await shot('enroll-code');
		await page.goto(base + '/enroll#' + uri);
		await page.getByTestId('pin').waitFor();
		await shot('enroll-pin');
		await pin();
		await pin();
		await page.getByTestId('code').first().waitFor();
		await page.goto(base + '/enroll#' + uri2);
		await pin();
		await page.getByTestId('code').nth(1).waitFor();
		await shot('codes');
		await page.getByTestId('code').first().click();
		await shot('codes-copied');
		await page.goto(base + '/settings');
		await shot('settings-locked');
		await page.goto(base + '/add');
		await shot('add');
		await page.goto(base + '/');
		await page.getByTestId('pin').waitFor();
		await page.getByTestId('pin').fill('000001');
		await page.getByTestId('pin').press('Enter');
		await page.getByRole('alert').waitFor().catch(() => {});
		await shot('lock');
		await page.goto(base + '/enroll#otpauth://totp/X?secret=ABC!&digits=12');
		await shot('bad-link');
		await ctx.close();
	}
}
await browser.close();
console.log('screenshots written to screenshots/');
