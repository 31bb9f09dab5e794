import { expect, test, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import qrcode from 'qrcode-generator';
import { UA } from '../../src/lib/reach/userAgents.testing';
import { expectCodeMatches, PIN, typePin } from './support/app';

// Issue 7: reach every trainee. In-app browsers get a way out and no PIN field; an iPhone browser
// tab gets the install steps and does not spend a one-time enrollment; the installed iPhone app
// enrolls with the typed code; a QR picture enrolls an account.

const API_KEY = 'e2e-test-key-0123456789abcdef0123456789';
const OTPAUTH = 'otpauth://totp/%ED%9B%88%EB%A0%A8%EC%9B%90:%ED%99%8D%EA%B8%B8%EB%8F%99?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=%ED%9B%88%EB%A0%A8%EC%9B%90&period=60';
const SPEC = { secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 60 } as const;

/** Issues an institute enrollment through the API; returns its link and code. */
async function issue(page: Page): Promise<{ traineeId: string; enrollUrl: string; enrollCode: string }> {
	const traineeId = `R-${randomBytes(4).toString('hex')}`;
	const res = await page.request.post(`/api/v1/trainees/${traineeId}/enrollment`, {
		headers: { authorization: `Bearer ${API_KEY}` },
		data: { name: '홍 길동', phone: '010-1234-5678' }
	});
	expect(res.status()).toBe(201);
	const json = (await res.json()) as { enrollUrl: string; enrollCode: string };
	return { traineeId, ...json };
}

/** Every /api/v1/enroll/* call the page makes. */
function enrollCalls(page: Page): string[] {
	const calls: string[] = [];
	page.on('request', (r) => {
		if (r.url().includes('/api/v1/enroll/')) calls.push(r.url());
	});
	return calls;
}

for (const [name, ua] of [
	['Android', UA.kakaoAndroid],
	['iOS', UA.kakaoIos]
] as const) {
	test.describe(`KakaoTalk on ${name}`, () => {
		test.use({ userAgent: ua });

		test('an otpauth link shows open-external (carrying the link) and no PIN field', async ({ page, baseURL }) => {
			await page.goto(`/enroll#${OTPAUTH}`);
			const escape = page.getByTestId('open-external');
			await expect(escape).toBeVisible();
			await expect(page.getByTestId('in-app-gate')).toContainText('카카오톡');
			await expect(page.getByTestId('pin')).toHaveCount(0);
			const href = new URL((await escape.getAttribute('href'))!);
			expect(href.protocol).toBe('kakaotalk:');
			// kakaotalk: is not a special scheme, so "web" is the URL's host.
			expect(`${href.host}${href.pathname}`).toBe('web/openExternal');
			const target = new URL(href.searchParams.get('url')!);
			expect(`${target.origin}${target.pathname}`).toBe(`${baseURL}/enroll`);
			expect(decodeURIComponent(target.hash.slice(1))).toBe(OTPAUTH);
			// The secret still left the address bar of the in-app browser.
			await expect(page).toHaveURL(/\/enroll$/);
		});

		test('a token link is not previewed or spent, and the welcome screen has the way out instead of the ways in', async ({ page }) => {
			const calls = enrollCalls(page);
			const { enrollUrl } = await issue(page);
			await page.goto(enrollUrl);
			await expect(page.getByTestId('open-external')).toBeVisible();
			await expect(page.getByTestId('pin')).toHaveCount(0);
			expect(calls).toEqual([]);
			await page.goto('/');
			await expect(page.getByTestId('open-external')).toBeVisible();
			await expect(page.getByRole('link', { name: '등록 코드 입력' })).toHaveCount(0);
		});
	});
}

test.describe('other in-app browsers', () => {
	test.describe('NAVER on Android', () => {
		test.use({ userAgent: UA.naverAndroid });
		test('gets a Chrome intent that keeps the fragment before #Intent;', async ({ page }) => {
			await page.goto('/enroll#AbCdEfGhIjKlMnOpQrStUvWxYz012345');
			const href = await page.getByTestId('open-external').getAttribute('href');
			expect(href).toMatch(/^intent:\/\/localhost:\d+\/enroll#AbCdEfGhIjKlMnOpQrStUvWxYz012345#Intent;scheme=http;package=com\.android\.chrome;end$/);
			await expect(page.getByTestId('pin')).toHaveCount(0);
		});
	});

	test.describe('Instagram on iOS 16', () => {
		test.use({ userAgent: UA.instagramIos });
		test('has no one-tap way out, so it shows the steps with a picture and the link to copy', async ({ page, context }) => {
			await context.grantPermissions(['clipboard-read', 'clipboard-write']);
			await page.goto(`/enroll#${OTPAUTH}`);
			await expect(page.getByTestId('in-app-gate')).toContainText('Safari로 열기');
			await expect(page.getByTestId('open-external')).toHaveCount(0);
			await expect(page.getByRole('img', { name: /Safari로 열기/ })).toBeVisible();
			await page.getByTestId('copy-link').click();
			const copied = await page.evaluate(() => navigator.clipboard.readText());
			expect(new URL(copied).hash.slice(1)).toBe(OTPAUTH);
			await expect(page.getByTestId('pin')).toHaveCount(0);
		});

		test('a trainee who means it can still continue here', async ({ page }) => {
			await page.goto(`/enroll#${OTPAUTH}`);
			await page.getByText('그래도 여기서 계속하기').click();
			await page.getByTestId('stay-in-app').click();
			await typePin(page, PIN);
			await typePin(page, PIN);
			await expectCodeMatches(page, page.getByTestId('code'), SPEC);
		});
	});
});

// Issue 17: the apps the detector used to miss. Each gets the gate (named), no PIN field, and its
// way out: a Chrome intent on Android; on iOS the written steps (over this test's plain http the
// x-safari-https:// button is not offered; externalOpenUrl.test.ts covers it for https).
const ISSUE_17_APPS: { name: string; userAgent: string; app: string; telegramObject?: 'TelegramWebview' | 'TelegramWebviewProxy' }[] = [
	{ name: 'Telegram on Android', userAgent: UA.telegramAndroid, app: '텔레그램' },
	{ name: 'Telegram on iOS (known by its page object)', userAgent: UA.telegramIos, app: '텔레그램', telegramObject: 'TelegramWebviewProxy' },
	{ name: 'WhatsApp on Android', userAgent: UA.whatsappAndroid, app: '왓츠앱' },
	{ name: 'WhatsApp on iOS', userAgent: UA.whatsappIos, app: '왓츠앱' },
	{ name: "Facebook's newer in-app browser (MetaIAB) on iOS", userAgent: UA.facebookMetaIabIos, app: '페이스북' },
	{ name: 'the Google app on iOS', userAgent: UA.googleIos, app: 'Google 앱' },
	{ name: 'TikTok on iOS', userAgent: UA.tiktokIos, app: '틱톡' },
	{ name: 'Snapchat on iOS', userAgent: UA.snapchatIos, app: '스냅챗' }
];

test.describe('more in-app browsers are led out', () => {
	for (const c of ISSUE_17_APPS) {
		test.describe(c.name, () => {
			test.use({ userAgent: c.userAgent });
			test('gets the gate that names the app and the way out, and no PIN field', async ({ page }) => {
				if (c.telegramObject) await page.addInitScript((name) => Object.defineProperty(window, name, { value: {} }), c.telegramObject);
				await page.goto(`/enroll#${OTPAUTH}`);
				const gate = page.getByTestId('in-app-gate');
				await expect(gate).toBeVisible();
				await expect(gate).toContainText(c.app);
				await expect(page.getByTestId('pin')).toHaveCount(0);
				if (/Android/.test(c.userAgent)) {
					await expect(page.getByTestId('open-external')).toHaveAttribute('href', /^intent:\/\/localhost:\d+\/enroll#otpauth%3A%2F%2F.*#Intent;scheme=http;package=com\.android\.chrome;end$/);
				} else {
					await expect(gate.getByRole('heading', { name: 'Safari에서 여는 방법' })).toBeVisible();
					await expect(page.getByTestId('copy-link')).toBeVisible();
				}
			});
		});
	}

	for (const [name, userAgent] of [
		['Samsung Internet', UA.samsungInternet],
		['Whale', UA.whaleAndroid],
		['Chrome on Android', UA.androidChrome],
		['Firefox on iOS', UA.firefoxIos],
		['Edge on iOS', UA.edgeIos]
	] as const) {
		test.describe(name, () => {
			test.use({ userAgent });
			test('is a real browser: no gate, the PIN step', async ({ page }) => {
				await page.goto(`/enroll#${OTPAUTH}`);
				// iOS browsers get the install-first step instead of the PIN field; neither is the gate.
				await expect(page.getByTestId('pin').or(page.getByTestId('ios-install-first'))).toBeVisible();
				await expect(page.getByTestId('in-app-gate')).toHaveCount(0);
			});
		});
	}
});

test.describe('iPhone Safari, not installed', () => {
	test.use({ userAgent: UA.iosSafari });

	test('the welcome screen shows the Add to Home Screen steps', async ({ page }) => {
		await page.goto('/');
		await expect(page.getByTestId('install-steps')).toBeVisible();
		await expect(page.getByTestId('install-steps')).toContainText('홈 화면에 추가');
	});

	test('a token link shows the install steps, is not spent, and the installed app enrolls with the typed code', async ({ page, browser, baseURL }) => {
		const calls = enrollCalls(page);
		const { traineeId, enrollUrl, enrollCode } = await issue(page);
		await page.goto(enrollUrl);
		await expect(page.getByTestId('install-steps')).toBeVisible();
		await expect(page.getByTestId('ios-install-first')).toContainText('8자리 등록 코드');
		await expect(page.getByTestId('pin')).toHaveCount(0);
		expect(calls).toEqual([]);

		// The Home Screen app: same user agent, iOS's navigator.standalone set (the one thing
		// Chromium cannot emulate by itself), and its own storage (a new context).
		const installed = await browser.newContext({ userAgent: UA.iosSafari, baseURL, locale: 'ko-KR', viewport: { width: 390, height: 844 } });
		await installed.addInitScript(() => Object.defineProperty(Navigator.prototype, 'standalone', { get: () => true }));
		const app = await installed.newPage();
		await app.goto('/');
		await expect(app.getByRole('link', { name: '등록 코드 입력' })).toBeVisible();
		await expect(app.getByTestId('install-steps')).toHaveCount(0);
		await app.getByRole('link', { name: '등록 코드 입력' }).click();
		await app.getByTestId('enroll-code').fill(enrollCode.toLowerCase());
		await app.getByTestId('confirm').click();
		await expect(app.getByText('홍 길동')).toBeVisible();
		await typePin(app, PIN);
		await typePin(app, PIN);
		const code = (await app.getByTestId('code').textContent())?.trim();
		const verdict = await app.request.post('/api/v1/verify', { headers: { authorization: `Bearer ${API_KEY}` }, data: { traineeId, code } });
		expect(await verdict.json()).toMatchObject({ result: 'accepted', traineeId });
		await installed.close();
	});

	test('an otpauth link shows the install steps, and may deliberately continue in Safari', async ({ page }) => {
		await page.goto(`/enroll#${OTPAUTH}`);
		await expect(page.getByTestId('install-steps')).toBeVisible();
		await expect(page.getByTestId('pin')).toHaveCount(0);
		await page.getByText('Safari에서 그냥 쓰기').click();
		await page.getByTestId('continue-in-safari').click();
		await typePin(page, PIN);
		await typePin(page, PIN);
		await expectCodeMatches(page, page.getByTestId('code'), SPEC);
	});
});

/** A PNG picture of a QR code holding `text`, as a phone screenshot would be (drawn by qrcode-generator, rendered by the browser). */
async function qrPng(page: Page, text: string): Promise<Buffer> {
	const qr = qrcode(0, 'M');
	qr.addData(text);
	qr.make();
	const other = await page.context().newPage();
	await other.setContent(`<body style="margin:0;background:#fff"><div id="qr" style="display:inline-block;padding:24px;background:#fff">${qr.createSvgTag({ cellSize: 6, margin: 4 })}</div></body>`);
	const png = await other.locator('#qr').screenshot({ type: 'png' });
	await other.close();
	return png;
}

test.describe('QR from a picture', () => {
	test('a QR image file of an otpauth URI enrolls the account', async ({ page }) => {
		await page.goto('/');
		await page.getByRole('link', { name: 'QR 코드 스캔' }).click();
		await expect(page).toHaveURL(/\/scan$/);
		const png = await qrPng(page, OTPAUTH);
		await page.getByTestId('scan-file').setInputFiles({ name: 'qr.png', mimeType: 'image/png', buffer: png });
		await expect(page).toHaveURL(/\/enroll$/);
		await expect(page.getByText('홍길동')).toBeVisible();
		await typePin(page, PIN);
		await typePin(page, PIN);
		await expectCodeMatches(page, page.getByTestId('code'), SPEC);
	});

	test('the institute’s QR (its enrollment link) enrolls through preview and redeem', async ({ page }) => {
		const { traineeId, enrollUrl } = await issue(page);
		await page.goto('/scan');
		await page.getByTestId('scan-file').setInputFiles({ name: 'qr.png', mimeType: 'image/png', buffer: await qrPng(page, enrollUrl) });
		await expect(page.getByText('홍 길동')).toBeVisible();
		await typePin(page, PIN);
		await typePin(page, PIN);
		const code = (await page.getByTestId('code').textContent())?.trim();
		const verdict = await page.request.post('/api/v1/verify', { headers: { authorization: `Bearer ${API_KEY}` }, data: { traineeId, code } });
		expect(await verdict.json()).toMatchObject({ result: 'accepted' });
	});

	test('a QR that is not an enrollment is refused with a reason', async ({ page }) => {
		await page.goto('/scan');
		await page.getByTestId('scan-file').setInputFiles({ name: 'qr.png', mimeType: 'image/png', buffer: await qrPng(page, 'https://example.com/menu') });
		await expect(page.getByTestId('scan-error')).toHaveText('OTP 등록용 QR 코드가 아니에요.');
		await expect(page).toHaveURL(/\/scan$/);
	});

	test('a file that is not a picture is refused with a reason', async ({ page }) => {
		await page.goto('/scan');
		await page.getByTestId('scan-file').setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not a picture') });
		await expect(page.getByTestId('scan-error')).toHaveText(/이 파일은 열 수 없어요/);
		await expect(page).toHaveURL(/\/scan$/);
	});
});

/** Presses Tab until `target` has the focus (at most 25 times). */
async function tabTo(page: Page, target: ReturnType<Page['getByTestId']>): Promise<void> {
	for (let i = 0; i < 25; i++) {
		await page.keyboard.press('Tab');
		if (await target.evaluate((el) => el === document.activeElement)) return;
	}
	throw new Error('not reachable with Tab');
}

test.describe('keyboard', () => {
	test('welcome → scan → the picture input, all with Tab and Enter', async ({ page }) => {
		await page.goto('/');
		const scanLink = page.getByRole('link', { name: 'QR 코드 스캔' });
		await expect(scanLink).toBeVisible();
		await tabTo(page, scanLink);
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(/\/scan$/);
		await expect(page.getByTestId('scan-camera')).toBeEnabled();
		await tabTo(page, page.getByTestId('scan-file'));
	});

	test.describe('in KakaoTalk', () => {
		test.use({ userAgent: UA.kakaoAndroid });
		test('the way out and the copy button are reachable with Tab', async ({ page }) => {
			await page.goto(`/enroll#${OTPAUTH}`);
			await expect(page.getByTestId('open-external')).toBeVisible();
			await tabTo(page, page.getByTestId('open-external'));
			await tabTo(page, page.getByTestId('copy-link'));
		});
	});
});
