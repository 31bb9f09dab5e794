import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postEnrollment } from '../api/postEnrollment';
import { postEnrollPreview } from '../api/postEnrollPreview';
import { postEnrollRedeem } from '../api/postEnrollRedeem';
import { postVerify } from '../api/postVerify';
import { checkConsoleKey } from '../console/checkConsoleKey';
import { callApi, callJson } from '../testing/callApi';
import { T0, testServices, TEST_API_KEY } from '../testing/testServices';
import { storeKinds, type OpenedStores } from '../testing/testStores';
import { DEFAULT_RATE_LIMITS, RateLimits, type RatePurpose } from './RateLimits';
import type { RateLimit } from './RateLimiter';

/**
 * Issue 8: "rate limits on redeem and verify, per IP and per trainee", each shown through the
 * endpoints with small limits (the defaults are documented in docs/api.md). Every limit here
 * that is not under test is effectively unlimited, so each test sees one limiter only.
 */
const OPEN: RateLimit = { burst: 1e9, refillMs: 1 };
function only(purpose: RatePurpose, limit: RateLimit): RateLimits {
	const all = Object.fromEntries(Object.keys(DEFAULT_RATE_LIMITS).map((k) => [k, OPEN])) as Record<RatePurpose, RateLimit>;
	return new RateLimits({ ...all, [purpose]: limit });
}

