import { expect, test, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { expectNoAxeViolations, useConsoleSession } from './support/console';
import { AUTH, issueEnrollment, verify } from './support/institute';

// Issue 16 part 4: the console as a new user meets it, at phone size and on a desktop, in Korean
// and English, against the built server on SQLite.

const newId = (p: string) => `${p}-${randomBytes(3).toString('hex')}`;

/** A trainee enrolled on a device (issued and redeemed through the API). */
async function enrolled(request: import('@playwright/test').APIRequestContext, id: string, name = '홍길동', phone = '010-4444-5555') {
	const issued = await issueEnrollment(request, id, { name, phone });
	const res = await request.post('/api/v1/enroll/redeem', { data: { token: issued.enrollUrl.split('#')[1] } });
	expect(res.status()).toBe(200);
}

/** Locks a trainee with 5 wrong codes, then tries once more while locked. */
async function lockAndTry(request: import('@playwright/test').APIRequestContext, id: string) {
	for (let i = 0; i < 5; i++) await verify(request, id, '000000');
	expect(await verify(request, id, '000001')).toMatchObject({ result: 'locked' });
}

/** The trainee's card in the list. The list pages by id, 50 at a time: these tests' ids start with 0, so they sort first whatever else the run created. */
const cardOf = (page: Page, id: string) => page.locator('li.card', { hasText: id });

test('phone size: side padding on every page, 로그아웃 beside the institute, no lone tab', async ({ page, context, browser }) => {
	await useConsoleSession(context, browser);
	for (const path of ['enroll', 'classes', 'verify', 'trainees', 'audit']) {
		await page.goto(`/institute/${path}`);
		const h1 = await page.getByRole('heading', { level: 1 }).boundingBox();
		expect(h1!.x, path).toBeGreaterThanOrEqual(12);
		for (const box of await page.locator('.card').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()))) {
			expect(box.left, path).toBeGreaterThanOrEqual(12);
			expect(box.right, path).toBeLessThanOrEqual(390 - 12);
		}
		const who = (await page.getByText('테스트훈련원').boundingBox())!;
		const logout = (await page.getByRole('button', { name: '로그아웃' }).boundingBox())!;
		expect(Math.abs(logout.y + logout.height / 2 - (who.y + who.height / 2)), 'same row').toBeLessThan(8);
		const lang = (await page.getByRole('link', { name: 'English' }).boundingBox())!;
		expect(Math.abs(lang.y - logout.y), 'the switch on that row too').toBeLessThan(8);
		const tabs = await page.getByRole('navigation').getByRole('link').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
		const perRow = [...tabs.reduce((m, y) => m.set(y, (m.get(y) ?? 0) + 1), new Map<number, number>()).values()];
		expect(Math.min(...perRow), `${path}: tabs per row ${perRow}`).toBeGreaterThanOrEqual(2);
	}
});

test('등록 폐기 asks first; cancel keeps the trainee, 폐기하기 revokes', async ({ page, request, context, browser }) => {
	const id = newId('0RV');
	await enrolled(request, id, '폐기 시험');
	await useConsoleSession(context, browser);
	await page.goto('/institute/trainees');
	const card = cardOf(page, id);
	await card.getByText('등록 폐기', { exact: true }).click();
	await expect(card.getByText('이 훈련생의 등록을 폐기할까요?')).toBeVisible();
	await expectNoAxeViolations(page);
	// The tap that opened the question revoked nothing.
	expect((await (await request.get(`/api/v1/trainees/${id}`, { headers: AUTH })).json()).status).toBe('enrolled');
	await card.getByRole('button', { name: '취소' }).click();
	await expect(card.getByText('이 훈련생의 등록을 폐기할까요?')).toBeHidden();
	await card.getByText('등록 폐기', { exact: true }).click();
	await card.getByRole('button', { name: `폐기 시험 (${id}) 폐기하기` }).click();
	await expect(page.getByRole('status')).toHaveText(`${id}: 등록을 폐기했어요.`);
	expect((await (await request.get(`/api/v1/trainees/${id}`, { headers: AUTH })).json()).status).toBe('revoked');
});

