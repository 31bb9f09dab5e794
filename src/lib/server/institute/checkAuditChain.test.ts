import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import pg from 'pg';
import { storeKinds, TEST_DATABASE_URL, type OpenedStores, type StoreKind } from '../testing/testStores';
import { T0, testServices } from '../testing/testServices';
import { callJson } from '../testing/callApi';
import { getAuditCheck } from '../api/getAuditCheck';
import { auditRowHash, GENESIS_HASH } from '../store/auditChain';
import type { Services } from './Services';
import { checkAuditChain } from './checkAuditChain';

const api = { kind: 'api', ip: '192.0.2.1' } as const;

/** Runs SQL straight against the test database, as an insider with write access would. */
async function sql(kind: StoreKind, location: string, statement: string, params: unknown[] = []): Promise<void> {
	if (kind.name === 'sqlite') {
		const db = new Database(location);
		try {
			db.prepare(statement).run(...params);
		} finally {
			db.close();
		}
		return;
	}
	const client = new pg.Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${location}` });
	await client.connect();
	try {
		let n = 0;
		await client.query(statement.replace(/\?/g, () => `$${++n}`), params);
	} finally {
		await client.end();
	}
}

describe.each(storeKinds())('audit hash chain on $name', (kind) => {
	let db: OpenedStores;
	let s: Services;
	beforeEach(async () => {
		db = await kind.open();
		s = await testServices(db.stores[0]!, { now: T0 });
		for (let i = 0; i < 30; i++) {
			await s.store.appendAudit({ at: T0 + i, actor: api, action: 'console.login', traineeId: null, result: i % 2 ? 'ok' : 'wrong-key' });
		}
	});
	afterEach(() => db.dispose());

	it('an untouched log is intact, every row links to the one before, and the head is the newest row', async () => {
		const report = await checkAuditChain(s);
		expect(report).toEqual({ intact: true, rows: 30, head: { id: 30, hash: expect.stringMatching(/^[0-9a-f]{64}$/) } });
		const rows = await s.store.readAuditChain({ afterId: 0, limit: 100 });
		expect(rows[0]!.prevHash).toBe(GENESIS_HASH);
		for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
		// Anyone can recompute a row's hash from the row alone (no key): the export is checkable by HRDK.
		expect(auditRowHash(rows[7]!, rows[7]!.prevHash)).toBe(rows[7]!.hash);
		expect((await callJson(s, getAuditCheck, { path: '/api/v1/audit/check' })).json).toMatchObject({ intact: true, rows: 30 });
	});

	const tampering: [string, string, unknown[], { id: number; reason: string }][] = [
		['an edited result', "UPDATE audit_log SET result = 'tampered' WHERE id = ?", [12], { id: 12, reason: 'row-edited' }],
		['an edited time', 'UPDATE audit_log SET at = at + 1 WHERE id = ?', [3], { id: 3, reason: 'row-edited' }],
		['an edited ip', "UPDATE audit_log SET ip = '10.0.0.1' WHERE id = ?", [1], { id: 1, reason: 'row-edited' }],
		['a deleted row', 'DELETE FROM audit_log WHERE id = ?', [20], { id: 21, reason: 'link-broken' }],
		['the newest rows cut off', 'DELETE FROM audit_log WHERE id > ?', [27], { id: 28, reason: 'head-mismatch' }],
		['the head rolled forward by hand', "UPDATE audit_head SET hash = 'ab' || substr(hash, 3)", [], { id: 31, reason: 'head-mismatch' }]
	];
	for (const [what, statement, params, firstBreak] of tampering) {
		it(`detects ${what}, and names the first broken row`, async () => {
			await sql(kind, db.location, statement, params);
			const report = await checkAuditChain(s);
			expect(report).toMatchObject({ intact: false, firstBreak });
			expect((await callJson(s, getAuditCheck, { path: '/api/v1/audit/check' })).json).toMatchObject({ intact: false, firstBreak });
		});
	}

	it('detects a chain recomputed from an edit onwards by someone without the key (the head seal)', async () => {
		// The insider edits row 12 and recomputes every later hash and the head's hash, but cannot seal it.
		await sql(kind, db.location, "UPDATE audit_log SET result = 'tampered' WHERE id = ?", [12]);
		const rows = await s.store.readAuditChain({ afterId: 0, limit: 100 });
		let prev = rows[10]!.hash;
		for (const row of rows.slice(11)) {
			const hash = auditRowHash(row, prev);
			await sql(kind, db.location, 'UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?', [prev, hash, row.id]);
			prev = hash;
		}
		await sql(kind, db.location, 'UPDATE audit_head SET hash = ?', [prev]);
		expect(await checkAuditChain(s)).toMatchObject({ intact: false, firstBreak: { id: 30, reason: 'head-seal' } });
	});

	it('keeps the chain whole when rows are appended concurrently', async () => {
		await Promise.all(
			Array.from({ length: 40 }, (_, i) => s.store.appendAudit({ at: T0 + 100 + i, actor: api, action: 'console.login', traineeId: null, result: 'ok' }))
		);
		expect(await checkAuditChain(s)).toMatchObject({ intact: true, rows: 70, head: { id: 70 } });
	});
});
