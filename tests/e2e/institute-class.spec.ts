import { expect, test, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readClassCsv } from '../../src/lib/server/classes/readClassCsv';
import { expectNoAxeViolations, useConsoleSession } from './support/console';
import { AUTH } from './support/institute';

// Issue 16 part 1: a whole class from one CSV, in the console, against the built server on SQLite.

const CP949 = readFileSync(new URL('../fixtures/classes/class-cp949.csv', import.meta.url));
const tag = () => randomBytes(3).toString('hex');

/** A class CSV of `n` trainees with ids `<prefix>-0000`…, as UTF-8 (Excel's "CSV UTF-8" adds the BOM). */
function classCsv(prefix: string, n: number, bom = true): Buffer {
	const rows = Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(4, '0')},훈련생 ${i},010-${String(1000 + (i % 9000)).padStart(4, '0')}-${String(i % 10000).padStart(4, '0')}`);
	return Buffer.from(`${bom ? '\uFEFF' : ''}traineeId,name,phone\r\n${rows.join('\r\n')}\r\n`, 'utf8');
}

async function upload(page: Page, name: string, buffer: Buffer): Promise<void> {
	await page.goto('/institute/classes');
	await page.getByLabel('명단 CSV 파일').setInputFiles({ name, mimeType: 'text/csv', buffer });
	await page.getByRole('button', { name: '검사하고 발급하기' }).click();
}

/** The downloaded result CSV as bytes. */
async function downloadCsv(page: Page): Promise<Buffer> {
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('class-download').click()]);
	expect(download.suggestedFilename()).toMatch(/^motp-class-\d{4}-\d{2}-\d{2}\.csv$/);
	return readFileSync((await download.path())!);
}

test.beforeEach(async ({ context, browser }) => {
	await useConsoleSession(context, browser);
});

test('a CP949 file from Excel: one card per trainee, the CSV out, and every link enrolls', async ({ page, request }) => {
	// The fixture's ids are fixed (K-001…): give them fresh ones so reruns do not meet device holders.
	const t = tag();
	const text = new TextDecoder().decode(readFileSync(new URL('../fixtures/classes/class-utf8.csv', import.meta.url)));
	expect(readClassCsv(CP949).rows.map((r) => r.name)).toEqual(['홍길동', '김 똠방', '박햏, 주니어']);
	const { execFileSync } = await import('node:child_process');
	const cp949 = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'CP949'], { input: text.replaceAll('K-00', `K${t}-`) });
	await upload(page, 'class.csv', cp949);

	await expect(page.getByRole('heading', { name: '3명에게 발급했어요' })).toBeVisible();
	const cards = page.getByTestId('class-sheet').locator('li');
	await expect(cards).toHaveCount(3);
	await expect(cards.nth(1)).toContainText('김 똠방');
	await expect(cards.nth(2)).toContainText('박햏, 주니어');
	await expect(cards.nth(0).getByRole('img', { name: '홍길동 등록 링크 QR 코드' })).toBeVisible();
	await expect(cards.nth(0)).toContainText('휴대폰 카메라로 QR을 찍거나 링크를 열고');
	await expect(cards.nth(0)).toContainText(/\d{4}\. \d{2}\. \d{2}\. \d{2}:\d{2}:\d{2}까지 \(한국 시간\)/);

	const csv = await downloadCsv(page);
	expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const lines = csv.toString('utf8').slice(1).split('\r\n');
	expect(lines[0]).toBe('traineeId,name,phone,enrollUrl,enrollCode,expiresAt');
	expect(lines[3]).toMatch(new RegExp(`^K${t}-3,"박햏, 주니어",010-5555-6666,http://localhost:\\d+/enroll#[\\w-]{32},[0-9A-Z]{4}-[0-9A-Z]{4},\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+09:00$`));
	// The sheet and the CSV carry the same codes.
	const code = lines[1]!.split(',')[4]!;
	await expect(cards.nth(0)).toContainText(code);
	// Each link works: redeem the second trainee's by its token.
	const token = lines[2]!.split(',')[3]!.split('#')[1];
	const redeemed = await request.post('/api/v1/enroll/redeem', { data: { token } });
	expect(redeemed.status()).toBe(200);
	expect((await redeemed.json()).name).toBe('김 똠방');
	await expectNoAxeViolations(page);
});

test('every problem of a file at once, with row numbers, and nothing issued', async ({ page, request }) => {
	const t = tag();
	const file = Buffer.from(
		[`traineeId,name,phone`, `E${t}-1,홍길동,010-1234-5678`, `E${t} 2,김철수,010-1111-2222`, `E${t}-3, 이영희,010-12`, `E${t}-1,박민수,010-3333-4444`, `E${t}-5,,01012345678`].join('\n'),
		'utf8'
	);
	await upload(page, 'broken.csv', file);
	await expect(page.getByRole('alert')).toHaveText('고칠 곳이 5군데 있어요. 아무것도 발급하지 않았어요.');
	const items = page.getByTestId('class-problems').locator('li');
	await expect(items).toHaveText([
		/^3행 · 훈련생 ID/,
		/^4행 · 이름.*앞뒤 공백/,
		/^4행 · 전화번호.*10–11자리/,
		/^5행 · 훈련생 ID.*2행과 훈련생 ID가 같아요/,
		/^6행 · 이름.*비어 있어요/
	]);
	// All or none: not even the good first row was issued.
	expect((await request.get(`/api/v1/trainees/E${t}-1`, { headers: AUTH })).status()).toBe(404);
	await expectNoAxeViolations(page);
});

