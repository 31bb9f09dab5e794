import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isActionFailure, isRedirect, type Cookies } from '@sveltejs/kit';
import * as OTPAuth from 'otpauth';
import { consoleGate } from './consoleGate';
import { hasConsoleSession, SESSION_COOKIE } from './consoleSession';
import { formString } from './formString';
import { formatKst } from './formatKst';
import { qrSvgDataUrl } from './qrSvgDataUrl';
import { consoleLocale, fromAcceptLanguage } from './consoleLocale';
import { getServices } from '../getServices';
import { redeemEnrollment } from '../institute/redeemEnrollment';

// The console's form actions, driven the way SvelteKit drives them, against the process services
// (getServices reads this environment on first use; each vitest file runs in its own process).
const dir = mkdtempSync(join(tmpdir(), 'motp-console-'));
const KEY = 'console-test-key-0123456789abcdef0123456789';
Object.assign(process.env, { MOTP_DATA_DIR: dir, MOTP_API_KEY: KEY, MOTP_MASTER_KEY: 'ab'.repeat(32), MOTP_INSTITUTE_NAME: '콘솔훈련원' });
delete process.env.DATABASE_URL;
delete process.env.ORIGIN;

const login = await import('../../../routes/institute/login/+page.server');
const logout = await import('../../../routes/institute/logout/+page.server');
const enroll = await import('../../../routes/institute/enroll/+page.server');
const verify = await import('../../../routes/institute/verify/+page.server');
const trainees = await import('../../../routes/institute/trainees/+page.server');

interface CookieRecord {
	value: string;
	options: Record<string, unknown>;
}

/** A cookie jar with SvelteKit's `Cookies` surface, remembering the options each cookie was set with. */
function jar(): Cookies & { records: Map<string, CookieRecord> } {
	const records = new Map<string, CookieRecord>();
	return {
		records,
		get: (name: string) => records.get(name)?.value,
		getAll: () => [...records].map(([name, r]) => ({ name, value: r.value })),
		set: (name: string, value: string, options: Record<string, unknown>) => void records.set(name, { value, options }),
		delete: (name: string) => void records.delete(name),
		serialize: () => ''
	} as unknown as Cookies & { records: Map<string, CookieRecord> };
}

/** The route id the router resolves for a console path (enough for these tests' paths). */
function routeIdOf(pathname: string): string {
	return pathname.replace(/\/__data\.json$/, '').replace(/\/$/, '') || '/';
}

function event(path: string, cookies: Cookies, form?: Record<string, string>, origin = 'http://localhost:4173') {
	const url = new URL(path, origin);
	const request = new Request(url, form ? { method: 'POST', body: new URLSearchParams(form) } : {});
	return { url, request, cookies, getClientAddress: () => '192.0.2.10', params: {}, route: { id: routeIdOf(url.pathname) } } as never;
}

/** Runs an action; a thrown redirect is returned as `{ redirect: location }`. */
async function run(action: (e: never) => unknown, e: never): Promise<any> {
	try {
		return await action(e);
	} catch (thrown) {
		if (isRedirect(thrown)) return { redirect: thrown.location, status: thrown.status };
		throw thrown;
	}
}

