import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../institute/Services';
import { RateLimits } from '../limits/RateLimits';
import { storeKinds, type OpenedStores } from '../testing/testStores';
import { T0, TEST_INSTITUTE, testServices, type TestClock } from '../testing/testServices';
import { callApi, callJson } from '../testing/callApi';
import { totpFromUri } from '../testing/totpFromUri';
import type { ApiHandler } from '../http/ApiContext';
import { postEnrollment } from './postEnrollment';
import { postEnrollPreview } from './postEnrollPreview';
import { postEnrollRedeem } from './postEnrollRedeem';
import { postVerify } from './postVerify';
import { postUnlock } from './postUnlock';
import { deleteTrainee } from './deleteTrainee';
import { getTrainee } from './getTrainee';
import { getTrainees } from './getTrainees';
import { getAudit } from './getAudit';
import { toResponse } from '../http/ApiReply';
import { getTime } from './getTime';

describe.each(storeKinds())('HTTP API on $name', (kind) => {
	let db: OpenedStores;
	const clock: TestClock = { now: T0 };
	let s: Services;

	beforeAll(async () => {
		db = await kind.open();
		s = await testServices(db.stores[0]!, clock);
	});
	afterAll(async () => {
		await db.dispose();
	});

	const issue = (traineeId: string, body: unknown = { name: '홍길동', phone: '010-1234-5678' }) =>
		callJson(s, postEnrollment, { params: { traineeId }, body });

	it('runs the whole flow: issue → preview → redeem → verify → lock → unlock → revoke', async () => {
		const issued = await issue('flow-1');
		expect(issued.status).toBe(201);
		expect(Object.keys(issued.json).sort()).toEqual(['enrollCode', 'enrollUrl', 'expiresAt', 'traineeId']);
		expect(issued.json.expiresAt).toBe(new Date(T0 + 86_400_000).toISOString());
		const token = issued.json.enrollUrl.split('#')[1];

		const preview = await callJson(s, postEnrollPreview, { key: false, body: { code: issued.json.enrollCode.toLowerCase() } });
		expect(preview).toMatchObject({ status: 200, json: { institute: TEST_INSTITUTE, name: '홍길동' } });

		const redeem = await callJson(s, postEnrollRedeem, { key: false, body: { token } });
		expect(redeem.status).toBe(200);
		expect(Object.keys(redeem.json).sort()).toEqual(['institute', 'name', 'otpauth']);
		const again = await callJson(s, postEnrollRedeem, { key: false, body: { token } });
		expect(again).toMatchObject({ status: 410, json: { error: { code: 'ENROLLMENT_USED' } } });

		const codeAt = totpFromUri(redeem.json.otpauth);
		const ok = await callJson(s, postVerify, { body: { traineeId: 'flow-1', code: codeAt(clock.now) } });
		expect(ok).toMatchObject({ status: 200, json: { result: 'accepted' } });
		const byPhone = await callJson(s, postVerify, { body: { phone: '010 1234 5678', code: codeAt(clock.now + 60_000) } });
		expect(byPhone.json).toEqual({ result: 'accepted', traineeId: 'flow-1', failuresSinceLastSuccess: 0, lastFailureAt: null });

		for (let i = 0; i < 5; i++) await callJson(s, postVerify, { body: { traineeId: 'flow-1', code: '000000' } });
		const status = await callJson(s, getTrainee, { params: { traineeId: 'flow-1' } });
		expect(status.json).toMatchObject({ traineeId: 'flow-1', phone: '010-1234-5678', status: 'locked', attemptsLeft: 0 });
		expect((await callJson(s, postVerify, { body: { traineeId: 'flow-1', code: '000000' } })).json).toEqual({
			result: 'locked',
			traineeId: 'flow-1'
		});

		const unlocked = await callJson(s, postUnlock, { method: 'POST', params: { traineeId: 'flow-1' } });
		expect(unlocked).toMatchObject({ status: 200, json: { status: 'enrolled', attemptsLeft: 5 } });
		const revoked = await callJson(s, deleteTrainee, { method: 'DELETE', params: { traineeId: 'flow-1' } });
		expect(revoked).toMatchObject({ status: 200, json: { status: 'revoked' } });
		expect((await callJson(s, postVerify, { body: { traineeId: 'flow-1', code: '123456' } })).json).toMatchObject({
			result: 'rejected',
			reason: 'not-enrolled'
		});

		const list = await callJson(s, getTrainees, { path: '/api/v1/trainees?limit=10' });
		expect(list.json.trainees.map((t: { traineeId: string }) => t.traineeId)).toContain('flow-1');
		const audit = await callJson(s, getAudit, { path: '/api/v1/audit?traineeId=flow-1&limit=100' });
		expect(audit.json.entries[0]).toMatchObject({ action: 'verify', result: 'not-enrolled', actor: 'api', ip: '203.0.113.5' });
	});

	describe('authorization', () => {
		const guarded: [string, ApiHandler, { method: string; body?: unknown }][] = [
			['issue', postEnrollment, { method: 'POST', body: { name: 'A', phone: '01012345678' } }],
			['verify', postVerify, { method: 'POST', body: { traineeId: 'a', code: '123456' } }],
			['unlock', postUnlock, { method: 'POST' }],
			['revoke', deleteTrainee, { method: 'DELETE' }],
			['get trainee', getTrainee, { method: 'GET' }],
			['list trainees', getTrainees, { method: 'GET' }],
			['audit', getAudit, { method: 'GET' }]
		];
		const badKeys: [string, string | false, Record<string, string>?][] = [
			['no header', false],
			['wrong key', 'not-the-key-0123456789'],
			['key prefix', 'test-api-key'],
			['empty bearer', false, { authorization: 'Bearer ' }],
			['basic scheme', false, { authorization: 'Basic dGVzdA==' }],
			['raw key without scheme', false, { authorization: 'test-api-key-0123456789abcdef0123456789' }]
		];
		for (const [name, handler, req] of guarded) {
			for (const [why, key, headers] of badKeys) {
				it(`${name}: ${why} → 401 UNAUTHORIZED`, async () => {
					const r = await callJson(s, handler, { ...req, params: { traineeId: 'a' }, key, headers });
					expect(r.status).toBe(401);
					expect(r.json).toEqual({ error: { code: 'UNAUTHORIZED', message: expect.any(String) } });
					expect(r.res.headers.get('www-authenticate')).toMatch(/^Bearer/);
				});
			}
		}

		it('accepts the scheme case-insensitively', async () => {
			const r = await callJson(s, getTrainees, { key: false, headers: { authorization: 'bearer test-api-key-0123456789abcdef0123456789' } });
			expect(r.status).toBe(200);
		});
	});

	describe('hostile input never gets a 500', () => {
		const long = 'x'.repeat(9000);
		const bodies: [string, ApiHandler, Record<string, string>, unknown, number, string?][] = [
			// [what, endpoint, params, body, status, field]
			['issue: not JSON', postEnrollment, { traineeId: 'h1' }, '{"name":', 400, 'body'],
			['issue: empty body', postEnrollment, { traineeId: 'h1' }, '', 400, 'body'],
			['issue: array', postEnrollment, { traineeId: 'h1' }, [], 400, 'body'],
			['issue: null', postEnrollment, { traineeId: 'h1' }, 'null', 400, 'body'],
			['issue: number', postEnrollment, { traineeId: 'h1' }, '42', 400, 'body'],
			['issue: string', postEnrollment, { traineeId: 'h1' }, '"hi"', 400, 'body'],
			['issue: missing name', postEnrollment, { traineeId: 'h1' }, { phone: '01012345678' }, 400, 'name'],
			['issue: missing phone', postEnrollment, { traineeId: 'h1' }, { name: 'A' }, 400, 'phone'],
			['issue: name is a number', postEnrollment, { traineeId: 'h1' }, { name: 1, phone: '01012345678' }, 400, 'name'],
			['issue: name is an object', postEnrollment, { traineeId: 'h1' }, { name: { a: 1 }, phone: '01012345678' }, 400, 'name'],
			['issue: empty name', postEnrollment, { traineeId: 'h1' }, { name: '', phone: '01012345678' }, 400, 'name'],
			['issue: blank name', postEnrollment, { traineeId: 'h1' }, { name: '   ', phone: '01012345678' }, 400, 'name'],
			['issue: name with a trailing space', postEnrollment, { traineeId: 'h1' }, { name: '홍길동 ', phone: '01012345678' }, 400, 'name'],
			['issue: 51-character name', postEnrollment, { traineeId: 'h1' }, { name: '가'.repeat(51), phone: '01012345678' }, 400, 'name'],
			['issue: control character in name', postEnrollment, { traineeId: 'h1' }, { name: 'a\u0000b', phone: '01012345678' }, 400, 'name'],
			['issue: newline in name', postEnrollment, { traineeId: 'h1' }, { name: 'a\nb', phone: '01012345678' }, 400, 'name'],
			['issue: lone surrogate in name', postEnrollment, { traineeId: 'h1' }, '{"name":"a\\ud800b","phone":"01012345678"}', 400, 'name'],
			['issue: 9-digit phone', postEnrollment, { traineeId: 'h1' }, { name: 'A', phone: '010123456' }, 400, 'phone'],
			['issue: 12-digit phone', postEnrollment, { traineeId: 'h1' }, { name: 'A', phone: '010123456789' }, 400, 'phone'],
			['issue: letters in phone', postEnrollment, { traineeId: 'h1' }, { name: 'A', phone: '010-ABCD-5678' }, 400, 'phone'],
			['issue: phone as number', postEnrollment, { traineeId: 'h1' }, { name: 'A', phone: 1012345678 }, 400, 'phone'],
			['issue: full-width digits', postEnrollment, { traineeId: 'h1' }, { name: 'A', phone: '０１０１２３４５６７８' }, 400, 'phone'],
			['issue: unknown field', postEnrollment, { traineeId: 'h1' }, { name: 'A', phone: '01012345678', admin: true }, 400, 'admin'],
			['issue: __proto__ field', postEnrollment, { traineeId: 'h1' }, '{"name":"A","phone":"01012345678","__proto__":{"x":1}}', 400, '__proto__'],
			['issue: overlong name', postEnrollment, { traineeId: 'h1' }, { name: 'x'.repeat(5000), phone: '01012345678' }, 400, 'name'],
			['issue: traineeId with slash', postEnrollment, { traineeId: 'a/b' }, { name: 'A', phone: '01012345678' }, 400, 'traineeId'],
			['issue: traineeId with space', postEnrollment, { traineeId: 'a b' }, { name: 'A', phone: '01012345678' }, 400, 'traineeId'],
			['issue: traineeId in Hangul', postEnrollment, { traineeId: '홍길동' }, { name: 'A', phone: '01012345678' }, 400, 'traineeId'],
			['issue: 65-character traineeId', postEnrollment, { traineeId: 'a'.repeat(65) }, { name: 'A', phone: '01012345678' }, 400, 'traineeId'],
			['issue: empty traineeId', postEnrollment, { traineeId: '' }, { name: 'A', phone: '01012345678' }, 400, 'traineeId'],
			['issue: body over 8 KiB', postEnrollment, { traineeId: 'h1' }, { name: long, phone: '01012345678' }, 413],
			['verify: both traineeId and phone', postVerify, {}, { traineeId: 'a', phone: '01012345678', code: '123456' }, 400, 'traineeId'],
			['verify: neither traineeId nor phone', postVerify, {}, { code: '123456' }, 400, 'traineeId'],
			['verify: missing code', postVerify, {}, { traineeId: 'a' }, 400, 'code'],
			['verify: 5-digit code', postVerify, {}, { traineeId: 'a', code: '12345' }, 400, 'code'],
			['verify: 7-digit code', postVerify, {}, { traineeId: 'a', code: '1234567' }, 400, 'code'],
			['verify: code as number', postVerify, {}, { traineeId: 'a', code: 123456 }, 400, 'code'],
			['verify: code with letters', postVerify, {}, { traineeId: 'a', code: '12345a' }, 400, 'code'],
			['verify: code with Arabic-Indic digits', postVerify, {}, { traineeId: 'a', code: '١٢٣٤٥٦' }, 400, 'code'],
			['verify: traineeId as array', postVerify, {}, { traineeId: ['a'], code: '123456' }, 400, 'traineeId'],
			['verify: SQL in traineeId', postVerify, {}, { traineeId: "a' OR '1'='1", code: '123456' }, 400, 'traineeId'],
			['verify: bad phone', postVerify, {}, { phone: '12', code: '123456' }, 400, 'phone'],
			['preview: empty object', postEnrollPreview, {}, {}, 400, 'token'],
			['preview: both token and code', postEnrollPreview, {}, { token: 'A'.repeat(32), code: 'ABCD-EFGH' }, 400, 'token'],
			['preview: short token', postEnrollPreview, {}, { token: 'abc' }, 400, 'token'],
			['preview: token with dots', postEnrollPreview, {}, { token: 'a.'.repeat(16) }, 400, 'token'],
			['preview: code with O and 0', postEnrollPreview, {}, { code: 'O0O0-O0O0' }, 400, 'code'],
			['preview: 7-symbol code', postEnrollPreview, {}, { code: 'ABCD-EFG' }, 400, 'code'],
			['preview: code as number', postEnrollPreview, {}, { code: 12345678 }, 400, 'code'],
			['redeem: overlong token', postEnrollRedeem, {}, { token: 'A'.repeat(300) }, 400, 'token'],
			['redeem: deep nesting', postEnrollRedeem, {}, `${'['.repeat(3000)}${']'.repeat(3000)}`, 400, 'body']
		];
		for (const [what, handler, params, body, status, field] of bodies) {
			it(`${what} → ${status}${field ? ` (${field})` : ''}`, async () => {
				const r = await callJson(s, handler, { params, body, method: 'POST' });
				expect(r.status).toBe(status);
				expect(r.json.error.code).toBe(status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST');
				if (field) expect(r.json.error.field).toBe(field);
				expect(r.res.headers.get('cache-control')).toBe('no-store');
			});
		}

		it('refuses a non-JSON content type with 415', async () => {
			const r = await callJson(s, postVerify, { body: 'traineeId=a&code=123456', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
			expect(r).toMatchObject({ status: 415, json: { error: { code: 'UNSUPPORTED_MEDIA_TYPE' } } });
		});

		it('refuses a declared Content-Length over the limit before reading', async () => {
			const r = await callJson(s, postVerify, { body: '{}', headers: { 'content-length': '100000' } });
			expect(r.status).toBe(413);
		});

		it('refuses invalid UTF-8', async () => {
			const url = new URL('http://localhost/api/v1/verify');
			const { handleApi } = await import('../http/handleApi');
			const request = new Request(url, {
				method: 'POST',
				headers: { authorization: 'Bearer test-api-key-0123456789abcdef0123456789', 'content-type': 'application/json' },
				body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])
			});
			const res = await handleApi({ request, url, params: {}, getClientAddress: () => '1.2.3.4' }, postVerify, s);
			expect(res.status).toBe(400);
		});

		it('bad query parameters are 400', async () => {
			for (const path of ['/api/v1/trainees?limit=0', '/api/v1/trainees?limit=abc', '/api/v1/trainees?after=%2F', '/api/v1/audit?before=-1']) {
				const handler = path.includes('audit') ? getAudit : getTrainees;
				expect((await callJson(s, handler, { path })).status).toBe(400);
			}
		});

		it('answers 404 for unknown trainees and enrollments', async () => {
			expect((await callJson(s, getTrainee, { params: { traineeId: 'ghost' } })).json.error.code).toBe('TRAINEE_NOT_FOUND');
			expect((await callJson(s, postUnlock, { method: 'POST', params: { traineeId: 'ghost' } })).status).toBe(404);
			expect((await callJson(s, deleteTrainee, { method: 'DELETE', params: { traineeId: 'ghost' } })).status).toBe(404);
			const r = await callJson(s, postEnrollRedeem, { key: false, body: { code: 'ZZZZ-ZZZZ' } });
			expect(r).toMatchObject({ status: 404, json: { error: { code: 'ENROLLMENT_NOT_FOUND' } } });
		});

		it('answers 409 PHONE_AMBIGUOUS when a phone is enrolled twice', async () => {
			for (const id of ['dup-1', 'dup-2']) {
				const issued = await issue(id, { name: '동명이인', phone: '010-5555-0000' });
				await callJson(s, postEnrollRedeem, { key: false, body: { code: issued.json.enrollCode } });
			}
			const r = await callJson(s, postVerify, { body: { phone: '01055550000', code: '123456' } });
			expect(r).toMatchObject({ status: 409, json: { error: { code: 'PHONE_AMBIGUOUS' } } });
		});

		it('a failure inside the service is a generic 500 that reveals nothing', async () => {
			const broken: ApiHandler = async () => {
				throw new Error('database exploded: secret=JBSWY3DPEHPK3PXP');
			};
			const errors: unknown[] = [];
			const original = console.error;
			console.error = (...args: unknown[]) => errors.push(args);
			try {
				const r = await callJson(s, broken, { body: { code: '123456' } });
				expect(r).toMatchObject({ status: 500, json: { error: { code: 'INTERNAL', message: 'internal error' } } });
				expect(JSON.stringify(r.json)).not.toContain('JBSWY3DPEHPK3PXP');
				expect(JSON.stringify(errors)).not.toContain('123456');
			} finally {
				console.error = original;
			}
		});
	});

	it('every answer is JSON and no-store', async () => {
		const res = await callApi(s, getTrainees);
		expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
		expect(res.headers.get('cache-control')).toBe('no-store');
	});

	it('GET /api/v1/time: { now } in ms, a matching Date header, no-store', async () => {
		const res = toResponse(getTime(T0));
		expect(await res.json()).toEqual({ now: T0 });
		expect(res.headers.get('date')).toBe(new Date(T0).toUTCString());
		expect(res.headers.get('cache-control')).toBe('no-store');
	});
});

describe('rate limiting', () => {
	it('answers 429 with Retry-After per address on preview/redeem, and per trainee on verify', async () => {
		const [kind] = storeKinds();
		const db = await kind!.open();
		try {
			const clock = { now: T0 };
			const limits = new RateLimits({
				enrollByIp: { burst: 3, refillMs: 10_000 },
				enrollByTrainee: { burst: 100, refillMs: 1 },
				verifyByIp: { burst: 100, refillMs: 1 },
				verifyByTrainee: { burst: 2, refillMs: 30_000 },
				loginByIp: { burst: 1, refillMs: 1 }
			});
			const s = await testServices(db.stores[0]!, clock, { limits });
			const statuses: number[] = [];
			for (let i = 0; i < 4; i++) statuses.push((await callApi(s, postEnrollPreview, { key: false, body: { code: 'ZZZZ-ZZZZ' } })).status);
			expect(statuses).toEqual([404, 404, 404, 429]);
			const limited = await callJson(s, postEnrollRedeem, { key: false, body: { code: 'ZZZZ-ZZZZ' } });
			expect(limited).toMatchObject({ status: 429, json: { error: { code: 'RATE_LIMITED' } } });
			expect(limited.res.headers.get('retry-after')).toBe('10');
			// Another address is not affected.
			expect((await callApi(s, postEnrollPreview, { key: false, body: { code: 'ZZZZ-ZZZZ' }, ip: '10.0.0.2' })).status).toBe(404);
			// Time refills the bucket.
			clock.now += 10_000;
			expect((await callApi(s, postEnrollPreview, { key: false, body: { code: 'ZZZZ-ZZZZ' } })).status).toBe(404);

			const v = () => callApi(s, postVerify, { body: { traineeId: 'rl', code: '123456' } });
			expect([(await v()).status, (await v()).status, (await v()).status]).toEqual([200, 200, 429]);
		} finally {
			await db.dispose();
		}
	});
});
