import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { LOCAL_TEST_DATABASE_URL, testDatabase, unreachableMessage } from './testDatabase';

describe('testDatabase', () => {
	it('uses the local PostgreSQL when TEST_DATABASE_URL is unset or blank, and says so', () => {
		for (const env of [{}, { TEST_DATABASE_URL: '  ' }]) {
			const db = testDatabase(env);
			expect(db).toMatchObject({ url: LOCAL_TEST_DATABASE_URL, source: 'local' });
			expect(db.notice).toContain('TEST_DATABASE_URL is unset');
		}
	});

	it('uses TEST_DATABASE_URL when given, and never prints its password', () => {
		const db = testDatabase({ TEST_DATABASE_URL: 'postgres://ci:s3cret@db.internal:5433/motp' });
		expect(db).toMatchObject({ url: 'postgres://ci:s3cret@db.internal:5433/motp', source: 'env' });
		expect(db.notice).toContain('db.internal:5433');
		expect(db.notice).not.toContain('s3cret');
	});

	it('is off only when asked explicitly', () => {
		for (const word of ['off', 'OFF', 'none', 'false', '0']) {
			expect(testDatabase({ TEST_DATABASE_URL: word })).toMatchObject({ url: undefined, source: 'off' });
		}
		expect(testDatabase({ TEST_DATABASE_URL: 'off' }).notice).toMatch(/OFF .*as asked/);
	});
});

describe('unreachableMessage', () => {
	it('names the database and both ways out, with the real connection error', async () => {
		// A port nothing listens on: the same error a machine without PostgreSQL gives.
		const client = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:1/test', connectionTimeoutMillis: 5_000 });
		const error = await client.connect().then(
			() => null,
			(e: unknown) => e
		);
		expect(error).toBeInstanceOf(Error);
		const message = unreachableMessage(testDatabase({}), error);
		expect(message).toContain(`the local PostgreSQL ${LOCAL_TEST_DATABASE_URL}`);
		expect(message).toMatch(/ECONNREFUSED/);
		expect(message).toContain('TEST_DATABASE_URL=postgres://');
		expect(message).toContain('TEST_DATABASE_URL=off');
		expect(unreachableMessage(testDatabase({ TEST_DATABASE_URL: 'postgres://u:pw@h/db' }), new Error('boom'))).not.toContain(':pw@');
	});
});