describe('institute console', () => {
	const cookies = jar();

	beforeAll(async () => {
		await getServices();
	});
	afterAll(async () => {
		await (await getServices()).store.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('the gate sends every console path but the login form to the login form', async () => {
		const none = jar();
		for (const path of ['/institute', '/institute/enroll', '/institute/trainees/__data.json', '/institute/logout']) {
			const res = await consoleGate(event(path, none));
			expect(res?.status).toBe(303);
			expect(res?.headers.get('location')).toBe('/institute/login');
		}
		expect(await consoleGate(event('/institute/login', none))).toBeNull();
		expect(await consoleGate(event('/institute/login/__data.json', none))).toBeNull();
		// An enhanced form action gets SvelteKit's JSON redirect instead of a 303.
		const e = event('/institute/verify', none, { code: '123456' }) as { request: Request };
		e.request.headers.set('x-sveltekit-action', 'true');
		const res = await consoleGate(e as never);
		expect(await res!.json()).toEqual({ type: 'redirect', status: 303, location: '/institute/login' });
	});

	it('every console load and form action (found by glob) refuses without a session, whatever the hook did', async () => {
		// Defence in depth (issue 12): even a request that got past the hook reads and changes nothing.
		const modules = import.meta.glob('../../../routes/institute/**/+{page,layout}.server.ts');
		const checked: string[] = [];
		for (const [file, loadModule] of Object.entries(modules)) {
			const route = file.replace(/^.*\/routes/, '').replace(/\/\+(page|layout)\.server\.ts$/, '') || '/';
			if (route === '/institute/login') continue;
			const mod = (await loadModule()) as { load?: (e: never) => unknown; actions?: Record<string, (e: never) => unknown> };
			const entries: [string, (e: never) => unknown, Record<string, string> | undefined][] = [];
			if (mod.load) entries.push(['load', mod.load, undefined]);
			for (const [name, action] of Object.entries(mod.actions ?? {})) {
				entries.push([`action ${name}`, action, { traineeId: 'C-0', name: '홍길동', phone: '010-1234-5678', code: '123456', confirm: 'yes', csv: 'traineeId,name,phone\nC-0,홍길동,01012345678\n' }]);
			}
			for (const [what, fn, form] of entries) {
				const before = (await (await getServices()).store.listAudit({ limit: 1 }))[0]?.id ?? 0;
				const outcome = await run(fn, event(route, jar(), form));
				// Each answers a redirect and nothing else: to the login form, or (the pure redirects of
				// /institute and /institute/logout, which read nothing) to a page that is gated itself.
				expect(outcome, `${route} ${what}`).toEqual({ status: 303, redirect: expect.any(String) });
				expect(['/institute/login', '/institute', '/institute/enroll'], `${route} ${what}`).toContain(outcome.redirect);
				const after = (await (await getServices()).store.listAudit({ limit: 1 }))[0]?.id ?? 0;
				expect(after, `${route} ${what} wrote nothing`).toBe(before);
				checked.push(`${route} ${what}`);
			}
		}
		// The glob found the console: every page with data or an action is in the list.
		expect(checked).toEqual(
			expect.arrayContaining([
				'/institute load',
				'/institute/audit load',
				'/institute/audit/export load',
				'/institute/trainees/[traineeId] load',
				'/institute/trainees load',
				'/institute/trainees action unlock',
				'/institute/trainees action revoke',
				'/institute/enroll action default',
				'/institute/classes load',
				'/institute/classes action default',
				'/institute/verify action default',
				'/institute/logout action default'
			])
		);
	});

	it('refuses a wrong key, audits it, and sets no cookie', async () => {
		const r = await run(login.actions.default as never, event('/institute/login', cookies, { key: 'nope-nope-nope-nope' }));
		expect(isActionFailure(r)).toBe(true);
		expect(r.status).toBe(401);
		expect(cookies.records.size).toBe(0);
		const audit = await (await getServices()).store.listAudit({ limit: 1 });
		expect(audit[0]).toMatchObject({ action: 'console.login', result: 'wrong-key', actor: 'console', ip: '192.0.2.10' });
	});

	it('a right key starts a session: HttpOnly, SameSite=Strict, Secure only over https', async () => {
		const r = await run(login.actions.default as never, event('/institute/login', cookies, { key: KEY }));
		expect(r).toEqual({ redirect: '/institute/enroll', status: 303 });
		const c = cookies.records.get(SESSION_COOKIE)!;
		expect(c.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(c.options).toMatchObject({ httpOnly: true, sameSite: 'strict', secure: false, path: '/institute' });
		expect(await consoleGate(event('/institute/trainees', cookies))).toBeNull();

		const secure = jar();
		await run(login.actions.default as never, event('/institute/login', secure, { key: KEY }, 'https://motp.example'));
		expect(secure.records.get(SESSION_COOKIE)!.options.secure).toBe(true);
		// A forged or unknown session id is not a session.
		const forged = jar();
		forged.set(SESSION_COOKIE, 'A'.repeat(43), { path: '/' });
		expect((await consoleGate(event('/institute/trainees', forged)))?.status).toBe(303);
	});

	it('issues an enrollment with a locally drawn QR code; bad fields come back in Korean', async () => {
		const bad = await run(enroll.actions.default as never, event('/institute/enroll', cookies, { traineeId: 'C-1', name: '홍길동', phone: '010-12' }));
		expect(isActionFailure(bad)).toBe(true);
		expect(bad.data).toMatchObject({ field: 'phone', values: { traineeId: 'C-1', name: '홍길동', phone: '010-12' } });
		expect(bad.data.message).toContain('전화번호');
		// Every bad field at once, not the first only (issue 16 part 4).
		const worse = await run(enroll.actions.default as never, event('/institute/enroll', cookies, { traineeId: 'bad id', name: ' 홍길동', phone: '1' }));
		expect(Object.keys(worse.data.errors)).toEqual(['traineeId', 'name', 'phone']);
		expect(worse.data.message).toBe('3곳을 고쳐 주세요.');

		const ok = await run(enroll.actions.default as never, event('/institute/enroll', cookies, { traineeId: 'C-1', name: '홍 길동', phone: '010-1234-5678' }));
		expect(ok.issued).toMatchObject({ traineeId: 'C-1', name: '홍 길동', phone: '010-1234-5678' });
		expect(ok.issued.enrollUrl).toMatch(/^http:\/\/localhost:4173\/enroll#/);
		expect(ok.issued.qr).toMatch(/^data:image\/svg\+xml;base64,/);
		expect(ok.issued.expiresAt).toMatch(/^\d{4}\. \d{2}\. \d{2}\. \d{2}:\d{2}:\d{2}$/);
	});

	it('verifies by phone as on the seeds form, locks after 5, and unlocks and revokes from the list', async () => {
		const services = await getServices();
		const issued = await run(enroll.actions.default as never, event('/institute/enroll', cookies, { traineeId: 'C-2', name: '김철수', phone: '010-2222-3333' }));
		const { otpauth } = await redeemEnrollment(services, { token: issued.issued.enrollUrl.split('#')[1] }, { kind: 'app', ip: null });
		const totp = OTPAuth.URI.parse(otpauth);
		const attempt = (form: Record<string, string>) => run(verify.actions.default as never, event('/institute/verify', cookies, form));

		expect((await attempt({ code: totp.generate(), phone: '010 2222 3333' })).verdict).toMatchObject({ result: 'accepted', traineeId: 'C-2', failuresSinceLastSuccess: 0 });
		const wrong = await attempt({ code: '000000', phone: '01022223333', traineeId: '' });
		expect(wrong.verdict).toMatchObject({ result: 'rejected', attemptsLeft: 4 });
		expect(wrong.values).toEqual({ phone: '01022223333', traineeId: '' }); // the code is never echoed
		for (let i = 0; i < 4; i++) await attempt({ code: '000000', phone: '', traineeId: 'C-2' });
		expect((await attempt({ code: totp.generate({ timestamp: Date.now() + 60_000 }), phone: '01022223333' })).verdict.result).toBe('locked');
		const badCode = await attempt({ code: '12', phone: '01022223333' });
		expect(isActionFailure(badCode)).toBe(true);
		expect(badCode.data?.field).toBe('code');

		const list = (await trainees.load(event('/institute/trainees', cookies))) as any;
		expect(list.trainees.find((t: { id: string }) => t.id === 'C-2')).toMatchObject({ status: 'locked', phone: '010-2222-3333' });

		const act = (name: 'unlock' | 'revoke', traineeId: string, confirm?: string) =>
			run(trainees.actions[name] as never, event(`/institute/trainees?/${name}`, cookies, confirm ? { traineeId, confirm } : { traineeId }));
		expect(await act('unlock', 'C-2')).toEqual({ done: 'unlock', traineeId: 'C-2' });
		expect((await attempt({ code: totp.generate({ timestamp: Date.now() + 60_000 }), phone: '01022223333' })).verdict.result).toBe('accepted');
		// Revoking needs the confirmation step's field: a one-tap POST revokes nothing.
		const unconfirmed = await act('revoke', 'C-2');
		expect(isActionFailure(unconfirmed) && unconfirmed.status).toBe(400);
		expect((await services.store.getTrainee('C-2', Date.now()))?.status).toBe('enrolled');
		expect(await act('revoke', 'C-2', 'yes')).toEqual({ done: 'revoke', traineeId: 'C-2' });
		const missing = await act('unlock', 'ghost');
		expect(isActionFailure(missing) && missing.status).toBe(404);
		const hostile = await act('revoke', '../../etc', 'yes');
		expect(isActionFailure(hostile) && hostile.status).toBe(400);
	});

	it('a session opened with one API key is no session under another (rotating the key logs everyone out)', async () => {
		const services = await getServices();
		const opened = jar();
		await run(login.actions.default as never, event('/institute/login', opened, { key: KEY }));
		expect(await consoleGate(event('/institute/trainees', opened))).toBeNull();
		const rotated = { ...services, config: { ...services.config, apiKey: 'rotated-key-0123456789abcdef0123456789' } };
		expect(await hasConsoleSession(rotated, opened)).toBe(false);
		expect(await hasConsoleSession(services, opened)).toBe(true);
	});

	it('logout ends the session on the server, not just in the browser', async () => {
		const id = cookies.get(SESSION_COOKIE)!;
		expect(await run(logout.actions.default as never, event('/institute/logout', cookies, {}))).toEqual({ redirect: '/institute/login', status: 303 });
		const replayed = jar();
		replayed.set(SESSION_COOKIE, id, { path: '/institute' });
		expect((await consoleGate(event('/institute/enroll', replayed)))?.status).toBe(303);
	});
});

describe('console helpers', () => {
	it('formString treats missing fields and files as empty and caps the length', () => {
		const form = new FormData();
		form.set('a', 'x'.repeat(1000));
		form.set('f', new Blob(['hi']), 'f.txt');
		expect(formString(form, 'a', 10)).toHaveLength(11);
		expect(formString(form, 'f')).toBe('');
		expect(formString(form, 'missing')).toBe('');
	});

	it('the console language: the switch cookie, else Accept-Language by q, else Korean', () => {
		expect(fromAcceptLanguage(null)).toBe('ko');
		expect(fromAcceptLanguage('en-US,en;q=0.9')).toBe('en');
		expect(fromAcceptLanguage('fr-FR,en;q=0.5,ko;q=0.8')).toBe('ko');
		expect(fromAcceptLanguage('ko;q=0.1, en-GB;q=0.3')).toBe('en');
		expect(fromAcceptLanguage('de, fr')).toBe('ko');
		expect(fromAcceptLanguage('en;q=0, ko;q=0')).toBe('ko');
		const request = { headers: new Headers({ 'accept-language': 'en-US' }) };
		expect(consoleLocale({ cookies: { get: () => undefined }, request })).toBe('en');
		expect(consoleLocale({ cookies: { get: () => 'ko' }, request })).toBe('ko');
		expect(consoleLocale({ cookies: { get: () => 'xx' }, request })).toBe('en');
	});

	it('formatKst writes the hour after midnight as 00, never 24', () => {
		expect(formatKst(Date.UTC(2026, 11, 1, 15, 2, 48))).toBe('2026. 12. 02. 00:02:48');
		expect(formatKst(null)).toBe('—');
	});

	it('qrSvgDataUrl draws an SVG locally', () => {
		const url = qrSvgDataUrl('http://localhost/enroll#abc');
		const svg = Buffer.from(url.split(',')[1]!, 'base64').toString('utf8');
		expect(svg).toMatch(/^<svg[^>]*viewBox/);
		expect(svg).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
	});
});
