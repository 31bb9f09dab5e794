import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as OTPAuth from 'otpauth';
import pg from 'pg';
import { testDatabase, unreachableMessage } from '../../src/lib/server/testing/testDatabase';
import { freePort } from './support/freePort';

// Issue 6, "Done when": 40 simultaneous verifications of one code, exactly one accepted — against
// the production build, on SQLite (the Playwright web server) and on PostgreSQL shared by two
// real server processes (`node build/index.js` twice).

const API_KEY = 'e2e-test-key-0123456789abcdef';
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

test('SQLite: 40 simultaneous verifications of one code, exactly one accepted', async ({ baseURL }) => {
	const base = baseURL!;
	const traineeId = `e2e-sqlite-${randomBytes(4).toString('hex')}`;
	const codeAt = await enroll(base, base, traineeId, fetchJson);
	const tally = await burst([base], traineeId, codeAt(Date.now()));
	expect(tally).toEqual({ accepted: 1, 'rejected:replayed': 4, locked: CONCURRENCY - 5 });
});

test.describe('PostgreSQL with two server processes', () => {
	// TEST_DATABASE_URL, else the machine's local PostgreSQL; `off` is the only way to leave it out.
	const database = testDatabase();
	const url = database.url;
	const schema = `motp_e2e_${process.pid}_${randomBytes(4).toString('hex')}`;
	const children: ChildProcess[] = [];
	const dirs: string[] = [];
	let servers: string[] = [];

	test.beforeAll(async () => {
		console.log(database.notice);
		if (!url) return;
		await sql(url, `CREATE SCHEMA ${schema}`).catch((error: unknown) => {
			throw new Error(unreachableMessage(database, error), { cause: error });
		});
		const databaseUrl = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
		servers = await Promise.all([0, 1].map(async () => startServer(databaseUrl, children, dirs)));
	});

	test.afterAll(async () => {
		for (const child of children) child.kill('SIGTERM');
		for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
		if (url) await sql(url, `DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
	});

	test('40 simultaneous verifications split across both processes, exactly one accepted; lockout shared', async () => {
		if (!url) {
			test.skip(true, database.notice);
			return;
		}
		const [a, b] = servers as [string, string];
		const traineeId = 'e2e-pg-1';
		const codeAt = await enroll(a, b, traineeId, fetchJson);
		const tally = await burst([a, b], traineeId, codeAt(Date.now()));
		expect(tally).toEqual({ accepted: 1, 'rejected:replayed': 4, locked: CONCURRENCY - 5 });

		// The lock set through one process holds in the other, and an unlock in one frees both.
		expect((await fetchJson(`${b}/api/v1/verify`, { traineeId, code: codeAt(Date.now() + 60_000) }, auth)).json.result).toBe('locked');
		expect((await fetchJson(`${a}/api/v1/trainees/${traineeId}/unlock`, {}, auth)).status).toBe(200);
		expect((await fetchJson(`${b}/api/v1/verify`, { traineeId, code: codeAt(Date.now() + 60_000) }, auth)).json.result).toBe('accepted');
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


/** Starts `node build/index.js` against PostgreSQL and waits until it answers. */
async function startServer(databaseUrl: string, children: ChildProcess[], dirs: string[]): Promise<string> {
	const port = await freePort();
	const dir = mkdtempSync(join(tmpdir(), 'motp-e2e-pg-'));
	dirs.push(dir);
	const child = spawn(process.execPath, ['build/index.js'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: `http://127.0.0.1:${port}`,
			DATABASE_URL: databaseUrl,
			MOTP_DATA_DIR: dir,
			// Every process sharing the database must share the keys.
			MOTP_API_KEY: API_KEY,
			MOTP_MASTER_KEY: '0'.repeat(64),
			MOTP_INSTITUTE_NAME: '테스트훈련원'
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	children.push(child);
	let output = '';
	child.stdout!.on('data', (d) => (output += String(d)));
	child.stderr!.on('data', (d) => (output += String(d)));
	const origin = `http://127.0.0.1:${port}`;
	for (let i = 0; i < 100; i++) {
		if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
		try {
			if ((await fetch(`${origin}/api/v1/time`)).ok) return origin;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`server did not start:\n${output}`);
}

