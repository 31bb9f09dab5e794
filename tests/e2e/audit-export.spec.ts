import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import axeCore from 'axe-core';
import * as OTPAuth from 'otpauth';
import { API_KEY, AUTH, issueEnrollment, otherCode } from './support/institute';

// Issue 16 part 3: the audit log as HRDK inspects it, against the built server on SQLite. A trainee
// is enrolled, verified, locked, unlocked (in the console) and revoked; the console's timeline shows
// it in order with who did each; the export downloads as CSV and JSON lines with filters; the
// offline verifier (`npm run audit:verify`, plain node) passes the downloaded files and fails
// tampered copies.

const work = mkdtempSync(join(tmpdir(), 'motp-audit-export-'));

/** Runs the verifier as an inspector would; its exit code and output. */
function verifyFile(file: string, ...args: string[]): { code: number; out: string } {
	try {
		return { code: 0, out: execFileSync(process.execPath, ['scripts/audit-verify.js', file, ...args], { encoding: 'utf8' }) };
	} catch (error) {
		const e = error as { status: number; stdout: string; stderr: string };
		return { code: e.status, out: `${e.stdout}${e.stderr}` };
	}
}

async function consoleLogin(page: Page): Promise<void> {
	await page.goto('/institute/login');
	await page.getByLabel('API 키').fill(API_KEY);
	await page.getByRole('button', { name: '로그인' }).click();
	await expect(page).toHaveURL(/\/institute\/enroll$/);
}

/** Every axe-core rule, experimental and AAA ones included (as tests/e2e/a11y.spec.ts runs them). */
const EVERY_RULE = Object.fromEntries(axeCore.getRules().map((r) => [r.ruleId, { enabled: true }]));

