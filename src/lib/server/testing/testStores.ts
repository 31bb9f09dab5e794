import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { deriveKey } from '../crypto/deriveKey';
import { auditSealer } from '../store/auditChain';
import { PostgresStore } from '../store/PostgresStore';
import { SqliteStore } from '../store/SqliteStore';
import type { Store } from '../store/Store';
import { testDatabase, unreachableMessage } from './testDatabase';

/** A way to open fresh, isolated stores of one kind, for tests. */
export interface StoreKind {
	name: 'sqlite' | 'postgres';
	/** A new empty database (its own file or its own PostgreSQL schema). `connections` > 1 opens several handles on it. */
	open(connections?: number): Promise<OpenedStores>;
}

/** Stores sharing one database, and how to throw the database away. */
export interface OpenedStores {
	stores: Store[];
	/** The PostgreSQL schema or SQLite file, for tests that inspect the raw data. */
	location: string;
	dispose(): Promise<void>;
}

/** The audit sealer of the test master key (`TEST_MASTER_KEY` in testServices.ts: 32 bytes of 7). */
export const TEST_SEAL = auditSealer(deriveKey(new Uint8Array(32).fill(7), 'audit'));

/** The PostgreSQL for tests (testDatabase.ts): TEST_DATABASE_URL, else the local one; undefined only for an explicit `off`. */
const database = testDatabase();
export const TEST_DATABASE_URL = database.url;

const sqlite: StoreKind = {
	name: 'sqlite',
	async open(connections = 1) {
		const dir = mkdtempSync(join(tmpdir(), 'motp-test-'));
		const file = join(dir, 'motp.db');
		const stores = Array.from({ length: connections }, () => new SqliteStore(file, TEST_SEAL));
		return {
			stores,
			location: file,
			async dispose() {
				for (const s of stores) await s.close();
				rmSync(dir, { recursive: true, force: true });
			}
		};
	}
};

let reachable: Promise<void> | undefined;
/** One connection attempt per test file; a PostgreSQL that does not answer fails with a message that says what to do. */
function checkReachable(url: string): Promise<void> {
	reachable ??= (async () => {
		const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
		try {
			await client.connect();
			await client.query('SELECT 1');
		} catch (error) {
			throw new Error(unreachableMessage(database, error), { cause: error });
		} finally {
			await client.end().catch(() => {});
		}
	})();
	return reachable;
}

const postgres = (url: string): StoreKind => ({
	name: 'postgres',
	async open(connections = 1) {
		await checkReachable(url);
		// A schema per test database: parallel test files and CI runs never see each other's rows.
		const schema = `motp_test_${process.pid}_${randomBytes(6).toString('hex')}`;
		const stores = Array.from({ length: connections }, () => new PostgresStore({ connectionString: url, schema, max: 20, seal: TEST_SEAL }));
		return {
			stores,
			location: schema,
			async dispose() {
				for (const s of stores) await s.close();
				const client = new pg.Client({ connectionString: url });
				await client.connect();
				try {
					await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
				} finally {
					await client.end();
				}
			}
		};
	}
});

/** SQLite always; PostgreSQL too unless `TEST_DATABASE_URL=off` (testDatabase.ts). */
export function storeKinds(): StoreKind[] {
	noticeOnce();
	return TEST_DATABASE_URL ? [sqlite, postgres(TEST_DATABASE_URL)] : [sqlite];
}

let noticed = false;
function noticeOnce(): void {
	if (noticed) return;
	noticed = true;
	(database.source === 'off' ? console.warn : console.log)(database.notice);
}
