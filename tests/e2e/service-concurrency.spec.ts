import { expect, test } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import pg from 'pg';
import { testDatabase, unreachableMessage } from '../../src/lib/server/testing/testDatabase';
import { startServer, type TestServer } from './support/server';

// Issue 6, "Done when": 40 simultaneous verifications of one code, exactly one accepted — against
// the production build, on SQLite (the Playwright web server) and on PostgreSQL shared by two
// real server processes (`node build/index.js` twice). Issue 12: the 39 others are replays, refused
// but never counted, so a double submit locks nobody; 40 simultaneous wrong codes lock exactly once;
// a replay after an unlock is still refused; and the patient guesser locks at the 10th failure.

const API_KEY = 'e2e-test-key-0123456789abcdef0123456789';
const auth = { authorization: `Bearer ${API_KEY}` };
const CONCURRENCY = 40;

/** Issues and redeems an enrollment on the given servers; returns the code generator. */
async function enroll(issueAt: string, redeemAt: string, traineeId: string, fetchJson: FetchJson): Promise<(t: number) => string> {
	const issued = await fetchJson(`${issueAt}/api/v1/trainees/${traineeId}/enrollment`, { name: '홍 길동', phone: '010-1234-5678' }, auth);
	expect(issued.status).toBe(201);
	const token = String(issued.json.enrollUrl).split('#')[1];
	const redeemed = await fetchJson(`${redeemAt}/api/v1/enroll/redeem`, { token });
	expect(redeemed.status).toBe(200);
	const totp = OTPAuth.URI.parse(String(redeemed.json.otpauth));
	return (timestamp) => totp.generate({ timestamp });
}

type FetchJson = (url: string, body: unknown, headers?: Record<string, string>) => Promise<{ status: number; json: Record<string, unknown> }>;

const fetchJson: FetchJson = async (url, body, headers = {}) => {
	const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
	return { status: res.status, json: (await res.json()) as Record<string, unknown> };
};

/** Fires all verifications at once and tallies the results. */
async function burst(urls: string[], traineeId: string, code: string): Promise<Record<string, number>> {
	const answers = await Promise.all(
		Array.from({ length: CONCURRENCY }, (_, i) => fetchJson(`${urls[i % urls.length]}/api/v1/verify`, { traineeId, code }, auth))
	);
	const tally: Record<string, number> = {};
	for (const a of answers) {
		expect(a.status).toBe(200);
		const key = a.json.result === 'rejected' ? `rejected:${String(a.json.reason)}` : String(a.json.result);
		tally[key] = (tally[key] ?? 0) + 1;
	}
	return tally;
}

