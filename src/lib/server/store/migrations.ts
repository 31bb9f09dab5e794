/**
 * Schema versions, applied in order and recorded in `schema_migrations`. Never edit a released
 * migration; add the next version. Each has one script per dialect because the types differ:
 * times are ms since the epoch (INTEGER in SQLite, BIGINT in PostgreSQL), sealed secrets are
 * BLOB/BYTEA, and hashes are lowercase hex TEXT.
 */
export interface Migration {
	version: number;
	description: string;
	sqlite: string;
	postgres: string;
}

const V1_COMMON = (t: { int: string; blob: string; serial: string }) => `
CREATE TABLE trainees (
	id TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	phone_digits TEXT NOT NULL,
	sealed_secret ${t.blob},
	generation ${t.int} NOT NULL DEFAULT 0,
	enrolled_at ${t.int},
	last_step ${t.int},
	failures ${t.int} NOT NULL DEFAULT 0,
	locked_at ${t.int},
	last_verified_at ${t.int},
	last_result TEXT,
	revoked_at ${t.int},
	created_at ${t.int} NOT NULL,
	updated_at ${t.int} NOT NULL
);
CREATE INDEX trainees_phone ON trainees (phone_digits);
CREATE TABLE enrollments (
	id TEXT PRIMARY KEY,
	trainee_id TEXT NOT NULL REFERENCES trainees (id),
	name TEXT NOT NULL,
	phone_digits TEXT NOT NULL,
	token_hash TEXT NOT NULL UNIQUE,
	code_hash TEXT NOT NULL UNIQUE,
	created_at ${t.int} NOT NULL,
	expires_at ${t.int} NOT NULL,
	redeemed_at ${t.int},
	superseded_at ${t.int}
);
CREATE INDEX enrollments_trainee ON enrollments (trainee_id);
CREATE TABLE audit_log (
	id ${t.serial},
	at ${t.int} NOT NULL,
	actor TEXT NOT NULL,
	ip TEXT,
	action TEXT NOT NULL,
	trainee_id TEXT,
	result TEXT NOT NULL
);
CREATE INDEX audit_log_trainee ON audit_log (trainee_id, id);
CREATE TABLE sessions (
	id_hash TEXT PRIMARY KEY,
	created_at ${t.int} NOT NULL,
	expires_at ${t.int} NOT NULL
);
CREATE TABLE meta (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
`;

/**
 * Version 2 (issue 12): the 30-day failure window, failure times for "a wrong code was entered",
 * console sessions bound to the API key, the audit hash chain and its sealed head, and per-hour
 * counts of lookups that found nothing. Failures counted before the upgrade enter the window as if
 * they had happened at the trainee's last verification (never fewer than there were).
 * Rows of the audit log written before the upgrade are chained at start (the stores' `migrate`).
 */
const V2_COMMON = (t: { int: string; repeatTimes: string }) => `
ALTER TABLE trainees ADD COLUMN recent_failures TEXT NOT NULL DEFAULT '[]';
ALTER TABLE trainees ADD COLUMN last_failure_at ${t.int};
UPDATE trainees SET recent_failures = ${t.repeatTimes}, last_failure_at = COALESCE(last_verified_at, updated_at) WHERE failures > 0;
ALTER TABLE sessions ADD COLUMN key_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN hash TEXT;
CREATE TABLE audit_head (
	singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
	last_id ${t.int} NOT NULL,
	hash TEXT NOT NULL,
	seal TEXT NOT NULL
);
CREATE TABLE lookup_misses (
	hour_start ${t.int} NOT NULL,
	kind TEXT NOT NULL,
	count ${t.int} NOT NULL,
	PRIMARY KEY (hour_start, kind)
);
`;

/** SQLite: a JSON array of `failures` copies of the last verification time (failures < 5 before v2). */
const SQLITE_REPEAT = `CASE failures ${[1, 2, 3, 4]
	.map((n) => `WHEN ${n} THEN json_array(${Array(n).fill('COALESCE(last_verified_at, updated_at)').join(', ')})`)
	.join(' ')} ELSE json_array(${Array(5).fill('COALESCE(last_verified_at, updated_at)').join(', ')}) END`;

