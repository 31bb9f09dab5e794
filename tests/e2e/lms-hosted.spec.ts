import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import axeCore from 'axe-core';
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as OTPAuth from 'otpauth';
import { API_KEY, AUTH } from './support/institute';

// Issue 16, part 2: the hosted verification page /v against the built server (SQLite). The LMS is
// the Node example of docs/examples (a real HTTP server this test starts): it redirects the trainee
// to /v, receives the signed result, verifies it and refuses a replay. Then the Python, Java and PHP
// examples and the curl script are run for real against the same server.

const run = promisify(execFile);
const LMS_PORT = Number(process.env.LMS_STUB_PORT ?? 6194);
const LMS = `http://127.0.0.1:${LMS_PORT}`;
const EVERY_RULE = Object.fromEntries(axeCore.getRules().map((r) => [r.ruleId, { enabled: true }]));
const tag = Math.random().toString(36).slice(2, 8);

let lms: ChildProcess | undefined;
let env: Record<string, string>;
let origin: string;
let workDir: string;

async function enroll(base: string, traineeId: string): Promise<(t: number) => string> {
	const issued = await fetch(`${base}/api/v1/trainees/${traineeId}/enrollment`, {
		method: 'POST',
		headers: { ...AUTH, 'content-type': 'application/json' },
		body: JSON.stringify({ name: '홍길동', phone: '010-4444-0101' })
	});
	const token = String(((await issued.json()) as { enrollUrl: string }).enrollUrl).split('#')[1];
	const redeemed = await fetch(`${base}/api/v1/enroll/redeem`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
	const totp = OTPAuth.URI.parse(String(((await redeemed.json()) as { otpauth: string }).otpauth));
	return (timestamp) => totp.generate({ timestamp });
}

async function expectNoViolations(page: Page): Promise<void> {
	const { violations } = await new AxeBuilder({ page }).options({ rules: EVERY_RULE }).analyze();
	expect(violations.map((v) => `${v.id}: ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
}

test.beforeAll(async ({ baseURL }) => {
	origin = new URL(baseURL!).origin;
	workDir = mkdtempSync(join(tmpdir(), 'motp-lms-'));
	const created = await fetch(`${origin}/api/v1/clients`, {
		method: 'POST',
		headers: { ...AUTH, 'content-type': 'application/json' },
		body: JSON.stringify({ name: '예시 LMS', returnTo: [`${LMS}/lms`] })
	});
	expect(created.status).toBe(201);
	const client = (await created.json()) as { clientId: string; clientSecret: string };
	env = {
		PATH: process.env.PATH ?? '',
		HOME: process.env.HOME ?? '',
		MOTP_ORIGIN: origin,
		MOTP_API_KEY: API_KEY,
		MOTP_CLIENT_ID: client.clientId,
		MOTP_CLIENT_SECRET: client.clientSecret,
		NONCE_DB: join(workDir, 'nonces.db'),
		NONCE_FILE: join(workDir, 'nonces.txt')
	};
	lms = spawn(process.execPath, ['docs/examples/node/motp-lms.mjs'], { env: { ...env, PORT: String(LMS_PORT), LMS_ORIGIN: LMS }, stdio: ['ignore', 'pipe', 'inherit'] });
	await new Promise<void>((resolve, reject) => {
		lms!.once('exit', (code) => reject(new Error(`the LMS example exited (${code})`)));
		lms!.stdout!.on('data', (d) => String(d).includes('listening') && resolve());
	});
});

test.afterAll(async () => {
	lms?.kill('SIGTERM');
	if (workDir) rmSync(workDir, { recursive: true, force: true });
});

test('LMS → /v → LMS: a wrong code stays on the page, the right one returns a signed result the LMS accepts once', async ({ page }) => {
	const traineeId = `lms-${tag}-1`;
	const codeAt = await enroll(origin, traineeId);
	const hosted = page.waitForResponse((r) => new URL(r.url()).pathname === '/v');
	await page.goto(`${LMS}/lms/start?trainee=${traineeId}`);
	const res = await hosted;
	expect(new URL(page.url()).origin).toBe(origin);
	const headers = res.headers();
	expect(headers['cache-control']).toBe('no-store');
	expect(headers['referrer-policy']).toBe('no-referrer');
	expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
	expect(headers['x-frame-options']).toBe('DENY');
	await expect(page.getByRole('heading', { name: 'mOTP 본인 확인' })).toBeVisible();
	await expect(page.getByText('예시 LMS에서 본인 확인을 요청했습니다.')).toBeVisible();
	await page.screenshot({ path: 'test-results/lms/v-ko.png' });
	await expectNoViolations(page);

	const window = [-60_000, 0, 60_000].map((d) => codeAt(Date.now() + d));
	const wrong = ['000000', '111111', '222222', '333333'].find((c) => !window.includes(c))!;
	await page.getByLabel('인증번호 (6자리)').fill(wrong);
	await page.getByRole('button', { name: '인증하기' }).click();
	await expect(page.getByTestId('v-status')).toHaveText(/남은 시도: 4회/);
	await page.screenshot({ path: 'test-results/lms/v-ko-wrong.png' });
	await expectNoViolations(page);

	await page.getByLabel('인증번호 (6자리)').fill(codeAt(Date.now()));
	await page.getByRole('button', { name: '인증하기' }).click();
	await page.waitForURL((u) => u.href.startsWith(`${LMS}/lms/return?`));
	await expect(page.locator('body')).toHaveText(`VERIFIED ${traineeId} accepted`);
	const returned = page.url();

	// The LMS refuses the same result a second time (its nonce), and a tampered one.
	await page.goto(returned);
	await expect(page.locator('body')).toHaveText('REFUSED: replayed');
	const jws = new URL(returned).searchParams.get('motp_result')!;
	const [h, p, s] = jws.split('.');
	const forged = JSON.parse(Buffer.from(p!, 'base64url').toString());
	forged.nonce = 'a-fresh-nonce-0000000000';
	const tampered = new URL(returned);
	tampered.searchParams.set('motp_result', `${h}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${s}`);
	await page.goto(tampered.href);
	await expect(page.locator('body')).toHaveText('REFUSED: bad signature');

	// The audit names the hosted page; the trainee's failure count saw the one wrong code.
	const trainee = (await (await fetch(`${origin}/api/v1/trainees/${traineeId}`, { headers: AUTH })).json()) as { failures: number; lastResult?: string };
	expect(trainee.failures).toBe(0);
	const audit = (await (await fetch(`${origin}/api/v1/audit?traineeId=${traineeId}&limit=10`, { headers: AUTH })).json()) as { entries: { actor: string; result: string }[] };
	expect(audit.entries.filter((e) => e.actor === 'hosted').map((e) => e.result)).toEqual(['accepted', 'rejected:invalid']);
});

test('/v in English, and a link that does not check out shows why and sends nobody anywhere', async ({ page }) => {
	const traineeId = `lms-${tag}-2`;
	await enroll(origin, traineeId);
	await page.goto(`${LMS}/lms/start?trainee=${traineeId}&lang=en`);
	await expect(page.getByRole('heading', { name: 'mOTP identity check' })).toBeVisible();
	await expect(page.getByLabel('Code (6 digits)')).toBeVisible();
	await page.screenshot({ path: 'test-results/lms/v-en.png' });
	await expectNoViolations(page);
	// The language switch keeps the signed request.
	await page.getByRole('link', { name: '한국어로 보기' }).click();
	await expect(page.getByRole('heading', { name: 'mOTP 본인 확인' })).toBeVisible();

	const url = new URL(page.url());
	url.searchParams.set('return_to', 'https://lms.example.com.evil.com/lms/return');
	await page.goto(url.href);
	await expect(page.getByTestId('v-error')).toHaveAttribute('data-code', 'BAD_SIGNATURE');
	await expect(page.getByRole('heading', { name: '이 인증 링크는 열 수 없어요' })).toBeVisible();
	await page.screenshot({ path: 'test-results/lms/v-ko-broken.png' });
	await expectNoViolations(page);
	expect(new URL(page.url()).origin).toBe(origin);
});

test('a cross-site post to /v/verify is refused, whatever it carries', async ({ page, request }) => {
	const traineeId = `lms-${tag}-3`;
	const codeAt = await enroll(origin, traineeId);
	const { stdout } = await run('python3', ['docs/examples/python/motp_lms.py', 'sign-url', traineeId, 'st-csrf', `${LMS}/lms/return`], { env });
	const params = Object.fromEntries(new URL(stdout.trim()).searchParams);
	for (const headers of [{ origin: 'https://evil.example' }, { origin: 'null' }, {}] as Record<string, string>[]) {
		const r = await request.post(`${origin}/v/verify`, { headers: { ...headers, 'content-type': 'application/json' }, data: { ...params, code: codeAt(Date.now()) } });
		expect(r.status()).toBe(403);
	}
	// A plain HTML form from another site: SvelteKit's own check refuses it before our code runs.
	const form = await request.post(`${origin}/v/verify`, { headers: { origin: 'https://evil.example' }, form: { ...params, code: codeAt(Date.now()) } });
	expect(form.status()).toBe(403);
	// Nothing was verified: the code still works from our page.
	await page.goto(`${origin}/v?${new URLSearchParams(params)}`);
	await page.getByLabel('인증번호 (6자리)').fill(codeAt(Date.now()));
	await page.getByRole('button', { name: '인증하기' }).click();
	await page.waitForURL((u) => u.href.startsWith(`${LMS}/lms/return?`));
});

/** Signs a /v link with an example, has our page's script post the code, and returns the signed result. */
async function resultVia(signUrl: string[], traineeId: string, code: string, state: string, request: import('@playwright/test').APIRequestContext): Promise<string> {
	const { stdout } = await run(signUrl[0]!, [...signUrl.slice(1), 'sign-url', traineeId, state, `${LMS}/lms/return`], { env });
	const link = new URL(stdout.trim());
	// The link the example signed opens the form (the server checked its signature).
	const html = await (await request.get(link.href)).text();
	expect(html).toContain('data-testid="v-code"');
	expect(html).not.toContain('data-testid="v-error"');
	const answer = await request.post(`${origin}/v/verify`, {
		headers: { origin, 'content-type': 'application/json' },
		data: { ...Object.fromEntries(link.searchParams), code }
	});
	const body = (await answer.json()) as { kind: string; location: string };
	expect(body.kind).toBe('redirect');
	return new URL(body.location).searchParams.get('motp_result')!;
}

const LANGUAGES: [string, string[]][] = [
	['Python', ['python3', 'docs/examples/python/motp_lms.py']],
	['Java', ['java', 'docs/examples/java/MotpLms.java']],
	['PHP', ['php', 'docs/examples/php/motp_lms.php']],
	['Node', [process.execPath, 'docs/examples/node/motp-lms.mjs']]
];

for (const [language, command] of LANGUAGES) {
	test(`the ${language} example: signs a link the server accepts, verifies the result once, verifies server to server`, async ({ request }) => {
		test.setTimeout(120_000);
		// Never skipped: a machine without the interpreter fails and says what to install (.ci/run does).
		if (spawnSync(command[0]!, ['--version'], { stdio: 'ignore' }).error) {
			throw new Error(`${command[0]} is not installed: the ${language} example cannot run (apt-get install ${language === 'PHP' ? 'php-cli' : language === 'Java' ? 'default-jdk-headless' : 'python3'})`);
		}
		const traineeId = `lms-${tag}-${language.toLowerCase()}`;
		const codeAt = await enroll(origin, traineeId);
		if (language !== 'Node') {
			const jws = await resultVia(command, traineeId, codeAt(Date.now()), `st-${language}`, request);
			const first = await run(command[0]!, [...command.slice(1), 'verify-result', jws, `st-${language}`], { env });
			expect(first.stdout.trim()).toBe(`VERIFIED ${traineeId} accepted`);
			const again = await run(command[0]!, [...command.slice(1), 'verify-result', jws, `st-${language}`], { env }).catch((e: { stdout: string; code: number }) => e);
			expect(again.stdout.trim()).toBe('REFUSED: replayed');
			expect((again as { code?: number }).code).toBe(1);
			const otherState = await run(command[0]!, [...command.slice(1), 'verify-result', jws, 'st-other'], { env }).catch((e: { stdout: string }) => e);
			expect(otherState.stdout.trim()).toBe('REFUSED: state mismatch');
		} else {
			const { stdout } = await run(command[0]!, [...command.slice(1), 'sign-url', traineeId, 'st-node', `${LMS}/lms/return`], { env });
			expect(await (await request.get(stdout.trim())).text()).toContain('data-testid="v-code"');
		}
		// Server to server with an Idempotency-Key: a wrong code is one strike.
		const { stdout } = await run(command[0]!, [...command.slice(1), 'verify', traineeId, '999999'], { env });
		expect(stdout).toMatch(/"result":\s*"(rejected)"/);
		const trainee = (await (await request.get(`${origin}/api/v1/trainees/${traineeId}`, { headers: AUTH })).json()) as { failures: number };
		expect(trainee.failures).toBe(1);
	});
}

test('the curl script: registers a client, and a retried verification with one Idempotency-Key is answered the same, marked replayed', async ({ request }) => {
	const traineeId = `lms-${tag}-curl`;
	await enroll(origin, traineeId);
	const reg = await run('sh', ['docs/examples/curl.sh', 'register', 'curl LMS', 'https://lms.example.ac.kr/motp'], { env });
	expect(JSON.parse(reg.stdout)).toMatchObject({ clientId: expect.stringMatching(/^c_/), clientSecret: expect.any(String), returnTo: ['https://lms.example.ac.kr/motp'] });
	const { stdout } = await run('sh', ['docs/examples/curl.sh', 'verify', traineeId, '999999'], { env });
	const lines = stdout.trim().split('\n');
	expect(lines.filter((l) => l.startsWith('HTTP/'))).toEqual(['HTTP/1.1 200 OK', 'HTTP/1.1 200 OK']);
	expect(lines.filter((l) => /^idempotent-replayed: true$/i.test(l))).toHaveLength(1);
	const bodies = lines.filter((l) => l.startsWith('{'));
	expect(bodies).toHaveLength(2);
	expect(bodies[0]).toBe(bodies[1]);
	const trainee = (await (await request.get(`${origin}/api/v1/trainees/${traineeId}`, { headers: AUTH })).json()) as { failures: number };
	expect(trainee.failures).toBe(1);
});