test('forms show every error at once, each at its field', async ({ page, context, browser }) => {
	await useConsoleSession(context, browser);
	await page.goto('/institute/enroll');
	await page.getByLabel('훈련생 ID').fill('bad id!');
	await page.getByLabel('이름').fill(' 홍길동');
	await page.getByLabel('휴대폰 번호').fill('010-12');
	await page.getByRole('button', { name: '발급하기' }).click();
	await expect(page.getByTestId('field-error')).toHaveCount(3);
	await expect(page.getByRole('alert')).toHaveText('3곳을 고쳐 주세요.');
	await expect(page.getByLabel('휴대폰 번호')).toHaveAccessibleDescription(/10–11자리/);
	await expect(page.getByLabel('이름')).toHaveAttribute('aria-invalid', 'true');
	await expectNoAxeViolations(page);

	await page.goto('/institute/verify');
	await page.getByLabel('OTP 번호').fill('12');
	await page.getByRole('button', { name: '인증하기' }).click();
	await expect(page.getByTestId('field-error')).toHaveText(['OTP 번호는 숫자 6자리예요.', '전화번호는 숫자 10–11자리예요 (예: 010-1234-5678).']);
	await expectNoAxeViolations(page);
});

test('one register (해요체), and after an unlock the card says what happened, in order', async ({ page, request, context, browser }) => {
	const id = newId('0UL');
	await enrolled(request, id, '잠금 시험', '010-7777-1212');
	await lockAndTry(request, id);
	await useConsoleSession(context, browser);
	await page.goto('/institute/verify');
	await page.getByLabel('OTP 번호').fill('123456');
	await page.locator('summary', { hasText: '전화번호 대신 훈련생 ID로 인증' }).click();
	await page.getByLabel('훈련생 ID').fill(id);
	await page.getByRole('button', { name: '인증하기' }).click();
	await expect(page.getByRole('status')).toContainText('잠긴 훈련생이에요.');

	await page.goto('/institute/trainees');
	const card = cardOf(page, id);
	await expect(card.getByTestId('last-attempt')).toContainText('잠긴 상태라 거절됨');
	await card.getByRole('button', { name: `잠금 시험 (${id}) 잠금 해제` }).click();
	await expect(page.getByRole('status')).toHaveText(`${id}: 잠금을 해제했어요.`);
	await expect(cardOf(page, id).locator('.badge')).toHaveText('등록됨');
	await expect(cardOf(page, id).getByTestId('last-attempt')).toHaveText(/^\d{4}\. \d{2}\. \d{2}\. [\d:]{8} · 잠긴 상태라 거절됨 → 그 뒤 잠금 해제됨$/);

	await page.goto('/institute/audit');
	const events = await page.getByTestId('audit-event').allTextContents();
	expect(events).toContain('틀린 횟수가 차서 잠김');
	expect(events).toContain('OTP 인증 거절: 잠긴 상태');
	expect(events).toContain('잠금 해제');
	expect(events.join(' ')).not.toMatch(/잠김 완료|완료$/);
	// 해요체 everywhere: no 합니다체 sentence on any console page.
	for (const path of ['enroll', 'classes', 'verify', 'trainees', 'audit']) {
		await page.goto(`/institute/${path}`);
		expect(await page.locator('main').innerText(), path).not.toMatch(/(니다|습니까)[.?]?(\s|$)/);
	}
});

test.describe('English', () => {
	test.use({ locale: 'en-US' });

	test('follows Accept-Language; the switch (a cookie) wins and Korean stays the default', async ({ page, context, browser }) => {
		await page.goto('/institute/login');
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await expect(page.getByRole('heading', { name: 'Institute console login' })).toBeVisible();
		await useConsoleSession(context, browser);
		await page.goto('/institute/enroll');
		await expect(page.getByRole('heading', { name: 'Enroll a trainee' })).toBeVisible();
		await page.getByRole('link', { name: 'Class', exact: true }).click();
		await expect(page.getByRole('heading', { name: 'Enroll a class' })).toBeVisible();
		await expectNoAxeViolations(page);
		await page.getByRole('link', { name: '한국어' }).click();
		await expect(page).toHaveURL(/\/institute\/classes$/);
		await expect(page.getByRole('heading', { name: '반 전체 등록' })).toBeVisible();
		await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
		await page.goto('/institute/verify');
		await expect(page.getByRole('heading', { name: 'mOTP 인증' })).toBeVisible();
		await page.getByRole('link', { name: 'English' }).click();
		await expect(page.getByRole('heading', { name: 'mOTP verification' })).toBeVisible();

		// A browser asking for neither language gets Korean.
		const other = await browser.newContext({ locale: 'fr-FR' });
		const p = await other.newPage();
		await p.goto('/institute/login');
		await expect(p.getByRole('heading', { name: '기관 콘솔 로그인' })).toBeVisible();
		await other.close();
	});

	test('English pages pass axe, errors and results included', async ({ page, request, context, browser }) => {
		const id = newId('0EN');
		await enrolled(request, id, 'Kim Jiwoo', '010-3131-2020');
		await lockAndTry(request, id);
		await useConsoleSession(context, browser);
		await page.goto('/institute/enroll');
		await page.getByRole('button', { name: 'Issue' }).click();
		await expect(page.getByRole('alert')).toHaveText('Please fix 3 fields.');
		await expectNoAxeViolations(page);
		await page.goto('/institute/trainees');
		await expect(cardOf(page, id).getByTestId('last-attempt')).toContainText('refused: locked');
		await expectNoAxeViolations(page);
		await page.goto('/institute/audit');
		await expect(page.getByTestId('audit-event').filter({ hasText: 'Locked after too many wrong codes' }).first()).toBeVisible();
		await expectNoAxeViolations(page);
	});
});

