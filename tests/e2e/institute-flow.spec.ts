import { expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PIN, typePin } from './support/app';
import { AUTH, issueEnrollment, otherCode, verify } from './support/institute';

const newId = (p: string) => `${p}-${randomBytes(4).toString('hex')}`;

test('issue → open the link → PIN → accepted → replayed (free) → 5 wrong lock → still locked → unlock → 4 left', async ({ page, request, baseURL }) => {
	const traineeId = newId('flow');
	const issued = await issueEnrollment(request, traineeId);
	// The token rides in the fragment of a link to this very app.
	expect(issued.enrollUrl.startsWith(`${baseURL}/enroll#`)).toBe(true);
	expect(issued.enrollCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);

	await page.goto(issued.enrollUrl);
	// The trainee sees the institute's name and their own before choosing a PIN.
	await expect(page.getByText('테스트훈련원')).toBeVisible();
	await expect(page.getByText('홍길동')).toBeVisible();
	await typePin(page, PIN);
	await typePin(page, PIN);
	const code = page.getByTestId('code');
	await expect(code).toHaveText(/^\d{6}$/);
	await expect(page.locator('article .issuer')).toHaveText('테스트훈련원');
	await expect(page.locator('article .name')).toHaveText('홍길동');

	const shown = (await code.textContent())!.trim();
	expect(await verify(request, traineeId, shown)).toEqual({ result: 'accepted', traineeId, failuresSinceLastSuccess: 0, lastFailureAt: null });
	// A double submit is refused and costs nothing (issue 12).
	expect(await verify(request, traineeId, shown)).toMatchObject({ result: 'rejected', reason: 'replayed', attemptsLeft: 5 });

	const wrong = otherCode(shown);
	const answers = [];
	for (let i = 0; i < 5; i++) answers.push(await verify(request, traineeId, wrong));
	expect(answers.map((a) => a.attemptsLeft)).toEqual([4, 3, 2, 1, undefined]);
	expect(answers[4]).toMatchObject({ result: 'locked' }); // 5 wrong in a row

	// The right (fresh) code while locked: still locked. Wait for the next step's code on screen.
	await expect(code).not.toHaveText(shown, { timeout: 65_000 });
	const fresh = (await code.textContent())!.trim();
	expect(await verify(request, traineeId, fresh)).toMatchObject({ result: 'locked' });

	const unlocked = await request.post(`/api/v1/trainees/${traineeId}/unlock`, { headers: AUTH });
	expect(unlocked.ok()).toBe(true);
	expect(await verify(request, traineeId, otherCode(fresh))).toMatchObject({ result: 'rejected', reason: 'invalid', attemptsLeft: 4 });
	// The code refused while locked was never accepted, so it still works once.
	expect(await verify(request, traineeId, fresh)).toMatchObject({ result: 'accepted' });
});

test('enrolls by the typed enrollment code, as inside an installed iPhone app', async ({ page, request }) => {
	const traineeId = newId('typed');
	const issued = await issueEnrollment(request, traineeId, { name: '김 철수', phone: '010-9876-5432' });
	await page.goto('/enroll');
	await page.getByTestId('enroll-code').fill(issued.enrollCode.toLowerCase().replace('-', ' '));
	await page.getByTestId('confirm').click();
	await expect(page.getByText('김 철수')).toBeVisible();
	await typePin(page, PIN);
	await typePin(page, PIN);
	const shown = (await page.getByTestId('code').textContent())!.trim();
	expect(await verify(request, traineeId, shown)).toMatchObject({ result: 'accepted' });
});

test('a reused link and a wrong typed code are refused with a clear message', async ({ page, request, browser }) => {
	const traineeId = newId('reuse');
	const issued = await issueEnrollment(request, traineeId);
	await page.goto(issued.enrollUrl);
	await typePin(page, PIN);
	await typePin(page, PIN);
	await expect(page.getByTestId('code')).toBeVisible();

	// The same link on another device (a fresh context): spent.
	const other = await browser.newContext();
	const second = await other.newPage();
	await second.goto(issued.enrollUrl);
	await expect(second.getByTestId('enroll-error')).toContainText('이미 사용한 등록 링크예요');
	await expect(second.getByTestId('pin')).toHaveCount(0);
	// And its typed code too.
	await second.goto('/enroll');
	await second.getByTestId('enroll-code').fill(issued.enrollCode);
	await second.getByTestId('confirm').click();
	await expect(second.getByRole('alert')).toContainText('이미 사용한');
	// A code nobody issued.
	await second.getByTestId('enroll-code').fill('ZZZZ-ZZZZ');
	await second.getByTestId('confirm').click();
	await expect(second.getByRole('alert')).toContainText('등록 정보를 찾을 수 없어요');
	await other.close();
});

