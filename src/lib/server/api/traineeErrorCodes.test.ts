import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRAINEE_API_ERROR_CODES, TRAINEE_ERROR_CODES } from '$lib/api/traineeErrors';
import { en } from '$lib/i18n/en';
import { ko } from '$lib/i18n/ko';
import { DEFAULT_RATE_LIMITS, RateLimits } from '../limits/RateLimits';
import type { ApiHandler } from '../http/ApiContext';
import { errorReply } from '../http/errorReply';
import { TEST_SEAL } from '../testing/testStores';
import { ApiError, API_ERROR_STATUS, type ApiErrorCode } from '../ApiError';
import { SqliteStore } from '../store/SqliteStore';
import type { Store } from '../store/Store';
import { callApi } from '../testing/callApi';
import { T0, testServices, type TestClock } from '../testing/testServices';
import type { Services } from '../institute/Services';
import { methodNotAllowed } from './methodNotAllowed';
import { postEnrollment } from './postEnrollment';
import { postEnrollPreview } from './postEnrollPreview';
import { postEnrollRedeem } from './postEnrollRedeem';

/**
 * The trainee-facing error contract (issue 13): the trainee's endpoints are driven through every
 * refusal they have, and every code they answer must be on the shared list
 * (`src/lib/api/traineeErrors.ts`) and have a Korean and an English message. A code the server
 * starts answering without a client message fails here.
 */

const seen = new Set<string>();
let store: Store;
let clock: TestClock;
let s: Services;

/** Calls a trainee endpoint the way the app does (no key) and records the error code it answers. */
async function call(services: Services, handler: ApiHandler, o: Parameters<typeof callApi>[2] = {}): Promise<number> {
	const res = await callApi(services, handler, { key: false, ...o });
	if (!res.ok) seen.add(((await res.json()) as { error: { code: string } }).error.code);
	return res.status;
}

async function issue(traineeId: string): Promise<{ token: string; code: string }> {
	const r = await callApi(s, postEnrollment, { params: { traineeId }, body: { name: '홍길동', phone: '010-1234-5678' } });
	const json = (await r.json()) as { enrollUrl: string; enrollCode: string };
	return { token: json.enrollUrl.split('#')[1]!, code: json.enrollCode };
}

beforeAll(async () => {
	store = new SqliteStore(':memory:', TEST_SEAL);
	await store.migrate();
	clock = { now: T0 };
	s = await testServices(store, clock);
});
afterAll(() => store.close());

describe('every code a trainee can meet has a message', () => {
	it('drives preview and redeem through every refusal', async () => {
		for (const handler of [postEnrollPreview, postEnrollRedeem]) {
			await call(s, handler, { body: { code: 'ZZZZ-ZZZZ' } }); // not found
			await call(s, handler, { body: { token: 'x' } }); // malformed
			await call(s, handler, { body: { token: 'A'.repeat(32), extra: 1 } }); // unknown field
			await call(s, handler, { body: 'not json' });
			await call(s, handler, { body: JSON.stringify({ token: 'A'.repeat(9000) }) }); // too large
			await call(s, handler, { body: '{}', headers: { 'content-type': 'text/plain' } });
		}
		await call(s, postEnrollRedeem, { body: { token: 'A'.repeat(32), retryKey: 'short' } });

		const used = await issue('T-used');
		await call(s, postEnrollRedeem, { body: { token: used.token } });
		await call(s, postEnrollPreview, { body: { token: used.token } });
		await call(s, postEnrollRedeem, { body: { token: used.token } });

		const old = await issue('T-sup');
		await issue('T-sup');
		await call(s, postEnrollPreview, { body: { token: old.token } });
		await call(s, postEnrollRedeem, { body: { token: old.token } });

		const late = await issue('T-late');
		clock.now += 25 * 3_600_000;
		await call(s, postEnrollPreview, { body: { token: late.token } });
		await call(s, postEnrollRedeem, { body: { code: late.code } });

		// Rate limited.
		const tight = await testServices(store, clock, { limits: new RateLimits({ ...DEFAULT_RATE_LIMITS, enrollByIp: { burst: 1, refillMs: 3_600_000 } }) });
		await call(tight, postEnrollPreview, { body: { code: 'ZZZZ-ZZZZ' } });
		expect(await call(tight, postEnrollPreview, { body: { code: 'ZZZZ-ZZZZ' } })).toBe(429);

		// The store fails underneath.
		const broken = await testServices(
			new Proxy(store, {
				get: (t, k) => {
					if (k === 'findEnrollment') return () => Promise.reject(new Error('disk on fire'));
					const v = Reflect.get(t, k) as unknown;
					return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
				}
			}),
			clock
		);
		const quiet = console.error;
		console.error = () => undefined;
		try {
			expect(await call(broken, postEnrollRedeem, { body: { code: 'ZZZZ-ZZZZ' } })).toBe(500);
		} finally {
			console.error = quiet;
		}

		// The routes' own answers: a wrong method, an unknown API path.
		seen.add(((await methodNotAllowed('POST').json()) as { error: { code: string } }).error.code);
		seen.add((JSON.parse(errorReply(new ApiError('NOT_FOUND', 'no such API endpoint')).body) as { error: { code: string } }).error.code);

		expect([...seen].sort()).toEqual(
			['BAD_REQUEST', 'ENROLLMENT_EXPIRED', 'ENROLLMENT_NOT_FOUND', 'ENROLLMENT_SUPERSEDED', 'ENROLLMENT_USED', 'INTERNAL', 'METHOD_NOT_ALLOWED', 'NOT_FOUND', 'PAYLOAD_TOO_LARGE', 'RATE_LIMITED', 'UNSUPPORTED_MEDIA_TYPE'].sort()
		);
		for (const code of seen) expect(TRAINEE_API_ERROR_CODES, `${code} is answered to trainees but not on the shared list`).toContain(code);
	});

	it.each(TRAINEE_ERROR_CODES)('%s has a Korean and an English message', (code) => {
		expect(ko.enrollError[code]?.length, `ko message for ${code}`).toBeGreaterThan(10);
		expect(en.enrollError[code]?.length, `en message for ${code}`).toBeGreaterThan(10);
		expect(ko.enrollError[code]).not.toBe(en.enrollError[code]);
	});

	it('every shared code is a server code with a status, and the final ones never say "try later"', () => {
		for (const code of TRAINEE_API_ERROR_CODES) expect(API_ERROR_STATUS[code as ApiErrorCode]).toBeGreaterThanOrEqual(400);
		for (const code of ['ENROLLMENT_SUPERSEDED', 'ENROLLMENT_USED', 'ENROLLMENT_EXPIRED'] as const) {
			expect(ko.enrollError[code]).not.toMatch(/잠시 후/);
			expect(en.enrollError[code]).not.toMatch(/try again/i);
		}
	});
});
