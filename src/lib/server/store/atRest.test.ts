import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { base32, base64, base64urlnopad } from '@scure/base';
import { issueEnrollment } from '../institute/issueEnrollment';
import { redeemEnrollment } from '../institute/redeemEnrollment';
import { storeKinds, TEST_DATABASE_URL } from '../testing/testStores';
import { T0, testServices } from '../testing/testServices';

/** Every way a secret (or token/code) could appear in the clear. */
function spellings(bytes: Uint8Array): string[] {
	const hex = Buffer.from(bytes).toString('hex');
	const b32 = base32.encode(bytes).replace(/=+$/, '');
	return [hex, hex.toUpperCase(), b32, b32.toLowerCase(), base64.encode(bytes).replace(/=+$/, ''), base64urlnopad.encode(bytes)];
}

describe.each(storeKinds())('secrets at rest on $name', (kind) => {
	it('the database holds no secret, token or code in the clear', async () => {
		const db = await kind.open();
		try {
			const clock = { now: T0 };
			const s = await testServices(db.stores[0]!, clock);
			const secrets: Uint8Array[] = [];
			const oneTime: string[] = [];
			for (let i = 0; i < 5; i++) {
				const issued = await issueEnrollment(s, { traineeId: `T-${i}`, name: `이름${i}`, phoneDigits: `0101234000${i}` }, { kind: 'api', ip: null }, 'http://x');
				const token = issued.enrollUrl.split('#')[1]!;
				const { otpauth } = await redeemEnrollment(s, { token }, { kind: 'app', ip: null });
				secrets.push(base32.decode(new URL(otpauth.replace('otpauth:', 'http:')).searchParams.get('secret')!));
				oneTime.push(token, issued.enrollCode, issued.enrollCode.replace('-', ''));
				// An unredeemed one too: its token and code must not be readable either.
				const pending = await issueEnrollment(s, { traineeId: `P-${i}`, name: 'P', phoneDigits: '01099990000' }, { kind: 'api', ip: null }, 'http://x');
				oneTime.push(pending.enrollUrl.split('#')[1]!, pending.enrollCode.replace('-', ''));
			}

			const dump = await dumpDatabase(kind.name, db.location);
			expect(dump.text.length).toBeGreaterThan(1000); // the dump really holds the rows
			expect(dump.text).toContain('이름3');
			for (const secret of secrets) {
				for (const spelled of spellings(secret)) expect(dump.text).not.toContain(spelled);
				for (const raw of dump.raw) expect(raw.indexOf(Buffer.from(secret))).toBe(-1);
			}
			for (const value of oneTime) {
				expect(dump.text).not.toContain(value);
				for (const raw of dump.raw) expect(raw.indexOf(Buffer.from(value))).toBe(-1);
			}
		} finally {
			await db.dispose();
		}
	});
});

/** Every row of every table as text (bytea/blob as hex and base64), plus raw SQLite file bytes. */
async function dumpDatabase(kind: 'sqlite' | 'postgres', location: string): Promise<{ text: string; raw: Buffer[] }> {
	if (kind === 'sqlite') {
		const { default: Database } = await import('better-sqlite3');
		const db = new Database(location, { readonly: true });
		try {
			const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
			const rows = tables.flatMap((t) => db.prepare(`SELECT * FROM "${t}"`).all());
			const raw = [location, `${location}-wal`].filter(existsSync).map((f) => readFileSync(f));
			return { text: JSON.stringify(rows, blobReplacer), raw };
		} finally {
			db.close();
		}
	}
	const client = new pg.Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${location}` });
	await client.connect();
	try {
		const { rows: tables } = await client.query<{ tablename: string }>('SELECT tablename FROM pg_tables WHERE schemaname = $1', [location]);
		const all: unknown[] = [];
		for (const { tablename } of tables) all.push(...(await client.query(`SELECT * FROM "${tablename}"`)).rows);
		return { text: JSON.stringify(all, blobReplacer), raw: [] };
	} finally {
		await client.end();
	}
}

function blobReplacer(_key: string, value: unknown): unknown {
	if (value && typeof value === 'object' && (value as { type?: string }).type === 'Buffer') {
		const buf = Buffer.from((value as { data: number[] }).data);
		return `${buf.toString('hex')} ${buf.toString('base64')}`;
	}
	return value;
}