async function noAxeViolations(page: Page): Promise<void> {
	const { violations } = await new AxeBuilder({ page }).options({ rules: EVERY_RULE }).analyze();
	expect(violations.map((v) => `${v.id}: ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
}

async function shoot(page: Page, name: string): Promise<void> {
	mkdirSync('screenshots', { recursive: true });
	for (const [w, h] of [
		[390, 844],
		[1280, 800]
	] as const) {
		await page.setViewportSize({ width: w, height: h });
		await page.screenshot({ path: `screenshots/console-${name}-${w}x${h}.png`, fullPage: true });
		await noAxeViolations(page);
	}
	await page.setViewportSize({ width: 390, height: 844 });
}

/** Downloads through the console's export form; the saved file's path. */
async function downloadExport(page: Page, fields: { format: 'csv' | 'jsonl'; from?: string; to?: string; traineeId?: string; action?: string }): Promise<string> {
	await page.goto('/institute/audit/export');
	await page.getByLabel(fields.format === 'csv' ? /CSV/ : /JSON Lines/).check();
	if (fields.from) await page.getByLabel('시작 날짜').fill(fields.from);
	if (fields.to) await page.getByLabel('끝 날짜').fill(fields.to);
	if (fields.traineeId) await page.getByLabel('훈련생 ID').fill(fields.traineeId);
	if (fields.action) await page.getByLabel('행위').selectOption(fields.action);
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '내려받기' }).click()]);
	expect(download.suggestedFilename()).toMatch(new RegExp(`^motp-audit-\\d{8}-\\d{6}\\.${fields.format}$`));
	const file = join(work, `${Date.now()}-${download.suggestedFilename()}`);
	await download.saveAs(file);
	return file;
}

test('timeline in order with actors; CSV and JSONL exports with filters pass the offline verifier, tampered copies fail', async ({ page, request }) => {
	// "0…" sorts before every other spec's ids: the list pages 50 at a time in id order, and the class specs enroll hundreds.
	const id = `0AU-${Date.now().toString(36)}`;
	// Enrolled (API), redeemed (the app), verified once, five wrong codes (locked), unlocked in the console, revoked (API).
	const issued = await issueEnrollment(request, id, { name: '감사대상', phone: '010-4444-0016' });
	const redeem = await request.post('/api/v1/enroll/redeem', { data: { token: issued.enrollUrl.split('#')[1] } });
	expect(redeem.status()).toBe(200);
	const totp = OTPAuth.URI.parse(((await redeem.json()) as { otpauth: string }).otpauth) as OTPAuth.TOTP;
	const verify = async (code: string) => (await (await request.post('/api/v1/verify', { headers: AUTH, data: { traineeId: id, code } })).json()) as { result: string };
	expect((await verify(totp.generate())).result).toBe('accepted');
	for (let i = 0; i < 5; i++) await verify(otherCode(totp.generate(), totp.generate({ timestamp: Date.now() + 60_000 }), totp.generate({ timestamp: Date.now() - 60_000 })));
	expect((await (await request.get(`/api/v1/trainees/${id}`, { headers: AUTH })).json()).status).toBe('locked');

	await consoleLogin(page);
	await page.goto('/institute/trainees');
	await page.getByRole('button', { name: `감사대상 (${id}) 잠금 해제` }).click();
	await expect(page.getByRole('status')).toContainText('잠금을 해제했어요');
	expect((await request.delete(`/api/v1/trainees/${id}`, { headers: AUTH })).status()).toBe(200);

	// The timeline: from the trainee list, every event in order, with who did it.
	await page.goto('/institute/trainees');
	await page.getByRole('link', { name: `감사대상 (${id}) 기록 보기` }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('감사대상 님의 기록');
	const items = page.getByTestId('timeline').locator('li');
	const actions = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
	expect(actions).toEqual(['enroll.issue', 'enroll.redeem', 'verify', 'verify', 'verify', 'verify', 'verify', 'verify', 'lock', 'unlock', 'revoke']);
	const lines = (await items.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
	expect(lines[0]).toContain('등록 발급');
	expect(lines[0]).toContain('기관 서버(API)');
	expect(lines[1]).toContain('훈련생 앱');
	expect(lines[2]).toContain('인증 성공');
	expect(lines[3]).toContain('번호 틀림');
	expect(lines[8]).toMatch(/잠김.*완료/);
	expect(lines[9]).toMatch(/잠금 해제.*기관 콘솔/);
	expect(lines[10]).toMatch(/등록 폐기.*기관 서버\(API\)/);
	await expect(page.getByTestId('trainee-status')).toHaveText('폐기됨');
	await shoot(page, 'trainee-timeline');
	// From the timeline, the export form opens with the trainee filled in.
	await page.getByRole('link', { name: '이 훈련생의 기록 내보내기' }).click();
	await expect(page.getByLabel('훈련생 ID')).toHaveValue(id);

	// The API gives the same timeline.
	const api = (await (await request.get(`/api/v1/trainees/${id}/timeline`, { headers: AUTH })).json()) as { events: { action: string; actor: string }[] };
	expect(api.events.map((e) => e.action)).toEqual(actions);
	expect(api.events.map((e) => e.actor)).toEqual(['api', 'app', 'api', 'api', 'api', 'api', 'api', 'api', 'api', 'console', 'api']);

	// The export page, with the head to hand to the verifier.
	await page.goto('/institute/audit/export');
	const head = (await page.getByTestId('head-hash').textContent())!.trim();
	expect(head).toMatch(/^[0-9a-f]{64}$/);
	await shoot(page, 'audit-export');

	// CSV, filtered to the trainee and today (Korea time): its rows, Korean headers, the BOM; the verifier passes it.
	const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(new Date());
	const csv = await downloadExport(page, { format: 'csv', from: today, to: today, traineeId: id });
	const bytes = readFileSync(csv);
	expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const csvText = bytes.toString('utf8');
	expect(csvText).toContain('구분,번호,시각,행위자,IP,행위,훈련생 ID,결과,이전 해시,해시,봉인\r\n');
	expect(csvText.split('\r\n').filter((l) => l.startsWith('기록,'))).toHaveLength(11);
	const ok = verifyFile(csv);
	expect(ok.out).toContain('OK: 11 rows');
	expect(ok.code).toBe(0);
	// A tampered copy: one result changed in Excel-like fashion.
	const edited = join(work, 'edited.csv');
	writeFileSync(edited, csvText.replace(',verify,' + id + ',accepted,', ',verify,' + id + ',rejected:invalid,'));
	expect(readFileSync(edited, 'utf8')).not.toBe(csvText);
	const bad = verifyFile(edited);
	expect(bad.code).toBe(1);
	expect(bad.out).toMatch(/FAIL row-edited at entry #\d+/);

	// Only the verifications, filtered by action.
	const verifies = readFileSync(await downloadExport(page, { format: 'csv', traineeId: id, action: 'verify' }), 'utf8');
	expect(verifies.split('\r\n').filter((l) => l.startsWith('기록,'))).toHaveLength(6);

	// JSON lines, unfiltered: every link is checked and the tail meets the head the console showed.
	const jsonl = await downloadExport(page, { format: 'jsonl' });
	const full = verifyFile(jsonl, '--head', head);
	expect(full.out).toMatch(/OK: \d+ rows, chain intact/);
	expect(full.code).toBe(0);
	const records = readFileSync(jsonl, 'utf8').trimEnd().split('\n');
	// A deleted row, two rows swapped, a cut-off tail: each fails.
	const variants: [string, string[], RegExp][] = [
		['deleted', [...records.slice(0, 3), ...records.slice(4)], /FAIL row-missing/],
		['swapped', [records[0]!, records[2]!, records[1]!, ...records.slice(3)], /FAIL (reordered|link-broken)/],
		['cut', records.slice(0, -3), /FAIL truncated/]
	];
	for (const [name, lines, expected] of variants) {
		const file = join(work, `${name}.jsonl`);
		writeFileSync(file, `${lines.join('\n')}\n`);
		const r = verifyFile(file, '--head', head);
		expect(r.code, name).toBe(1);
		expect(r.out, name).toMatch(expected);
	}
	// The API gives the same file, through server.js's fast path and through SvelteKit (an encoded
	// spelling), streamed in both; each passes the verifier.
	const viaFast = await request.get(`/api/v1/audit/export?format=jsonl&traineeId=${id}`, { headers: AUTH });
	const viaKit = await request.get(`/api/v1/audit/%65xport?format=jsonl&traineeId=${id}`, { headers: AUTH });
	expect(viaFast.headers()['content-type']).toBe('application/x-ndjson; charset=utf-8');
	expect(viaFast.headers()['content-length']).toBeUndefined();
	const stable = (t: string) => t.replace(/"exportedAt":"[^"]+"/, '');
	expect(stable(await viaFast.text())).toBe(stable(await viaKit.text()));
	const apiFile = join(work, 'api.jsonl');
	writeFileSync(apiFile, await viaFast.body());
	expect(verifyFile(apiFile).code).toBe(0);

	// A bad filter comes back to the form with the reason.
	await page.goto('/institute/audit/download?format=csv&traineeId=..%2F..%2Fetc');
	await expect(page.getByTestId('export-error')).toContainText('훈련생 ID');
});