/** Every console screen, in both languages, at phone and desktop size, for people to look at. */
test('screenshots of every console screen (ko, en; 390×844, 1280×800)', async ({ browser, request }) => {
	test.setTimeout(300_000);
	const dir = 'test-results/console-screens';
	mkdirSync(dir, { recursive: true });
	const id = newId('0SS');
	await enrolled(request, id, '스크린 샷', '010-2323-4545');
	await lockAndTry(request, id);
	const classCsv = (prefix: string) => Buffer.from(`traineeId,name,phone\n${prefix}-1,김하늘,010-1111-0001\n${prefix}-2,이 바다,010-1111-0002\n${prefix}-3,박산,010-1111-0003\n`);
	for (const locale of ['ko-KR', 'en-US']) {
		for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 800 }]) {
			const context = await browser.newContext({ locale, viewport, timezoneId: 'Asia/Seoul' });
			const page = await context.newPage();
			// Long lists (every trainee, 100 audit rows) are shot as the screen shows them, the rest whole.
			const shot = async (name: string, fullPage = true) => page.screenshot({ path: `${dir}/${name}-${locale.slice(0, 2)}-${viewport.width}.png`, fullPage });
			await page.goto('/institute/login');
			await shot('login');
			await useConsoleSession(context, browser);
			await page.goto('/institute/enroll');
			await shot('enroll');
			await page.getByRole('button', { name: /^(발급하기|Issue)$/ }).click();
			await expect(page.getByTestId('field-error')).toHaveCount(3);
			await shot('enroll-errors');
			await page.locator('#traineeId').fill(newId('SE'));
			await page.locator('#name').fill('홍 길동');
			await page.locator('#phone').fill('010-1234-5678');
			await page.getByRole('button', { name: /^(발급하기|Issue)$/ }).click();
			await expect(page.locator('#enroll-url')).toBeVisible();
			await shot('enroll-issued');
			await page.goto('/institute/classes');
			await shot('classes');
			await page.locator('#class-file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('traineeId,name,phone\nA 1,홍길동,010\nA-2,,01012345678\n') });
			await page.locator('form.card button[type=submit]').click();
			await expect(page.getByTestId('class-problems')).toBeVisible();
			await shot('classes-problems');
			const prefix = newId('SC');
			await page.locator('#class-file').setInputFiles({ name: 'class.csv', mimeType: 'text/csv', buffer: classCsv(prefix) });
			await page.locator('form.card button[type=submit]').click();
			await expect(page.getByTestId('class-print')).toBeEnabled();
			await shot('classes-issued');
			await page.emulateMedia({ media: 'print' });
			await shot('classes-print');
			await page.emulateMedia({ media: 'screen' });
			await page.goto('/institute/classes');
			await page.locator('#class-file').setInputFiles({ name: 'class.csv', mimeType: 'text/csv', buffer: Buffer.from(`traineeId,name,phone\n${id},스크린 샷,010-2323-4545\n`) });
			await page.locator('form.card button[type=submit]').click();
			await expect(page.getByTestId('reissue-holders')).toBeVisible();
			await shot('classes-reissue');
			await page.goto('/institute/verify');
			await shot('verify');
			await page.locator('#code').fill('12');
			await page.locator('form.card button[type=submit]').click();
			await expect(page.getByTestId('field-error').first()).toBeVisible();
			await shot('verify-errors');
			await page.locator('#code').fill('123456');
			await page.locator('details summary').click();
			await page.locator('#traineeId').fill(id);
			await page.locator('form.card button[type=submit]').click();
			await expect(page.getByRole('status')).toBeVisible();
			await shot('verify-locked');
			await page.goto('/institute/trainees');
			await shot('trainees', false);
			await cardOf(page, id).locator('summary').click();
			await cardOf(page, id).scrollIntoViewIfNeeded();
			await shot('trainees-revoke-ask', false);
			await page.goto('/institute/audit');
			await page.locator('form[action="?/check"] button').click();
			await expect(page.getByTestId('chain-result')).toBeVisible();
			await shot('audit', false);
			await context.close();
		}
	}
});
