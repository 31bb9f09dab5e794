import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import { MIGRATIONS } from './migrations';
import { SqliteStore } from './SqliteStore';
import { PostgresStore } from './PostgresStore';
import type { Store } from './Store';
import { TEST_DATABASE_URL, TEST_SEAL } from '../testing/testStores';
import { T0, testServices } from '../testing/testServices';
import { checkAuditChain } from '../institute/checkAuditChain';

// A database written by schema v1 (before issue 12) upgrades in place: its audit rows join the hash
// chain, and failures it had counted enter the 30-day window instead of vanishing.
const V1_ROWS = [
	"INSERT INTO trainees (id, name, phone_digits, sealed_secret, generation, failures, last_verified_at, created_at, updated_at) VALUES ('T-3', 'A', '01011112222', X'00', 1, 3, 1700000000000, 1, 1)",
	"INSERT INTO trainees (id, name, phone_digits, failures, created_at, updated_at) VALUES ('T-0', 'B', '01033334444', 0, 1, 1)",
	"INSERT INTO audit_log (at, actor, ip, action, trainee_id, result) VALUES (1, 'api', '192.0.2.1', 'verify', 'T-3', 'rejected:invalid')",
	"INSERT INTO audit_log (at, actor, ip, action, trainee_id, result) VALUES (2, 'api', NULL, 'verify', 'T-3', 'rejected:invalid')",
	"INSERT INTO audit_log (at, actor, ip, action, trainee_id, result) VALUES (3, 'console', '192.0.2.2', 'console.login', NULL, 'ok')"
];

async function expectUpgraded(store: Store): Promise<void> {
	await store.migrate();
	await store.migrate(); // idempotent
	const s = await testServices(store, { now: T0 });
	expect(await checkAuditChain(s)).toMatchObject({ intact: true, rows: 3, head: { id: 3 } });
	expect(await store.getTrainee('T-3', T0)).toMatchObject({ failures: 3, recentFailures: [1700000000000, 1700000000000, 1700000000000], lastFailureAt: 1700000000000 });
	expect(await store.getTrainee('T-0', T0)).toMatchObject({ failures: 0, recentFailures: [], lastFailureAt: null });
	// New rows continue the chain.
	await store.appendAudit({ at: 4, actor: { kind: 'api', ip: null }, action: 'console.login', traineeId: null, result: 'ok' });
	expect(await checkAuditChain(s)).toMatchObject({ intact: true, rows: 4, head: { id: 4 } });
}

describe('schema v1 → v2', () => {
	it('on SQLite', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'motp-migrate-'));
		const file = join(dir, 'motp.db');
		try {
			const v1 = new Database(file);
			v1.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
			v1.exec(MIGRATIONS[0]!.sqlite);
			v1.exec("INSERT INTO schema_migrations VALUES (1, 0)");
			for (const row of V1_ROWS) v1.exec(row);
			v1.close();
			const store = new SqliteStore(file, TEST_SEAL);
			try {
				await expectUpgraded(store);
			} finally {
				await store.close();
			}
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it.runIf(TEST_DATABASE_URL)('on PostgreSQL', async () => {
		const schema = `motp_test_migrate_${randomBytes(6).toString('hex')}`;
		const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
		await client.connect();
		try {
			await client.query(`CREATE SCHEMA ${schema}; SET search_path = ${schema}`);
			await client.query('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)');
			await client.query(MIGRATIONS[0]!.postgres);
			await client.query('INSERT INTO schema_migrations VALUES (1, 0)');
			for (const row of V1_ROWS) await client.query(row.replace("X'00'", "'\\x00'::bytea"));
			const store = new PostgresStore({ connectionString: TEST_DATABASE_URL!, schema, seal: TEST_SEAL });
			try {
				await expectUpgraded(store);
			} finally {
				await store.close();
			}
		} finally {
			await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
			await client.end();
		}
	});
});
