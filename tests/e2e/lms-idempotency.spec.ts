import { expect, test } from '@playwright/test';
import { randomBytes, randomUUID } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import pg from 'pg';
import { testDatabase, unreachableMessage } from '../../src/lib/server/testing/testDatabase';
import { API_KEY, AUTH } from './support/institute';
import { rawHttp } from './support/rawHttp';
import { startServer, type TestServer } from './support/server';

// Issue 16, part 2: `Idempotency-Key` on POST /api/v1/verify against the built server — on SQLite
// (the Playwright web server) and on PostgreSQL shared by two server processes — through both
// server.js's fast path (`/api/v1/verify`) and SvelteKit (`/api/v1/%76erify`, the same route decoded).

const json = { 'content-type': 'application/json' };

async function enroll(base: string, traineeId: string): Promise<(t: number) => string> {
	const issued = await fetch(`${base}/api/v1/trainees/${traineeId}/enrollment`, {
		method: 'POST',
		headers: { ...AUTH, ...json },
		body: JSON.stringify({ name: '홍길동', phone: '010-5555-0101' })
	});
	expect(issued.status).toBe(201);
	const token = String(((await issued.json()) as { enrollUrl: string }).enrollUrl).split('#')[1];
	const redeemed = await fetch(`${base}/api/v1/enroll/redeem`, { method: 'POST', headers: json, body: JSON.stringify({ token }) });
	const totp = OTPAuth.URI.parse(String(((await redeemed.json()) as { otpauth: string }).otpauth));
	return (timestamp) => totp.generate({ timestamp });
}

/** A code none of the window's three steps has. */
function wrongFor(codeAt: (t: number) => string): string {
	const now = Date.now();
	const window = [-60_000, 0, 60_000, 120_000].map((d) => codeAt(now + d));
	return ['000000', '111111', '222222', '333333', '444444'].find((c) => !window.includes(c))!;
}

async function scenario(urls: string[], traineeId: string): Promise<void> {
	const [a, b = a] = urls as [string, string?];
	const codeAt = await enroll(a, traineeId);
	const wrong = wrongFor(codeAt);
	const key = randomUUID();
	const body = JSON.stringify({ traineeId, code: wrong });
	const headers = { ...AUTH, ...json, 'idempotency-key': key };

	// A double submit, 24 at once across the servers and both paths: one decision, one strike.
	const answers = await Promise.all(
		Array.from({ length: 24 }, (_, i) => rawHttp(urls[i % urls.length]!, 'POST', i % 4 < 2 ? '/api/v1/verify' : '/api/v1/%76erify', headers, body))
	);
	const first = answers.find((x) => x.headers['idempotent-replayed'] === undefined);
	expect(answers.filter((x) => x.headers['idempotent-replayed'] === undefined)).toHaveLength(1);
	for (const x of answers) {
		expect(x.status).toBe(200);
		expect(x.body).toBe(first!.body);
		expect(x.headers['cache-control']).toBe('no-store');
	}
	expect(JSON.parse(first!.body)).toEqual({ result: 'rejected', reason: 'invalid', attemptsLeft: 4, traineeId });
	const trainee = (await (await fetch(`${a}/api/v1/trainees/${traineeId}`, { headers: AUTH })).json()) as { failures: number };
	expect(trainee.failures).toBe(1);

	// A later retry, through either path and either process: the same bytes, marked as replayed.
	for (const [base, path] of [[a, '/api/v1/verify'], [b, '/api/v1/%76erify']] as const) {
		const again = await rawHttp(base!, 'POST', path, headers, body);
		expect(again.body).toBe(first!.body);
		expect(again.headers['idempotent-replayed']).toBe('true');
	}

	// The same key with another body: refused, the same way on both paths, and nothing decided.
	const other = JSON.stringify({ traineeId, code: codeAt(Date.now()) });
	const fast = await rawHttp(a, 'POST', '/api/v1/verify', headers, other);
	const kit = await rawHttp(b!, 'POST', '/api/v1/%76erify', headers, other);
	expect(fast.status).toBe(422);
	expect(kit.status).toBe(422);
	expect(fast.body).toBe(kit.body);
	expect(JSON.parse(fast.body)).toMatchObject({ error: { code: 'IDEMPOTENCY_KEY_REUSED', field: 'Idempotency-Key' } });
	// The right code was not spent by the refused request.
	const fresh = await rawHttp(b!, 'POST', '/api/v1/verify', { ...headers, 'idempotency-key': randomUUID() }, other);
	expect(JSON.parse(fresh.body)).toMatchObject({ result: 'accepted', failuresSinceLastSuccess: 1 });

	// A malformed key: a typed 400, the same on both paths.
	const badFast = await rawHttp(a, 'POST', '/api/v1/verify', { ...headers, 'idempotency-key': 'x'.repeat(300) }, body);
	const badKit = await rawHttp(a, 'POST', '/api/v1/%76erify', { ...headers, 'idempotency-key': 'x'.repeat(300) }, body);
	expect(badFast.status).toBe(400);
	expect(badFast.body).toBe(badKit.body);
	expect(JSON.parse(badFast.body)).toMatchObject({ error: { code: 'BAD_REQUEST', field: 'Idempotency-Key' } });
}

test('SQLite (npm start): a retried or double-submitted verification with one Idempotency-Key is one decision, on both paths', async ({ baseURL }) => {
	await scenario([baseURL!], `idem-sqlite-${randomBytes(4).toString('hex')}`);
});

test.describe('PostgreSQL with two server processes', () => {
	const database = testDatabase();
	const url = database.url;
	const schema = `motp_e2e_idem_${process.pid}_${randomBytes(4).toString('hex')}`;
	let running: TestServer[] = [];

	test.beforeAll(async () => {
		if (!url) return;
		await sql(url, `CREATE SCHEMA ${schema}`).catch((error: unknown) => {
			throw new Error(unreachableMessage(database, error), { cause: error });
		});
		const databaseUrl = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
		const env = { DATABASE_URL: databaseUrl, MOTP_API_KEY: API_KEY, MOTP_MASTER_KEY: '0'.repeat(64), MOTP_INSTITUTE_NAME: '테스트훈련원' };
		running = await Promise.all([0, 1].map(() => startServer(env)));
	});

	test.afterAll(async () => {
		await Promise.all(running.map((server) => server.stop()));
		if (url) await sql(url, `DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
	});

	test('one Idempotency-Key is one decision across both processes and both paths', async () => {
		if (!url) {
			test.skip(true, database.notice);
			return;
		}
		await scenario(
			running.map((server) => server.origin),
			`idem-pg-${randomBytes(4).toString('hex')}`
		);
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
