import { expect, test } from '@playwright/test';
import * as OTPAuth from 'otpauth';
import { AUTH, issueEnrollment, otherCode } from './support/institute';
import { rawHttp, type RawAnswer } from './support/rawHttp';

// Issue 12, finding 1: the console gate was asked about the raw path while the router matched the
// decoded one, so `/%69nstitute/trainees/__data.json` answered trainee data with no session, and
// `POST /%69nstitute/enroll` took over any trainee. Here every spelling that could reach a console
// route is sent, raw (node:http, no URL normalisation on the way), to the built server that
// `npm start` runs, without a session cookie. Each must answer the login redirect or an error,
// never console content, and must change nothing.

const VICTIM = { id: 'gate-victim', name: '게이트피해자', phone: '010-9999-0001' };

/** One raw exchange on its own connection. */
const raw = (base: string, method: string, target: string, headers: Record<string, string> = {}, body?: string) =>
	rawHttp(base, method, target, { ...headers, connection: 'close' }, body);

/** Percent-encodes the letter at `i` of `word` (upper- or lower-case hex). */
function encodeAt(word: string, i: number, lower = false): string {
	const hex = word.charCodeAt(i).toString(16);
	return `${word.slice(0, i)}%${lower ? hex : hex.toUpperCase()}${word.slice(i + 1)}`;
}

/** Every spelling of `/institute/<rest>` the table tries (rest may be empty). */
function spellings(rest: string): string[] {
	const tail = rest ? `/${rest}` : '';
	const out = new Set<string>([`/institute${tail}`]);
	for (let i = 0; i < 'institute'.length; i++) out.add(`/${encodeAt('institute', i)}${tail}`);
	out.add(`/${encodeAt('institute', 2, true)}${tail}`);
	out.add(`/${[...'institute'].map((c) => `%${c.charCodeAt(0).toString(16)}`).join('')}${tail}`);
	out.add(`/%2569nstitute${tail}`); // double-encoded
	if (rest) {
		out.add(`/institute/${encodeAt(rest, 0)}`);
		out.add(`/institute/${encodeAt(rest, rest.length - 1, true)}`);
		out.add(`/institute%2F${rest}`);
		out.add(`/institute%2f${rest}`);
		out.add(`/institute//${rest}`);
		out.add(`/institute/./${rest}`);
		out.add(`/institute/%2e/${rest}`);
		out.add(`/institute;x/${rest}`);
		out.add(`/institute\\${rest}`);
	}
	out.add(`/x/../institute${tail}`);
	out.add(`/x/%2e%2e/institute${tail}`);
	out.add(`/x/%2E%2E/%69nstitute${tail}`);
	out.add(`//institute${tail}`);
	out.add(`///institute${tail}`);
	out.add(`/Institute${tail}`);
	out.add(`/INSTITUTE${tail.toUpperCase()}`);
	out.add(`/institute${tail}/`);
	out.add(`/institute${tail}%00`);
	out.add(`/%EF%BD%89nstitute${tail}`); // fullwidth ｉ
	out.add(`http://localhost/%69nstitute${tail}`); // absolute-form target
	return [...out];
}

/** Text that only console content contains: the victim's data and the console's own navigation. */
function expectNoConsoleContent(body: string, where: string): void {
	for (const secret of [VICTIM.id, VICTIM.name, VICTIM.phone, VICTIM.phone.replaceAll('-', ''), '감사 로그', 'enrollUrl', 'enrollCode', '"type":"data"']) {
		expect(body, `${where} leaked ${JSON.stringify(secret)}`).not.toContain(secret);
	}
}