/** The whole issue 12 table against `urls` (one server, or two processes sharing a database). */
async function concurrencyAndLockout(urls: string[], prefix: string): Promise<void> {
	const [a, b = a] = urls as [string, string?];
	const get = async (traineeId: string) => (await fetch(`${a}/api/v1/trainees/${traineeId}`, { headers: auth })).json();
	const verify = async (at: string, traineeId: string, code: string) => (await fetchJson(`${at}/api/v1/verify`, { traineeId, code }, auth)).json;

	// 40 at once of the right code: one accepted, 39 replays, nobody locked, nothing counted.
	const traineeId = `${prefix}-1`;
	const codeAt = await enroll(a, b!, traineeId, fetchJson);
	const code = codeAt(Date.now());
	expect(await burst(urls, traineeId, code)).toEqual({ accepted: 1, 'rejected:replayed': CONCURRENCY - 1 });
	expect(await get(traineeId)).toMatchObject({ status: 'enrolled', failures: 0, failuresInWindow: 0, attemptsLeft: 5 });

	// 40 at once of a wrong code (another trainee: the per-trainee rate limit allows 60 a burst):
	// exactly 5 counted, one lock.
	const lockedId = `${prefix}-3`;
	const lockedCodeAt = await enroll(a, b!, lockedId, fetchJson);
	const spent = lockedCodeAt(Date.now());
	expect((await verify(a, lockedId, spent)).result).toBe('accepted');
	const wrong = String((Number(spent) + 500_000) % 1_000_000).padStart(6, '0');
	expect(await burst(urls, lockedId, wrong)).toEqual({ 'rejected:invalid': 4, locked: CONCURRENCY - 4 });
	const audit = (await (await fetch(`${a}/api/v1/audit?traineeId=${lockedId}&limit=200`, { headers: auth })).json()) as { entries: { action: string }[] };
	expect(audit.entries.filter((e) => e.action === 'lock')).toHaveLength(1);

	// The lock set through one process holds in the other; an unlock in one frees both; the spent
	// code stays spent after the unlock, and the next step's code is accepted.
	expect((await verify(b!, lockedId, lockedCodeAt(Date.now() + 60_000))).result).toBe('locked');
	expect((await fetchJson(`${a}/api/v1/trainees/${lockedId}/unlock`, {}, auth)).status).toBe(200);
	expect(await verify(b!, lockedId, spent)).toMatchObject({ result: 'rejected', reason: 'replayed', attemptsLeft: 5 });
	expect(await verify(b!, lockedId, lockedCodeAt(Date.now() + 60_000))).toMatchObject({ result: 'accepted', failuresSinceLastSuccess: 0 });

	// The patient guesser: 4 wrong, the trainee's own success, 4 wrong, a success, 2 wrong: locked at the 10th.
	const victim = `${prefix}-2`;
	const victimCode = await enroll(a, b!, victim, fetchJson);
	const bad = (n: number) => String((Number(victimCode(Date.now())) + 1 + n * 7919) % 1_000_000).padStart(6, '0');
	const answers: string[] = [];
	const guess = async (n: number) => answers.push(String((await verify(urls[n % urls.length]!, victim, bad(n))).result));
	for (let n = 0; n < 4; n++) await guess(n);
	const first = await verify(a, victim, victimCode(Date.now()));
	expect(first).toMatchObject({ result: 'accepted', failuresSinceLastSuccess: 4, lastFailureAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
	for (let n = 4; n < 8; n++) await guess(n);
	expect(await verify(b!, victim, victimCode(Date.now() + 60_000))).toMatchObject({ result: 'accepted', failuresSinceLastSuccess: 4 });
	for (let n = 8; n < 10; n++) await guess(n);
	expect(answers).toEqual([...Array(9).fill('rejected'), 'locked']);
	expect(await get(victim)).toMatchObject({ status: 'locked', failuresInWindow: 10 });
}

test('SQLite (the npm start server): double submits cost nothing, lockout is exact, the patient guesser is locked', async ({ baseURL }) => {
	await concurrencyAndLockout([baseURL!], `e2e-sqlite-${randomBytes(4).toString('hex')}`);
});

test.describe('PostgreSQL with two server processes', () => {
	// TEST_DATABASE_URL, else the machine's local PostgreSQL; `off` is the only way to leave it out.
	const database = testDatabase();
	const url = database.url;
	const schema = `motp_e2e_${process.pid}_${randomBytes(4).toString('hex')}`;
	let running: TestServer[] = [];

	test.beforeAll(async () => {
		console.log(database.notice);
		if (!url) return;
		await sql(url, `CREATE SCHEMA ${schema}`).catch((error: unknown) => {
			throw new Error(unreachableMessage(database, error), { cause: error });
		});
		const databaseUrl = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
		// Every process sharing the database must share the keys.
		const env = { DATABASE_URL: databaseUrl, MOTP_API_KEY: API_KEY, MOTP_MASTER_KEY: '0'.repeat(64), MOTP_INSTITUTE_NAME: '테스트훈련원' };
		running = await Promise.all([0, 1].map(() => startServer(env)));
	});

	test.afterAll(async () => {
		await Promise.all(running.map((server) => server.stop()));
		if (url) await sql(url, `DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
	});

	test('split across both processes: double submits cost nothing, lockout is exact and shared, the patient guesser is locked', async () => {
		if (!url) {
			test.skip(true, database.notice);
			return;
		}
		await concurrencyAndLockout(running.map((server) => server.origin), `e2e-pg-${randomBytes(4).toString('hex')}`);
	});
});

async function sql(url: string, statement: string): Promise<void> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		await client.query(statement);
	} finally {
		await client.end();
	}
}