describe('rate limits through the endpoints', () => {
	let db: OpenedStores;
	beforeAll(async () => {
		db = await storeKinds()[0]!.open();
	});
	afterAll(async () => {
		await db.dispose();
	});

	const setup = async (purpose: RatePurpose, limit: RateLimit) => {
		const clock = { now: T0 };
		const s = await testServices(db.stores[0]!, clock, { limits: only(purpose, limit) });
		return { s, clock };
	};
	const issue = async (s: Awaited<ReturnType<typeof setup>>['s'], traineeId: string, phone: string) =>
		(await callJson(s, postEnrollment, { params: { traineeId }, body: { name: '홍길동', phone } })).json as { enrollUrl: string; enrollCode: string };

	it('redeem, per address: guessing codes from one address is cut off, another address is not', async () => {
		const { s, clock } = await setup('enrollByIp', { burst: 3, refillMs: 10_000 });
		const guess = (ip: string) => callApi(s, postEnrollRedeem, { key: false, ip, body: { code: 'ZZZZ-ZZZZ' } });
		expect([(await guess('198.51.100.1')).status, (await guess('198.51.100.1')).status, (await guess('198.51.100.1')).status]).toEqual([404, 404, 404]);
		const limited = await guess('198.51.100.1');
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('10');
		expect((await guess('198.51.100.2')).status).toBe(404);
		clock.now += 10_000;
		expect((await guess('198.51.100.1')).status).toBe(404);
	});

	it('redeem, per trainee: one enrollment hammered from many addresses is cut off', async () => {
		const { s } = await setup('enrollByTrainee', { burst: 2, refillMs: 30_000 });
		const { enrollCode } = await issue(s, 'rl-redeem', '010-3000-0001');
		expect((await callApi(s, postEnrollPreview, { key: false, ip: '198.51.100.10', body: { code: enrollCode } })).status).toBe(200);
		expect((await callApi(s, postEnrollPreview, { key: false, ip: '198.51.100.11', body: { code: enrollCode } })).status).toBe(200);
		const redeem = await callJson(s, postEnrollRedeem, { key: false, ip: '198.51.100.12', body: { code: enrollCode } });
		expect(redeem).toMatchObject({ status: 429, json: { error: { code: 'RATE_LIMITED' } } });
		expect(redeem.res.headers.get('retry-after')).toBe('30');
	});

	it('verify, per address: one caller flooding many trainees is cut off, another caller is not', async () => {
		const { s } = await setup('verifyByIp', { burst: 3, refillMs: 1_000 });
		const v = (traineeId: string, ip: string) => callApi(s, postVerify, { ip, body: { traineeId, code: '123456' } });
		const statuses = [];
		for (const id of ['a', 'b', 'c', 'd']) statuses.push((await v(`rl-ip-${id}`, '198.51.100.20')).status);
		expect(statuses).toEqual([200, 200, 200, 429]);
		expect((await v('rl-ip-e', '198.51.100.21')).status).toBe(200);
	});

	it('verify, per trainee: one trainee hammered from many addresses is cut off', async () => {
		const { s, clock } = await setup('verifyByTrainee', { burst: 2, refillMs: 1_000 });
		const v = (ip: string) => callApi(s, postVerify, { ip, body: { traineeId: 'rl-one', code: '123456' } });
		expect([(await v('198.51.100.30')).status, (await v('198.51.100.31')).status, (await v('198.51.100.32')).status]).toEqual([200, 200, 429]);
		// Another trainee is not affected; time refills.
		expect((await callApi(s, postVerify, { ip: '198.51.100.32', body: { traineeId: 'rl-two', code: '123456' } })).status).toBe(200);
		clock.now += 1_000;
		expect((await v('198.51.100.33')).status).toBe(200);
	});

	it('console login, per address', async () => {
		const { s } = await setup('loginByIp', { burst: 2, refillMs: 60_000 });
		const actor = { kind: 'console' as const, ip: '198.51.100.40' };
		expect(await checkConsoleKey(s, 'wrong', actor)).toBe(false);
		expect(await checkConsoleKey(s, TEST_API_KEY, actor)).toBe(true);
		await expect(checkConsoleKey(s, TEST_API_KEY, actor)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
	});

	it('the defaults limit every purpose', () => {
		for (const [purpose, limit] of Object.entries(DEFAULT_RATE_LIMITS)) {
			expect(limit.burst, purpose).toBeGreaterThan(0);
			// The global miss budget serves every address at once, so it is the one larger bucket.
			expect(limit.burst, purpose).toBeLessThanOrEqual(purpose === 'enrollMissGlobal' ? 2_000 : 600);
			expect(limit.refillMs, purpose).toBeGreaterThan(0);
		}
		// At most 20 misses a second for the whole process: 1.7 million a day (docs/api.md, "Rate limits").
		expect(DEFAULT_RATE_LIMITS.enrollMissGlobal.refillMs).toBeGreaterThanOrEqual(50);
	});

	it('API key, per address: wrong keys are cut off, the right key from another address is not, and the right key spends nothing', async () => {
		const { s, clock } = await setup('apiKeyByIp', { burst: 3, refillMs: 30_000 });
		const v = (ip: string, key?: string) => callApi(s, postVerify, { ip, key, body: { traineeId: 'rl-key', code: '123456' } });
		for (let i = 0; i < 10; i++) expect((await v('198.51.100.50')).status).toBe(200); // the right key, as often as needed
		const wrong = [];
		for (let i = 0; i < 4; i++) wrong.push((await v('198.51.100.50', 'wrong-key-0123456789abcdef0123456789')).status);
		expect(wrong).toEqual([401, 401, 401, 429]);
		// Once spent, even the right key from that address waits: the address is not an oracle.
		const refused = await callApi(s, postVerify, { ip: '198.51.100.50', body: { traineeId: 'rl-key', code: '123456' } });
		expect(refused.status).toBe(429);
		expect(refused.headers.get('retry-after')).toBe('30');
		expect((await v('198.51.100.51')).status).toBe(200);
		clock.now += 30_000;
		expect((await v('198.51.100.50')).status).toBe(200);
	});

	it('per-address limits group an IPv6 /64 into one bucket', async () => {
		const { s } = await setup('enrollByIp', { burst: 2, refillMs: 10_000 });
		const guess = (ip: string) => callApi(s, postEnrollRedeem, { key: false, ip, body: { code: 'ZZZZ-ZZZZ' } });
		expect((await guess('2001:db8:5:6::1')).status).toBe(404);
		expect((await guess('2001:db8:5:6:ffff::2')).status).toBe(404);
		expect((await guess('2001:db8:5:6:1234:5678:9abc:def0')).status).toBe(429);
		expect((await guess('2001:db8:5:7::1')).status).toBe(404);
	});

	it('lookups that find nothing share one budget across all addresses, then every lookup waits', async () => {
		const { s, clock } = await setup('enrollMissGlobal', { burst: 3, refillMs: 1_000 });
		const { enrollCode } = await issue(s, 'rl-global', '010-3000-0009');
		const statuses = [];
		for (let i = 0; i < 4; i++) statuses.push((await callApi(s, postEnrollPreview, { key: false, ip: `198.51.100.${60 + i}`, body: { code: 'ZZZZ-ZZZZ' } })).status);
		expect(statuses).toEqual([404, 404, 404, 429]);
		// A real code is refused too while the budget is spent (answering it would keep guessing alive)…
		expect((await callApi(s, postEnrollPreview, { key: false, ip: '198.51.100.70', body: { code: enrollCode } })).status).toBe(429);
		// …and served once it refills. Found lookups spend nothing.
		clock.now += 1_000;
		for (let i = 0; i < 5; i++) expect((await callApi(s, postEnrollPreview, { key: false, ip: '198.51.100.70', body: { code: enrollCode } })).status).toBe(200);
	});
});