/** A refusal: the login redirect (303, as a plain redirect or Kit's JSON action result), a redirect to a canonical path, or an error. */
function expectRefused(res: RawAnswer, where: string): 'login' | 'other' {
	expectNoConsoleContent(res.body, where);
	const location = String(res.headers.location ?? '');
	if (res.status === 303 && /^(https?:\/\/[^/]+)?\/institute\/login$/.test(location)) {
		// A redirect that comes from the console's gate is never cached.
		expect(res.headers['cache-control'], where).toBe('no-store');
		return 'login';
	}
	if (res.status === 200 && /"type":"redirect"/.test(res.body)) {
		expect(JSON.parse(res.body), where).toMatchObject({ type: 'redirect', location: '/institute/login' });
		return 'login';
	}
	if (res.status === 308 || res.status === 301) {
		// A trailing-slash or similar redirect to the canonical path; following it meets the gate.
		expect(location, where).toMatch(/^(https?:\/\/[^/]+)?\//);
		return 'other';
	}
	expect(res.status, `${where}: ${res.status} ${res.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
	expect(res.status, where).toBeLessThan(500);
	return 'other';
}

test.describe.configure({ mode: 'serial' });

test('no spelling of a console page or its data reaches console content without a session', async ({ request, baseURL }) => {
	test.setTimeout(180_000);
	// A locked, enrolled trainee: the data a bypass would read, and the state an action would change.
	const issued = await issueEnrollment(request, VICTIM.id, { name: VICTIM.name, phone: VICTIM.phone });
	const redeemed = await request.post('/api/v1/enroll/redeem', { data: { token: issued.enrollUrl.split('#')[1] } });
	expect(redeemed.status()).toBe(200);
	const totp = OTPAuth.URI.parse(((await redeemed.json()) as { otpauth: string }).otpauth) as OTPAuth.TOTP;
	for (let i = 0; i < 5; i++) {
		await request.post('/api/v1/verify', { headers: AUTH, data: { traineeId: VICTIM.id, code: otherCode(totp.generate()) } });
	}

	let logins = 0;
	let sent = 0;
	// Issue 16's pages too: the export form, the download itself (a +server.ts), a trainee's timeline.
	for (const page of ['', 'enroll', 'classes', 'verify', 'trainees', 'audit', 'logout', 'audit/export', 'audit/download', `trainees/${VICTIM.id}`]) {
		for (const target of spellings(page)) {
			for (const suffix of ['', '/__data.json', '/__data.json?x-sveltekit-invalidated=11']) {
				const path = suffix && target.endsWith('/') ? target.slice(0, -1) + suffix : target + suffix;
				const res = await raw(baseURL!, 'GET', path);
				if (expectRefused(res, `GET ${path}`) === 'login') logins++;
				sent++;
			}
		}
	}
	// Sanity: the table is large and the gate itself answered most of it (the rest are 404s and canonical redirects).
	expect(sent).toBeGreaterThan(400);
	expect(logins).toBeGreaterThan(100);
});

test('no spelling of a console form action changes anything without a session', async ({ request, baseURL }) => {
	test.setTimeout(180_000);
	const before = await request.get(`/api/v1/trainees/${VICTIM.id}`, { headers: AUTH });
	expect(before.status()).toBe(200);
	const state = (await before.json()) as Record<string, unknown>;
	expect(state).toMatchObject({ status: 'locked', pendingExpiresAt: null });
	const auditHead = async () => ((await (await request.get('/api/v1/audit?limit=1', { headers: AUTH })).json()) as { entries: { id: number }[] }).entries[0]!.id;
	const headBefore = await auditHead();

	const origin = new URL(baseURL!).origin;
	const actions: [string, string, Record<string, string>][] = [
		['enroll', '', { traineeId: VICTIM.id, name: VICTIM.name, phone: VICTIM.phone }],
		['trainees', '?/unlock', { traineeId: VICTIM.id }],
		['trainees', '?/revoke', { traineeId: VICTIM.id }],
		['verify', '', { code: '123456', traineeId: VICTIM.id, phone: '' }],
		['audit', '', {}],
		// A class of one new trainee: issued without any confirmation if the gate let it through.
		['classes', '', { csv: `traineeId,name,phone\r\ngate-class-new,${VICTIM.name},${VICTIM.phone}\r\n` }]
	];
	let sent = 0;
	for (const [page, query, form] of actions) {
		for (const target of spellings(page)) {
			for (const enhanced of [false, true]) {
				const path = target + query;
				const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', origin };
				if (enhanced) Object.assign(headers, { 'x-sveltekit-action': 'true', accept: 'application/json' });
				const res = await raw(baseURL!, 'POST', path, headers, new URLSearchParams(form).toString());
				expectRefused(res, `POST ${path}${enhanced ? ' (enhanced)' : ''}`);
				sent++;
			}
		}
	}
	expect(sent).toBeGreaterThan(200);

	// Nothing happened: still locked, no new enrollment, no audit entry for any of it.
	const after = (await (await request.get(`/api/v1/trainees/${VICTIM.id}`, { headers: AUTH })).json()) as Record<string, unknown>;
	expect(after).toEqual(state);
	expect((await request.get('/api/v1/trainees/gate-class-new', { headers: AUTH })).status()).toBe(404);
	expect(await auditHead()).toBe(headBefore);
});

test('the console answers carry no-store and same-origin referrers by route, whatever the spelling', async ({ baseURL }) => {
	// Those the router resolves to the login page, and spellings it does not match at all (404):
	// headers follow the route where there is one, and the canonical target where there is none.
	for (const [path, status] of [
		['/institute/login', 200],
		['/%69nstitute/login', 200],
		['/x/../institute/login', 200],
		['/institute/%6cogin', 200],
		['/institute//login', 404],
		['/INSTITUTE/login', 404],
		['/%2569nstitute/login', 404]
	] as const) {
		const res = await raw(baseURL!, 'GET', path);
		expect(res.status, path).toBe(status);
		expect(res.headers['cache-control'], path).toBe('no-store');
		expect(res.headers['referrer-policy'], path).toBe('same-origin');
		expect(res.headers['x-motp-route-kind'], `${path}: the internal header never leaves server.js`).toBeUndefined();
	}
	// The trainee app keeps no-referrer.
	expect((await raw(baseURL!, 'GET', '/')).headers['referrer-policy']).toBe('no-referrer');
});

test('with a session, the console works under its ordinary spelling (the control for the table above)', async ({ page }) => {
	await page.goto('/institute/login');
	await page.getByLabel('API 키').fill(AUTH.authorization.replace('Bearer ', ''));
	await page.getByRole('button', { name: '로그인' }).click();
	await expect(page).toHaveURL(/\/institute\/enroll$/);
	await page.goto('/institute/trainees');
	await expect(page.getByText(VICTIM.name)).toBeVisible();
});
