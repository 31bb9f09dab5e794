import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { testDatabase } from '../../src/lib/server/testing/testDatabase';
import { startServer, type TestServer } from './support/server';

// Issue 12: the audit log is hash-chained, and the console (and GET /api/v1/audit/check) finds an
// edited or deleted row, against the built server on SQLite and on PostgreSQL. The server here is
// started by the test, with its own data, because the log is tampered with on purpose.

const KEY = 'audit-chain-key-0123456789abcdef0123456789';
const auth = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };

async function activity(origin: string): Promise<void> {
	for (let i = 0; i < 5; i++) {
		const res = await fetch(`${origin}/api/v1/trainees/chain-${i}/enrollment`, { method: 'POST', headers: auth, body: JSON.stringify({ name: `이름${i}`, phone: `010-5555-000${i}` }) });
		expect(res.status).toBe(201);
	}
	await fetch(`${origin}/api/v1/verify`, { method: 'POST', headers: auth, body: JSON.stringify({ traineeId: 'chain-1', code: '123456' }) });
}

async function check(origin: string) {
	return (await (await fetch(`${origin}/api/v1/audit/check`, { headers: auth })).json()) as Record<string, any>;
}

async function consoleCheck(page: Page, origin: string): Promise<string> {
	await page.goto(`${origin}/institute/audit`);
	if (page.url().endsWith('/institute/login')) {
		await page.getByLabel('API 키').fill(KEY);
		await page.getByRole('button', { name: '로그인' }).click();
		await expect(page).toHaveURL(/\/institute\/enroll$/);
		await page.goto(`${origin}/institute/audit`);
	}
	await page.getByRole('button', { name: '지금 검사하기' }).click();
	return (await page.getByTestId('chain-result').textContent())!.trim();
}

for (const kind of ['sqlite', 'postgres'] as const) {
	test(`${kind}: an intact log checks out; an edited row and a deleted row are found, in the API and the console`, async ({ page }) => {
		// TEST_DATABASE_URL, else the machine's local PostgreSQL; `off` is the only way to leave it out.
		const url = testDatabase().url;
		test.skip(kind === 'postgres' && !url, 'TEST_DATABASE_URL=off: PostgreSQL left out, as asked');
		const schema = `motp_e2e_chain_${randomBytes(4).toString('hex')}`;
		let server: TestServer | undefined;
		let tamper: (sql: string) => Promise<void> = async () => {
			throw new Error('no database to tamper with');
		};
		let cleanup = async () => {};
		const env: Record<string, string> = { MOTP_API_KEY: KEY, MOTP_MASTER_KEY: '2'.repeat(64) };
		if (kind === 'postgres') {
			const admin = new pg.Client({ connectionString: url });
			await admin.connect();
			await admin.query(`CREATE SCHEMA ${schema}`);
			env.DATABASE_URL = `${url}${url!.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
			tamper = async (sql) => void (await admin.query(`SET search_path = ${schema}; ${sql}`));
			cleanup = async () => {
				await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
				await admin.end();
			};
		}
		try {
			server = await startServer(env);
			if (kind === 'sqlite') {
				const file = join(server.dataDir, 'data', 'motp.db');
				tamper = async (sql) => {
					const db = new Database(file);
					try {
						db.exec(sql);
					} finally {
						db.close();
					}
				};
			}
			await activity(server.origin);
			const intact = await check(server.origin);
			expect(intact).toMatchObject({ intact: true, rows: 6 });
			expect(await consoleCheck(page, server.origin)).toContain('이상 없어요');

			// An insider changes a verification result in the database.
			// An insider changes an issued enrollment's result in the database, then puts it back.
			await tamper("UPDATE audit_log SET result = 'tampered' WHERE id = 2");
			expect(await check(server.origin)).toMatchObject({ intact: false, firstBreak: { id: 2, reason: 'row-edited' } });
			await tamper("UPDATE audit_log SET result = 'ok' WHERE id = 2");
			expect(await check(server.origin)).toMatchObject({ intact: true });
			// Then a row is deleted.
			await tamper('DELETE FROM audit_log WHERE id = 3');
			expect(await check(server.origin)).toMatchObject({ intact: false, firstBreak: { id: 4, reason: 'link-broken' } });
			expect(await consoleCheck(page, server.origin)).toContain('기록 #4에서 체인이 끊겼어요');
		} finally {
			await server?.stop();
			await cleanup();
		}
	});
}