const REDEEM_RETRY = (t: { int: string }) => `
ALTER TABLE enrollments ADD COLUMN retry_key_hash TEXT;
ALTER TABLE enrollments ADD COLUMN redeemed_generation ${t.int};
`;

/**
 * Issue 16: `Idempotency-Key` on `POST /api/v1/verify`. Keys and request fingerprints are keyed
 * lookup hashes (never the key itself); `reply` is the JSON answer retries get back.
 */
const IDEMPOTENCY = (t: { int: string }) => `
CREATE TABLE idempotency_keys (
	key_hash TEXT PRIMARY KEY,
	request_hash TEXT NOT NULL,
	reply TEXT,
	created_at ${t.int} NOT NULL,
	expires_at ${t.int} NOT NULL
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);
`;

/** Issue 16: LMS clients of the hosted verification page; the secret sealed with the SecretBox. */
const LMS_CLIENTS = (t: { int: string; blob: string }) => `
CREATE TABLE lms_clients (
	id TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	return_prefixes TEXT NOT NULL,
	sealed_secret ${t.blob} NOT NULL,
	created_at ${t.int} NOT NULL
);
`;

/**
 * Version 40 (issue 16): where the kept audit chain starts after a retention prune: the first kept
 * row's id and `prev_hash`, sealed with the audit key (docs/decisions-server.md, "Audit retention").
 */
const AUDIT_ANCHOR = (t: { int: string }) => `
CREATE TABLE audit_anchor (
	singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
	first_id ${t.int} NOT NULL,
	prev_hash TEXT NOT NULL,
	pruned_at ${t.int} NOT NULL,
	before_at ${t.int} NOT NULL,
	seal TEXT NOT NULL
);
`;

/** All migrations, oldest first. */
export const MIGRATIONS: readonly Migration[] = [
	{
		version: 1,
		description: 'trainees, enrollments, audit log, console sessions, meta',
		sqlite: V1_COMMON({ int: 'INTEGER', blob: 'BLOB', serial: 'INTEGER PRIMARY KEY AUTOINCREMENT' }),
		postgres: V1_COMMON({ int: 'BIGINT', blob: 'BYTEA', serial: 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY' })
	},
	{
		version: 2,
		description: 'lockout window, session key binding, audit hash chain, lookup-miss counts',
		sqlite: V2_COMMON({ int: 'INTEGER', repeatTimes: SQLITE_REPEAT }),
		postgres: V2_COMMON({
			int: 'BIGINT',
			repeatTimes: 'array_to_json(array_fill(COALESCE(last_verified_at, updated_at), ARRAY[LEAST(failures, 10)::int]))::text'
		})
	},
	{
		// Issue 13: a redeem whose answer was lost can be repeated by the same app (decisions-server.md).
		version: 10,
		description: 'enrollments: retry key hash and the credential generation a redeem installed',
		sqlite: REDEEM_RETRY({ int: 'INTEGER' }),
		postgres: REDEEM_RETRY({ int: 'BIGINT' })
	},
	{
		version: 30,
		description: 'idempotency keys of POST /api/v1/verify',
		sqlite: IDEMPOTENCY({ int: 'INTEGER' }),
		postgres: IDEMPOTENCY({ int: 'BIGINT' })
	},
	{
		version: 31,
		description: 'LMS clients of the hosted verification page',
		sqlite: LMS_CLIENTS({ int: 'INTEGER', blob: 'BLOB' }),
		postgres: LMS_CLIENTS({ int: 'BIGINT', blob: 'BYTEA' })
	},
	{
		version: 40,
		description: 'audit retention: the sealed anchor of the kept chain',
		sqlite: AUDIT_ANCHOR({ int: 'INTEGER' }),
		postgres: AUDIT_ANCHOR({ int: 'BIGINT' })
	}
];
