/**
 * Which PostgreSQL the store tests use. No suite is skipped by default (docs/decisions-server.md,
 * "PostgreSQL in the tests"):
 * - `TEST_DATABASE_URL` unset: the machine's local PostgreSQL, {@link LOCAL_TEST_DATABASE_URL},
 *   which every machine of this project runs; the tests say so once.
 * - `TEST_DATABASE_URL=postgres://…`: that database.
 * - `TEST_DATABASE_URL=off`: an explicit opt-out; SQLite only, and the tests say so.
 * A database that does not answer fails the tests with {@link unreachableMessage}, never skips them.
 */

/** The PostgreSQL every machine here runs (trust auth, database `test`). */
export const LOCAL_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** The words that opt out explicitly. */
const OFF = new Set(['off', 'none', 'no', 'false', '0']);

export interface TestDatabase {
	/** The URL to use, or `undefined` when opted out. */
	url: string | undefined;
	source: 'env' | 'local' | 'off';
	/** One line for the test log: which database, and why. */
	notice: string;
}

/** Resolves `TEST_DATABASE_URL` (see the module comment). */
export function testDatabase(env: Readonly<Record<string, string | undefined>> = process.env): TestDatabase {
	const given = env.TEST_DATABASE_URL?.trim();
	if (given && OFF.has(given.toLowerCase())) {
		return { url: undefined, source: 'off', notice: `mOTP tests: TEST_DATABASE_URL=${given}: the PostgreSQL store tests are OFF (SQLite only), as asked.` };
	}
	if (given) return { url: given, source: 'env', notice: `mOTP tests: PostgreSQL store tests use TEST_DATABASE_URL (${redact(given)}).` };
	return {
		url: LOCAL_TEST_DATABASE_URL,
		source: 'local',
		notice: `mOTP tests: TEST_DATABASE_URL is unset; the PostgreSQL store tests use the local ${LOCAL_TEST_DATABASE_URL}.`
	};
}

/** The message a test fails with when the chosen PostgreSQL does not answer: what, and the two ways out. */
export function unreachableMessage(db: TestDatabase, cause: unknown): string {
	const why = cause instanceof Error ? cause.message || (cause as NodeJS.ErrnoException).code || cause.name : String(cause);
	const which = db.source === 'local' ? `the local PostgreSQL ${LOCAL_TEST_DATABASE_URL} (TEST_DATABASE_URL is unset)` : `TEST_DATABASE_URL (${redact(db.url ?? '')})`;
	return (
		`mOTP tests: ${which} did not answer: ${why}. ` +
		'Start PostgreSQL there, point the tests at another one with TEST_DATABASE_URL=postgres://user@host:port/db, ' +
		'or run the store tests on SQLite only with TEST_DATABASE_URL=off.'
	);
}

/** A URL with any password replaced, for logs. */
function redact(url: string): string {
	try {
		const u = new URL(url);
		if (u.password) u.password = '***';
		return u.href;
	} catch {
		return '(not a URL)';
	}
}
