import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { randomBytes } from 'node:crypto';
import { PIN, typePin } from './support/app';
import { issueEnrollment, verify } from './support/institute';

const newId = (p: string) => `${p}-${randomBytes(4).toString('hex')}`;

test('a redeem whose answer is lost after the server committed: the app offers the retry, and ends with a code the server accepts', async ({ page, request }) => {
	const traineeId = newId('lost');
	const issued = await issueEnrollment(request, traineeId);
	let redeems = 0;
	await page.route('**/api/v1/enroll/redeem', async (route) => {
		redeems++;
		if (redeems === 1) {
			// The server receives the redeem and commits it; the answer never reaches the app.
			const committed = await route.fetch();
			expect(committed.status()).toBe(200);
			await route.abort('connectionreset');
			return;
		}
		await route.continue();
	});
	await page.goto(issued.enrollUrl);
	await expect(page.getByText('홍길동')).toBeVisible();
	await typePin(page, PIN);
	await typePin(page, PIN);
	const retry = page.getByTestId('enroll-retry');
	await expect(retry).toContainText('인터넷에 연결되어 있지 않아요');
	await expect(retry).toContainText('같은 등록 링크로 안전하게 다시 시도');
	expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);
	// The server already holds the secret: the enrollment is spent for anyone without the app's retry key.
	expect(await (await request.post('/api/v1/enroll/redeem', { data: { token: issued.enrollUrl.split('#')[1] } })).json()).toMatchObject({ error: { code: 'ENROLLMENT_USED' } });
	// No PIN is asked again.
	await page.getByTestId('retry').click();
	const code = page.getByTestId('code');
	await expect(code).toHaveText(/^\d{6}$/);
	expect(redeems).toBe(2);
	expect(await verify(request, traineeId, (await code.textContent())!.trim())).toMatchObject({ result: 'accepted', traineeId });
	// And the vault holds exactly one account: the retry stored it once.
	await expect(code).toHaveCount(1);
});

test('a superseded link says to open the newest link, never "try again later"', async ({ page, request }) => {
	const traineeId = newId('sup');
	const first = await issueEnrollment(request, traineeId);
	await issueEnrollment(request, traineeId);
	await page.goto(first.enrollUrl);
	const error = page.getByTestId('enroll-error');
	await expect(error).toContainText('가장 최근에 받은 링크');
	await expect(error).not.toContainText('잠시 후');
	await expect(error).not.toContainText('서버 응답이 올바르지 않아요');
	await expect(page.getByTestId('pin')).toHaveCount(0);
});

test('offline while previewing: nothing is spent, and "check again" works once the network is back', async ({ page, request }) => {
	const issued = await issueEnrollment(request, newId('offline'));
	await page.route('**/api/v1/enroll/preview', (route) => route.abort('internetdisconnected'));
	await page.goto(issued.enrollUrl);
	const error = page.getByTestId('enroll-error');
	await expect(error).toContainText('지금은 등록 정보를 확인할 수 없어요');
	await expect(error).toContainText('인터넷에 연결되어 있지 않아요');
	expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);
	await page.unroute('**/api/v1/enroll/preview');
	await error.getByRole('button', { name: '다시 확인하기' }).click();
	await expect(page.getByText('홍길동')).toBeVisible();
	await expect(page.getByTestId('pin')).toBeVisible();
});
