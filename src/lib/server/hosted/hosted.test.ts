import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import type { Services } from '../institute/Services';
import { issueEnrollment } from '../institute/issueEnrollment';
import { redeemEnrollment } from '../institute/redeemEnrollment';
import { verifyCode } from '../institute/verifyCode';
import { storeKinds, type OpenedStores } from '../testing/testStores';
import { T0, testServices, type TestClock } from '../testing/testServices';
import { DEFAULT_RATE_LIMITS, RateLimits } from '../limits/RateLimits';
import { callJson } from '../testing/callApi';
import { totpFromUri } from '../testing/totpFromUri';
import { postClient } from '../api/postClient';
import { getClients } from '../api/getClients';
import { deleteClient } from '../api/deleteClient';
import { checkHostedRequest, requestSignature, type HostedParams } from './hostedRequest';
import { hostedVerify } from './hostedVerify';
import { postHostedVerify } from './postHostedVerify';

const STEP = 60_000;
const ORIGIN = 'https://motp.example';

/** Verifies a compact HS256 JWS the way the docs' examples do, independently of resultToken.ts. */
function verifyJws(jws: string, secret: string): Record<string, unknown> | null {
	const [h, p, sig] = jws.split('.');
	const expected = createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url');
	if (sig !== expected) return null;
	expect(JSON.parse(Buffer.from(h!, 'base64url').toString())).toMatchObject({ alg: 'HS256', typ: 'JWT' });
	return JSON.parse(Buffer.from(p!, 'base64url').toString());
}

