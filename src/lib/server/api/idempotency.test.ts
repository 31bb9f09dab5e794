import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { Services } from '../institute/Services';
import { createServices } from '../institute/createServices';
import { issueEnrollment } from '../institute/issueEnrollment';
import { redeemEnrollment } from '../institute/redeemEnrollment';
import { storeKinds, TEST_DATABASE_URL, type OpenedStores } from '../testing/testStores';
import { T0, TEST_MASTER_KEY, testServices, unlimited, type TestClock } from '../testing/testServices';
import { callJson } from '../testing/callApi';
import { totpFromUri } from '../testing/totpFromUri';
import { postVerify } from './postVerify';
import { IDEMPOTENCY_TTL_MS } from './idempotency';

const STEP = 60_000;

describe.each(storeKinds())('Idempotency-Key on POST /api/v1/verify on $name', (kind) => {
	let db: OpenedStores;
	let clock: TestClock;
	let s: Services;
	let codeAt: (t: number) => string;

	beforeEach(async () => {
		db = await kind.open(2);
		clock = { now: T0 };
		s = await testServices(db.stores[0]!, clock);
		const issued = await issueEnrollment(s, { traineeId: 'T-1', name: '홍길동', phoneDigits: '01012345678' }, { kind: 'api', ip: null }, 'http://x');
		const redeemed = await redeemEnrollment(s, { token: issued.enrollUrl.split('#')[1]! }, { kind: 'app', ip: null });
		codeAt = totpFromUri(redeemed.otpauth);
	});
	afterEach(async () => {
		await db.dispose();
	});

	const verify = (body: unknown, key?: string, services = s) =>
		callJson(services, postVerify, { body, headers: key === undefined ? {} : { 'idempotency-key': key } });
	const wrong = () => ['000000', '111111', '222222'].find((c) => ![-1, 0, 1].some((d) => codeAt(clock.now + d * STEP) === c))!;
	const failures = async () => (await s.store.getTrainee('T-1', clock.now))!.failures;
	const verifyRows = async () => (await s.store.listAudit({ limit: 100, traineeId: 'T-1' })).filter((e) => e.action === 'verify').length;

	it('a retried wrong code gets the same answer and costs one strike, not two', async () => {
		const body = { traineeId: 'T-1', code: wrong() };
		const first = await verify(body, 'lms-req-0001');
		expect(first.json).toEqual({ result: 'rejected', reason: 'invalid', attemptsLeft: 4, traineeId: 'T-1' });
		expect(first.res.headers.get('idempotent-replayed')).toBeNull();
		for (let i = 0; i < 3; i++) {
			clock.now += 1_000;
			const again = await verify(body, 'lms-req-0001');
			expect(again.status).toBe(200);
			expect(again.json).toEqual(first.json);
			expect(again.res.headers.get('idempotent-replayed')).toBe('true');
		}
		expect(await failures()).toBe(1);
		expect(await verifyRows()).toBe(1);
		// Without the key the same body is a new attempt (the control: the key is what made the difference).
		await verify(body);
		expect(await failures()).toBe(2);
	});

	it('a retried right code is accepted again, never "replayed"', async () => {
		const body = { traineeId: 'T-1', code: codeAt(clock.now) };
		const first = await verify(body, 'k-accept');
		expect(first.json).toMatchObject({ result: 'accepted', traineeId: 'T-1' });
		const again = await verify(body, 'k-accept');
		expect(again.json).toEqual(first.json);
		// The same code under a new key is the replay it really is, without a strike.
		expect((await verify(body, 'k-other')).json).toMatchObject({ result: 'rejected', reason: 'replayed', attemptsLeft: 5 });
		expect(await failures()).toBe(0);
	});

	it('the same key with another body is refused (422 IDEMPOTENCY_KEY_REUSED) and decides nothing', async () => {
		const right = codeAt(clock.now);
		await verify({ traineeId: 'T-1', code: wrong() }, 'k-reuse');
		const before = await verifyRows();
		for (const other of [{ traineeId: 'T-1', code: right }, { phone: '010-1234-5678', code: right }, { traineeId: 'T-2', code: right }]) {
			const r = await verify(other, 'k-reuse');
			expect(r.status).toBe(422);
			expect(r.json).toEqual({ error: { code: 'IDEMPOTENCY_KEY_REUSED', message: expect.any(String), field: 'Idempotency-Key' } });
		}
		expect(await verifyRows()).toBe(before);
		// The right code was never spent: it is still accepted under a fresh key.
		expect((await verify({ traineeId: 'T-1', code: right }, 'k-fresh')).json).toMatchObject({ result: 'accepted' });
	});

	it('the same request spelled differently (key order, phone format, quoted key) is the same request', async () => {
		const code = wrong();
		const a = await verify({ phone: '010-1234-5678', code }, 'k-spell');
		const b = await verify({ code, phone: '01012345678' }, '"k-spell"');
		expect(b.json).toEqual(a.json);
		expect(b.res.headers.get('idempotent-replayed')).toBe('true');
		expect(await failures()).toBe(1);
	});

	it('keys are scoped to the API key: another key’s holder with the same Idempotency-Key gets its own decision', async () => {
		const other = await createServices({
			store: db.stores[0]!,
			now: () => clock.now,
			limits: unlimited(),
			config: { instituteName: 'x', origin: undefined, apiKey: 'another-api-key-0123456789abcdef01234567', enrollTtlMs: 86_400_000, masterKey: TEST_MASTER_KEY }
		});
		const body = { traineeId: 'T-1', code: wrong() };
		await verify(body, 'k-scope');
		const r = await callJson(other, postVerify, { body, key: 'another-api-key-0123456789abcdef01234567', headers: { 'idempotency-key': 'k-scope' } });
		expect(r.res.headers.get('idempotent-replayed')).toBeNull();
		expect(r.json).toMatchObject({ attemptsLeft: 3 });
	});

	it('a double submit (20 at once, over two store handles) gives one decision', async () => {
		const s2 = await testServices(db.stores[1]!, clock);
		const body = { traineeId: 'T-1', code: wrong() };
		const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => verify(body, 'k-double', i % 2 ? s2 : s)));
		for (const a of answers) expect(a.json).toEqual({ result: 'rejected', reason: 'invalid', attemptsLeft: 4, traineeId: 'T-1' });
		expect(answers.filter((a) => a.res.headers.get('idempotent-replayed') === null)).toHaveLength(1);
		expect(await failures()).toBe(1);
		expect(await verifyRows()).toBe(1);
	});

	it('a double submit of the right code: one accepted decision, every answer "accepted"', async () => {
		const s2 = await testServices(db.stores[1]!, clock);
		const body = { traineeId: 'T-1', code: codeAt(clock.now) };
		const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => verify(body, 'k-double-ok', i % 2 ? s2 : s)));
		for (const a of answers) expect(a.json).toMatchObject({ result: 'accepted' });
		expect(await verifyRows()).toBe(1);
	});

	it('keys expire after 24 h: then the key is new again, and expired records are purged', async () => {
		const body = { traineeId: 'T-1', code: wrong() };
		await verify(body, 'k-ttl');
		clock.now += IDEMPOTENCY_TTL_MS - 1;
		expect((await verify(body, 'k-ttl')).res.headers.get('idempotent-replayed')).toBe('true');
		clock.now += 1;
		const after = await verify(body, 'k-ttl');
		expect(after.res.headers.get('idempotent-replayed')).toBeNull();
		expect(await failures()).toBe(2);
		clock.now += IDEMPOTENCY_TTL_MS;
		expect(await s.store.purgeIdempotency(clock.now)).toBe(1);
		expect(await rawKeys(kind.name, db.location)).toHaveLength(0);
	});

	it('stores the key and the request only as keyed hashes', async () => {
		const code = wrong();
		await verify({ traineeId: 'T-1', code }, 'lms-visible-key-123');
		const rows = await rawKeys(kind.name, db.location);
		expect(rows).toHaveLength(1);
		const text = JSON.stringify(rows);
		expect(rows[0]!.key_hash).toMatch(/^[0-9a-f]{64}$/);
		expect(rows[0]!.request_hash).toMatch(/^[0-9a-f]{64}$/);
		expect(text).not.toContain('lms-visible-key-123');
		expect(text).not.toContain(code);
	});

	it('refuses a malformed key with a typed 400 and decides nothing', async () => {
		for (const bad of ['', '""', 'x'.repeat(256), 'caf\u00e9', 'a b']) {
			const r = await verify({ traineeId: 'T-1', code: wrong() }, bad);
			expect(r.status, bad).toBe(400);
			expect(r.json.error).toMatchObject({ code: 'BAD_REQUEST', field: 'Idempotency-Key' });
		}
		expect(await verifyRows()).toBe(0);
	});

	it('refusals are not stored: a bad body under a key can be corrected under the same key', async () => {
		expect((await verify({ traineeId: 'T-1', code: '12' }, 'k-fix')).status).toBe(400);
		expect((await verify({ traineeId: 'T-1', code: codeAt(clock.now) }, 'k-fix')).json).toMatchObject({ result: 'accepted' });
	});
});

/** The raw rows of `idempotency_keys`, straight from the database. */
async function rawKeys(kind: 'sqlite' | 'postgres', location: string): Promise<Record<string, unknown>[]> {
	if (kind === 'sqlite') {
		const { default: Database } = await import('better-sqlite3');
		const db = new Database(location, { readonly: true });
		try {
			return db.prepare('SELECT * FROM idempotency_keys').all() as Record<string, unknown>[];
		} finally {
			db.close();
		}
	}
	const client = new pg.Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${location}` });
	await client.connect();
	try {
		return (await client.query('SELECT * FROM idempotency_keys')).rows;
	} finally {
		await client.end();
	}
}