test('a new enrollment, once redeemed, revokes the previous device (one person, one device)', async ({ browser, request }) => {
	const traineeId = newId('swap');
	const codes: string[] = [];
	for (let i = 0; i < 2; i++) {
		const ctx = await browser.newContext();
		const page = await ctx.newPage();
		await page.goto((await issueEnrollment(request, traineeId)).enrollUrl);
		await typePin(page, PIN);
		await typePin(page, PIN);
		codes.push((await page.getByTestId('code').textContent())!.trim());
		await ctx.close();
	}
	// Two different secrets: the old device's code is not the new one's (1 in 10^6 to collide).
	expect(codes[0]).not.toBe(codes[1]);
	expect(await verify(request, traineeId, codes[0]!)).toMatchObject({ result: 'rejected', reason: 'invalid' });
	expect(await verify(request, traineeId, codes[1]!)).toMatchObject({ result: 'accepted' });
});

test('an expired link is refused with a clear message', async ({ browser }) => {
	// A second server whose enrollments expire after about a second.
	const port = Number(process.env.E2E_PORT ?? 4173) + 20;
	const dir = mkdtempSync(join(tmpdir(), 'motp-expiry-'));
	const origin = `http://localhost:${port}`;
	const server = spawn(process.execPath, ['build/index.js'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: origin,
			MOTP_DATA_DIR: dir,
			MOTP_API_KEY: 'expiry-test-key-0123456789abcdef012345',
			MOTP_MASTER_KEY: '1'.repeat(64),
			MOTP_INSTITUTE_NAME: '만료훈련원',
			MOTP_ENROLL_TTL_HOURS: String(1 / 3600),
			DATABASE_URL: ''
		},
		stdio: 'ignore'
	});
	try {
		await expect.poll(async () => (await fetch(`${origin}/api/v1/time`).catch(() => null))?.status ?? 0, { timeout: 20_000 }).toBe(200);
		const res = await fetch(`${origin}/api/v1/trainees/late/enrollment`, {
			method: 'POST',
			headers: { authorization: 'Bearer expiry-test-key-0123456789abcdef012345', 'content-type': 'application/json' },
			body: JSON.stringify({ name: '홍길동', phone: '010-1234-5678' })
		});
		expect(res.status).toBe(201);
		const issued = (await res.json()) as { enrollUrl: string };
		await new Promise((r) => setTimeout(r, 1_500));
		const ctx = await browser.newContext({ baseURL: origin });
		const page = await ctx.newPage();
		await page.goto(issued.enrollUrl);
		await expect(page.getByTestId('enroll-error')).toContainText('유효 기간이 지났어요');
		await expect(page.getByTestId('pin')).toHaveCount(0);
		await ctx.close();
	} finally {
		server.kill();
		rmSync(dir, { recursive: true, force: true });
	}
});

test('the institute console: log in with the key, issue with a QR, verify by phone, unlock', async ({ page, browser, request }) => {
	await page.goto('/institute');
	await expect(page).toHaveURL(/\/institute\/login/);
	await page.getByLabel('API 키').fill('e2e-test-key-0123456789abcdef0123456789');
	await page.getByRole('button', { name: /로그인/ }).click();
	await expect(page).not.toHaveURL(/login/);
	const cookie = (await page.context().cookies()).find((c) => c.name === 'motp_session');
	expect(cookie?.httpOnly).toBe(true);
	expect(cookie?.sameSite).toBe('Strict');

	const traineeId = newId('console');
	// A phone number of this run's own: verifying by phone refuses a number two trainees share, and other specs enroll too.
	const phoneDigits = `0105${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
	const phoneNumber = `${phoneDigits.slice(0, 3)}-${phoneDigits.slice(3, 7)}-${phoneDigits.slice(7)}`;
	await page.goto('/institute/enroll');
	await page.getByLabel(/훈련생 ID/).fill(traineeId);
	await page.getByLabel('이름', { exact: true }).fill('이 영희');
	await page.getByLabel('휴대폰 번호').fill(phoneNumber);
	await page.getByRole('button', { name: '발급하기' }).click();
	const link = page.locator('input[readonly], code, a').filter({ hasText: /\/enroll#/ }).first();
	const qr = page.locator('img[alt*="QR"], svg').first();
	await expect(qr).toBeVisible();
	const url = (await page.content()).match(/http:\/\/localhost:\d+\/enroll#[A-Za-z0-9_-]+/)?.[0];
	expect(url, 'the enrollment link is on the page').toBeTruthy();
	void link;

	// The trainee enrolls on their phone.
	const phone = await browser.newContext();
	const app = await phone.newPage();
	await app.goto(url!);
	await typePin(app, PIN);
	await typePin(app, PIN);
	const shown = (await app.getByTestId('code').textContent())!.trim();
	await phone.close();

	// The seeds' verification screen: OTP 번호, 회원 전화번호, 인증하기.
	await page.goto('/institute/verify');
	await page.getByLabel('OTP 번호').fill(shown);
	await page.getByLabel('회원 전화번호').fill(phoneDigits);
	await page.getByRole('button', { name: '인증하기' }).click();
	await expect(page.getByRole('status').or(page.getByRole('alert')).first()).toContainText('인증됐어요');
	expect(await (await request.get(`/api/v1/trainees/${traineeId}`, { headers: AUTH })).json()).toMatchObject({ status: 'enrolled' });
});