describe.each(storeKinds())('hosted verification page on $name', (kind) => {
	let db: OpenedStores;
	let clock: TestClock;
	let s: Services;
	let codeAt: (t: number) => string;
	let client: { clientId: string; clientSecret: string };

	beforeEach(async () => {
		db = await kind.open();
		clock = { now: T0 };
		s = await testServices(db.stores[0]!, clock);
		const issued = await issueEnrollment(s, { traineeId: 'T-1', name: '홍길동', phoneDigits: '01012345678' }, { kind: 'api', ip: null }, 'http://x');
		codeAt = totpFromUri((await redeemEnrollment(s, { token: issued.enrollUrl.split('#')[1]! }, { kind: 'app', ip: null })).otpauth);
		const created = await callJson(s, postClient, { body: { name: '우리 LMS', returnTo: ['https://lms.example.com/motp/'] } });
		expect(created.status).toBe(201);
		client = created.json;
	});
	afterEach(async () => {
		await db.dispose();
	});

	function signed(over: Partial<HostedParams> = {}, secret = client.clientSecret): HostedParams {
		const base = { client: client.clientId, trainee: 'T-1', state: 'st-123', return_to: 'https://lms.example.com/motp/return?course=7', ts: String(Math.floor(clock.now / 1000)), ...over };
		return { ...base, sig: requestSignature(secret, base), ...('sig' in over ? { sig: over.sig! } : {}) };
	}

	it('registers a client: id and secret once, prefixes normalised, listed without the secret, audited', async () => {
		expect(client.clientId).toMatch(/^c_[a-z2-7]{20}$/);
		expect(client.clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
		const list = await callJson(s, getClients);
		expect(list.json.clients).toEqual([{ clientId: client.clientId, name: '우리 LMS', returnTo: ['https://lms.example.com/motp'], createdAt: expect.any(String) }]);
		expect(JSON.stringify(list.json)).not.toContain(client.clientSecret);
		expect((await s.store.listAudit({ limit: 5 }))[0]).toMatchObject({ action: 'client.create', result: `ok:${client.clientId}` });
		for (const bad of [{ name: 'x', returnTo: ['http://lms.example.com/'] }, { name: 'x', returnTo: [] }, { name: '', returnTo: ['https://a.example/'] }, { name: 'x', returnTo: 'https://a.example/' }]) {
			expect((await callJson(s, postClient, { body: bad })).status).toBe(400);
		}
		expect((await callJson(s, postClient, { key: false, body: { name: 'x', returnTo: ['https://a.example/'] } })).status).toBe(401);
	});

	it('deleting a client stops its links at once; unknown and malformed ids are typed refusals', async () => {
		await expect(checkHostedRequest(s, signed())).resolves.toBeTruthy();
		const del = await callJson(s, deleteClient, { method: 'DELETE', params: { clientId: client.clientId } });
		expect(del).toMatchObject({ status: 200, json: { clientId: client.clientId, deleted: true } });
		await expect(checkHostedRequest(s, signed())).rejects.toMatchObject({ code: 'UNKNOWN_CLIENT' });
		expect((await callJson(s, deleteClient, { method: 'DELETE', params: { clientId: client.clientId } })).json.error.code).toBe('CLIENT_NOT_FOUND');
		expect((await callJson(s, deleteClient, { method: 'DELETE', params: { clientId: '../x' } })).status).toBe(400);
		expect((await callJson(s, deleteClient, { method: 'DELETE', key: false, params: { clientId: client.clientId } })).status).toBe(401);
		expect((await s.store.listAudit({ limit: 5 }))[0]).toMatchObject({ action: 'client.delete', result: `ok:${client.clientId}` });
		expect((await callJson(s, getClients)).json.clients).toEqual([]);
	});

	it('checks the request: signature, client, freshness, return_to prefix', async () => {
		await expect(checkHostedRequest(s, signed())).resolves.toMatchObject({ traineeId: 'T-1', state: 'st-123' });
		const refusals: [Partial<HostedParams> | HostedParams, string][] = [
			[{ trainee: 'T-2', sig: signed().sig }, 'BAD_SIGNATURE'],
			[{ state: 'other', sig: signed().sig }, 'BAD_SIGNATURE'],
			[signed({}, 'not-the-secret'), 'BAD_SIGNATURE'],
			[{ client: 'c_aaaaaaaaaaaaaaaaaaaa' }, 'UNKNOWN_CLIENT'],
			[{ client: '../x' }, 'BAD_REQUEST'],
			[{ ts: String(Math.floor(clock.now / 1000) - 15 * 60 - 1) }, 'EXPIRED'],
			[{ ts: String(Math.floor(clock.now / 1000) + 61) }, 'EXPIRED'],
			[{ return_to: 'https://lms.example.com.evil.com/motp/x' }, 'RETURN_TO_REFUSED'],
			[{ return_to: 'https://lms.example.com/motpx' }, 'RETURN_TO_REFUSED'],
			[{ return_to: 'https://lms.example.com@evil.com/motp/' }, 'RETURN_TO_REFUSED'],
			[{ state: 'a\nb' }, 'BAD_REQUEST']
		];
		for (const [over, code] of refusals) {
			const p = 'sig' in over && Object.keys(over).length === 6 ? (over as HostedParams) : { ...signed(over as Partial<HostedParams>), ...over };
			await expect(checkHostedRequest(s, p), JSON.stringify(over)).rejects.toMatchObject({ code });
		}
	});

	it('an accepted code goes back as a JWS signed with the client secret, carrying trainee, outcome, time, state and a nonce', async () => {
		const answer = await hostedVerify(s, signed(), codeAt(clock.now), '198.51.100.1', ORIGIN);
		expect(answer.kind).toBe('redirect');
		const location = new URL((answer as { location: string }).location);
		expect(`${location.origin}${location.pathname}`).toBe('https://lms.example.com/motp/return');
		expect(location.searchParams.get('course')).toBe('7');
		const claims = verifyJws(location.searchParams.get('motp_result')!, client.clientSecret);
		expect(claims).toEqual({
			iss: ORIGIN,
			aud: client.clientId,
			sub: 'T-1',
			result: 'accepted',
			state: 'st-123',
			nonce: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
			iat: Math.floor(T0 / 1000),
			exp: Math.floor(T0 / 1000) + 300
		});
		expect(verifyJws(location.searchParams.get('motp_result')!, 'another-secret')).toBeNull();
		// Each code once, across the page and the API: the same code again is a replay, without a strike.
		expect(await hostedVerify(s, signed(), codeAt(clock.now), '198.51.100.1', ORIGIN)).toEqual({ kind: 'retry', reason: 'replayed', attemptsLeft: 5 });
		expect(await verifyCode(s, { traineeId: 'T-1' }, codeAt(clock.now), { kind: 'api', ip: null })).toMatchObject({ reason: 'replayed' });
		expect((await s.store.listAudit({ limit: 10, traineeId: 'T-1' })).find((e) => e.result === 'accepted')).toMatchObject({ actor: 'hosted', ip: '198.51.100.1' });
	});

	it('wrong codes stay on the page and count toward the same lockout as the API; a lock goes back signed', async () => {
		const window = [-1, 0, 1].map((d) => codeAt(clock.now + d * STEP));
		const wrong = ['000000', '111111', '222222', '333333'].find((c) => !window.includes(c))!;
		for (let left = 4; left >= 1; left--) {
			expect(await hostedVerify(s, signed(), wrong, 'ip', ORIGIN)).toEqual({ kind: 'retry', reason: 'invalid', attemptsLeft: left });
		}
		const fifth = await hostedVerify(s, signed(), wrong, 'ip', ORIGIN);
		expect(fifth).toMatchObject({ kind: 'redirect', result: 'locked' });
		const claims = verifyJws(new URL((fifth as { location: string }).location).searchParams.get('motp_result')!, client.clientSecret);
		expect(claims).toMatchObject({ result: 'locked', sub: 'T-1' });
		expect(await verifyCode(s, { traineeId: 'T-1' }, codeAt(clock.now), { kind: 'api', ip: null })).toMatchObject({ result: 'locked' });
		expect(await hostedVerify(s, signed(), '12 34', 'ip', ORIGIN)).toEqual({ kind: 'code-format' });
	});

	it('the API’s per-trainee rate limit holds on the page too, as a wait message, not a strike', async () => {
		const loose = Object.fromEntries(Object.keys(DEFAULT_RATE_LIMITS).map((k) => [k, { burst: 1e9, refillMs: 1 }])) as typeof DEFAULT_RATE_LIMITS;
		const limited = await testServices(db.stores[0]!, clock, { limits: new RateLimits({ ...loose, verifyByTrainee: { burst: 2, refillMs: 60_000 } }) });
		const window = [-1, 0, 1].map((d) => codeAt(clock.now + d * STEP));
		const wrong = ['000000', '111111', '222222', '333333'].find((c) => !window.includes(c))!;
		await hostedVerify(limited, signed(), wrong, 'ip', ORIGIN);
		await hostedVerify(limited, signed(), wrong, 'ip', ORIGIN);
		expect(await hostedVerify(limited, signed(), wrong, 'ip', ORIGIN)).toEqual({ kind: 'rate-limited', retryAfter: expect.any(Number) });
		expect((await s.store.getTrainee('T-1', clock.now))!.failures).toBe(2);
	});

	it('the page has its own per-address budget: a trainee hammering /v cannot spend the LMS backend\u2019s verifyByIp', async () => {
		const loose = Object.fromEntries(Object.keys(DEFAULT_RATE_LIMITS).map((k) => [k, { burst: 1e9, refillMs: 1 }])) as typeof DEFAULT_RATE_LIMITS;
		const limits = new RateLimits({ ...loose, hostedVerifyByIp: { burst: 2, refillMs: 60_000 }, verifyByIp: { burst: 2, refillMs: 60_000 } });
		const limited = await testServices(db.stores[0]!, clock, { limits });
		const window = [-1, 0, 1].map((d) => codeAt(clock.now + d * STEP));
		const wrong = ['000000', '111111', '222222', '333333'].find((c) => !window.includes(c))!;
		await hostedVerify(limited, signed(), wrong, '203.0.113.9', ORIGIN);
		await hostedVerify(limited, signed(), wrong, '203.0.113.9', ORIGIN);
		expect(await hostedVerify(limited, signed(), wrong, '203.0.113.9', ORIGIN)).toMatchObject({ kind: 'rate-limited' });
		// The institute backend at the same address (one proxy in front of both) still has its whole budget.
		expect(limits.check('verifyByIp', '203.0.113.9', clock.now)).toBeUndefined();
		expect(limits.check('verifyByIp', '203.0.113.9', clock.now)).toBeUndefined();
		expect(() => limits.check('verifyByIp', '203.0.113.9', clock.now)).toThrow();
	});

	it('a trainee without a secret goes back as rejected/not-enrolled', async () => {
		const answer = await hostedVerify(s, signed({ trainee: 'NOBODY' }), '123456', 'ip', ORIGIN);
		const claims = verifyJws(new URL((answer as { location: string }).location).searchParams.get('motp_result')!, client.clientSecret);
		expect(claims).toMatchObject({ result: 'rejected', reason: 'not-enrolled', sub: 'NOBODY' });
	});

	it('POST /v/verify refuses what does not come from our page (CSRF) and a tampered request', async () => {
		const post = (headers: Record<string, string>, body: unknown) =>
			postHostedVerify(
				{
					request: new Request(`${ORIGIN}/v/verify`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }),
					url: new URL(`${ORIGIN}/v/verify`),
					getClientAddress: () => '203.0.113.9'
				},
				s
			);
		const body = { ...signed(), code: codeAt(clock.now) };
		for (const headers of [{} as Record<string, string>, { origin: 'https://evil.example' }, { origin: 'null' }, { origin: ORIGIN, 'sec-fetch-site': 'cross-site' }, { origin: ORIGIN, 'sec-fetch-site': 'same-site' }]) {
			const r = await post(headers, body);
			expect(r.status, JSON.stringify(headers)).toBe(403);
			expect(await r.json()).toEqual({ error: 'CROSS_SITE' });
		}
		const tampered = await post({ origin: ORIGIN }, { ...body, trainee: 'T-2' });
		expect(tampered.status).toBe(400);
		expect(await tampered.json()).toEqual({ error: 'BAD_SIGNATURE' });
		// Nothing of that was a verification: the code is still good.
		const ok = await post({ origin: ORIGIN, 'sec-fetch-site': 'same-origin' }, body);
		expect(ok.headers.get('cache-control')).toBe('no-store');
		expect(await ok.json()).toMatchObject({ kind: 'redirect', result: 'accepted' });
	});
});
