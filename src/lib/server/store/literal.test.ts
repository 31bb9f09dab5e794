import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import pg from 'pg';
import { literal } from './PostgresStore';
import { storeKinds, TEST_DATABASE_URL } from '../testing/testStores';
import { T0, testServices } from '../testing/testServices';
import { issueEnrollment } from '../institute/issueEnrollment';
import { redeemEnrollment } from '../institute/redeemEnrollment';
import { verifyCode } from '../institute/verifyCode';

// The verifier's two PostgreSQL round trips inline their values as literals (PostgresStore,
// "two round trips"). Every string must come back from the server exactly as it went in.
describe.runIf(TEST_DATABASE_URL)('literal (PostgreSQL)', () => {
	it('round-trips any text without NUL, and integers, booleans and null, through the real server', async () => {
		const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
		await client.connect();
		try {
			const hostile = ["'", "''", '\\', "\\'", "'; DROP TABLE trainees; --", '$1', '$$', 'E\'x\'', '\u2028', '한글', '\uFFFF'];
			for (const text of hostile) expect((await client.query(`SELECT ${literal(client, text)} AS v`)).rows[0].v).toBe(text);
			await fc.assert(
				fc.asyncProperty(fc.string({ unit: 'binary' }).filter((t) => !t.includes('\0') && t.isWellFormed()), async (text) => {
					expect((await client.query(`SELECT ${literal(client, text)} AS v`)).rows[0].v).toBe(text);
				}),
				{ numRuns: 300 }
			);
			expect((await client.query(`SELECT ${literal(client, 1796125898508)}::bigint AS v, ${literal(client, true)} AS b, ${literal(client, null)} AS n`)).rows[0]).toEqual({
				v: '1796125898508',
				b: true,
				n: null
			});
		} finally {
			await client.end();
		}
	});

	it('refuses what it cannot write safely', () => {
		const c = { escapeLiteral: (s: string) => `'${s}'` };
		expect(() => literal(c, 1.5)).toThrow(TypeError);
		expect(() => literal(c, Number.MAX_SAFE_INTEGER + 2)).toThrow(TypeError);
		expect(() => literal(c, 'a\0b')).toThrow(TypeError);
		expect(() => literal(c, {})).toThrow(TypeError);
	});

	it('a hostile client address lands in the audit log as text, and nothing else happens', async () => {
		const kind = storeKinds().find((k) => k.name === 'postgres')!;
		const db = await kind.open();
		try {
			const s = await testServices(db.stores[0]!, { now: T0 });
			const issued = await issueEnrollment(s, { traineeId: 'L-1', name: 'A', phoneDigits: '01012345678' }, { kind: 'api', ip: null }, 'http://x');
			await redeemEnrollment(s, { token: issued.enrollUrl.split('#')[1]! }, { kind: 'app', ip: null });
			const ip = "10.0.0.1'); DELETE FROM trainees; --\\";
			expect(await verifyCode(s, { traineeId: 'L-1' }, '000000', { kind: 'api', ip })).toMatchObject({ result: 'rejected' });
			expect((await db.stores[0]!.listAudit({ limit: 1 }))[0]).toMatchObject({ ip, action: 'verify', result: 'rejected:invalid' });
			expect(await db.stores[0]!.getTrainee('L-1', T0)).toMatchObject({ failures: 1, status: 'enrolled' });
		} finally {
			await db.dispose();
		}
	});
});