test('hostile uploads are refused in words: a workbook, binary, too large, undecodable, too many rows', async ({ page }) => {
	const cases: [string, Buffer, RegExp][] = [
		['class.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]), /엑셀 통합 문서/],
		['photo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), /텍스트 파일이 아니에요/],
		['big.csv', Buffer.alloc(300 * 1024, 0x41), /파일이 너무 커요\. 256KB까지/],
		['garbage.csv', Buffer.from([0x61, 0xff, 0xfe, 0xff, 0x62]), /인코딩을 읽을 수 없어요/],
		['huge-class.csv', classCsv(`M${tag()}`, 1001), /1,000명까지/]
	];
	for (const [name, buffer, says] of cases) {
		await upload(page, name, buffer);
		await expect(page.getByTestId('class-problems'), name).toContainText(says);
		await expect(page.getByTestId('class-problems').locator('li'), name).toHaveCount(1);
	}
});

test('re-issuing a class names who will lose their device and asks first; a double submit issues once', async ({ page, request }) => {
	const t = tag();
	const file = classCsv(`R${t}`, 3);
	await upload(page, 'class.csv', file);
	await expect(page.getByRole('heading', { name: '3명에게 발급했어요' })).toBeVisible();
	const lines = (await downloadCsv(page)).toString('utf8').split('\r\n');
	const token = lines[2]!.split(',')[3]!.split('#')[1];
	expect((await request.post('/api/v1/enroll/redeem', { data: { token } })).status()).toBe(200);

	await upload(page, 'class.csv', file);
	await expect(page.getByRole('heading', { name: '1명은 이미 기기에 등록돼 있어요' })).toBeVisible();
	await expect(page.getByTestId('reissue-holders')).toHaveText(`훈련생 1 R${t}-0001`);
	await expect(page.getByText('아직 아무것도 발급하지 않았어요.')).toBeVisible();
	await expectNoAxeViolations(page);
	// Asked, not issued: the enrolled trainee's device is untouched and no new link exists yet.
	const before = await (await request.get(`/api/v1/audit?traineeId=R${t}-0000`, { headers: AUTH })).json();
	expect(before.entries.filter((e: { action: string }) => e.action === 'enroll.issue')).toHaveLength(1);

	// Confirm with a double click: the button is disabled after the first, so one class is issued.
	await page.getByRole('button', { name: '1명의 기기를 바꾸고 모두 발급하기' }).dblclick();
	await expect(page.getByRole('heading', { name: '3명에게 발급했어요' })).toBeVisible();
	await expect(page.getByText('이 중 1명은 새 링크로 등록하면 지금 기기가 해지돼요.')).toBeVisible();
	const after = await (await request.get(`/api/v1/audit?traineeId=R${t}-0000`, { headers: AUTH })).json();
	expect(after.entries.filter((e: { action: string }) => e.action === 'enroll.issue')).toHaveLength(2);
	// The trainee's device still works until the new link is used (status stays enrolled).
	expect((await (await request.get(`/api/v1/trainees/R${t}-0001`, { headers: AUTH })).json()).status).toBe('enrolled');
});

test('1,000 trainees: the sheet renders (and prints on A4, six to a page), and the CSV round-trips', async ({ page }) => {
	test.setTimeout(240_000);
	const t = tag();
	const file = classCsv(`B${t}`, 1000, false);
	await upload(page, 'thousand.csv', file);
	await expect(page.getByRole('heading', { name: '1,000명에게 발급했어요' })).toBeVisible({ timeout: 60_000 });
	const cards = page.getByTestId('class-sheet').locator('li');
	await expect(cards).toHaveCount(1000);
	// The QR codes are drawn in the browser, a slice at a time; printing waits for the last one.
	await expect(page.getByTestId('class-print')).toBeEnabled({ timeout: 60_000 });
	await expect(page.getByTestId('class-sheet').locator('svg[role=img]')).toHaveCount(1000);
	await expect(cards.last()).toContainText(`B${t}-0999`);

	const csv = await downloadCsv(page);
	const back = readClassCsv(new Uint8Array(csv));
	expect(back.rows).toEqual(readClassCsv(new Uint8Array(file)).rows);
	const lines = csv.toString('utf8').slice(1).trimEnd().split('\r\n');
	expect(lines).toHaveLength(1001);
	expect(new Set(lines.slice(1).map((l) => l.split(',')[4])).size).toBe(1000);
	// The last card on screen has the last row's code.
	await expect(cards.last()).toContainText(lines[1000]!.split(',')[4]!);

	// On paper: only the cards, two columns, never split across pages.
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('navigation')).toBeHidden();
	await expect(page.getByRole('heading', { name: '1,000명에게 발급했어요' })).toBeHidden();
	const boxes = await cards.evaluateAll((els) => els.slice(0, 4).map((e) => e.getBoundingClientRect()).map((r) => ({ x: Math.round(r.x), y: Math.round(r.y), h: Math.round(r.height) })));
	expect(boxes[0]!.y).toBe(boxes[1]!.y);
	expect(boxes[1]!.x).toBeGreaterThan(boxes[0]!.x);
	expect(boxes[2]!.y).toBeGreaterThan(boxes[0]!.y);
	const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
	const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
	expect(pages).toBe(Math.ceil(1000 / 6));
});
