import pg from 'pg';
import { ApiError } from '../ApiError';
import { applyVerification, outcomeWord, type VerifyOutcome } from '../institute/applyVerification';
import { MIGRATIONS } from './migrations';
import {
	enrollmentRefusal,
	repeatable,
	type RepeatRow,
	num,
	numOrNull,
	toAudit,
	toEnrollment,
	toTrainee,
	traineeColumns,
	type AuditRow,
	type EnrollmentRow,
	type TraineeRow
} from './rows';
import type {
	Actor,
	AuditEntry,
	Credential,
	EnrollmentLookup,
	EnrollmentRecord,
	NewAuditEntry,
	NewEnrollment,
	RedeemInput,
	RedeemOutcome,
	RepeatRedeemInput,
	Store,
	StoredVerifyAttempt,
	TraineeRecord
} from './Store';

/** Options for {@link PostgresStore}. */
export interface PostgresStoreOptions {
	connectionString: string;
	/** Put every table in this schema (tests isolate runs this way); default: the server's search_path. */
	schema?: string;
	/** Pool size per process. */
	max?: number;
}

/** Any advisory-lock key works as long as every process uses the same one. */
const MIGRATION_LOCK = 0x6d6f7470; // "motp"
const UNIQUE_VIOLATION = '23505';

/**
 * The scale-out store: several processes share one PostgreSQL database. Verification and
 * redemption lock the trainee row (`SELECT … FOR UPDATE`) inside one transaction, so two
 * processes racing on the same code serialise in the database: the second one sees the first
 * one's `last_step` and answers `replayed`. Locks are always taken trainee row first, then
 * enrollment rows, so concurrent issue/redeem/revoke cannot deadlock.
 */
export class PostgresStore implements Store {
	readonly kind = 'postgres';
	readonly #pool: pg.Pool;
	readonly #schema: string | undefined;

	constructor(options: PostgresStoreOptions) {
		if (options.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema)) {
			throw new RangeError('schema must be a lower-case SQL identifier');
		}
		this.#schema = options.schema;
		this.#pool = new pg.Pool({
			connectionString: options.connectionString,
			max: options.max ?? 10,
			...(options.schema ? { options: `-c search_path=${options.schema}` } : {})
		});
		// An idle client losing its connection must not crash the process; the next query reconnects.
		this.#pool.on('error', (error) => console.error('mOTP: PostgreSQL pool error:', error.message));
	}

	async migrate(): Promise<void> {
		await this.#tx(async (c) => {
			await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
			if (this.#schema) await c.query(`CREATE SCHEMA IF NOT EXISTS ${this.#schema}`);
			await c.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)');
			const done = new Set((await c.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
			for (const m of MIGRATIONS) {
				if (done.has(m.version)) continue;
				await c.query(m.postgres);
				await c.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [m.version, Date.now()]);
			}
		});
	}

	async claimKeyFingerprint(fingerprint: string): Promise<boolean> {
		await this.#pool.query("INSERT INTO meta (key, value) VALUES ('key_fingerprint', $1) ON CONFLICT (key) DO NOTHING", [fingerprint]);
		const { rows } = await this.#pool.query<{ value: string }>("SELECT value FROM meta WHERE key = 'key_fingerprint'");
		return rows[0]?.value === fingerprint;
	}

	async issueEnrollment(e: NewEnrollment, actor: Actor): Promise<void> {
		try {
			await this.#tx(async (c) => {
				await c.query(
					`INSERT INTO trainees (id, name, phone_digits, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)
					 ON CONFLICT (id) DO UPDATE SET name = excluded.name, phone_digits = excluded.phone_digits,
					 updated_at = excluded.updated_at WHERE trainees.sealed_secret IS NULL`,
					[e.traineeId, e.name, e.phoneDigits, e.now]
				);
				// Serialise issuance per trainee, so two concurrent issues cannot both stay open.
				await c.query('SELECT id FROM trainees WHERE id = $1 FOR UPDATE', [e.traineeId]);
				await c.query(
					'UPDATE enrollments SET superseded_at = $1 WHERE trainee_id = $2 AND redeemed_at IS NULL AND superseded_at IS NULL',
					[e.now, e.traineeId]
				);
				await c.query(
					`INSERT INTO enrollments (id, trainee_id, name, phone_digits, token_hash, code_hash, created_at, expires_at)
					 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
					[e.id, e.traineeId, e.name, e.phoneDigits, e.tokenHash, e.codeHash, e.now, e.expiresAt]
				);
				await audit(c, { at: e.now, actor, action: 'enroll.issue', traineeId: e.traineeId, result: 'ok' });
			});
		} catch (error) {
			if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
				throw new ApiError('CONFLICT', 'enrollment hash collision', { cause: error });
			}
			throw error;
		}
	}

	async findEnrollment(lookup: EnrollmentLookup): Promise<EnrollmentRecord | null> {
		const [column, value] = 'tokenHash' in lookup ? ['token_hash', lookup.tokenHash] : ['code_hash', lookup.codeHash];
		const { rows } = await this.#pool.query<EnrollmentRow>(`SELECT * FROM enrollments WHERE ${column} = $1`, [value]);
		return rows[0] ? toEnrollment(rows[0]) : null;
	}

	async redeemEnrollment(input: RedeemInput, actor: Actor): Promise<RedeemOutcome> {
		return this.#tx(async (c): Promise<RedeemOutcome> => {
			const owner = await c.query<{ trainee_id: string }>('SELECT trainee_id FROM enrollments WHERE id = $1', [input.enrollmentId]);
			const traineeId = owner.rows[0]?.trainee_id;
			if (traineeId === undefined) return 'not-found';
			await c.query('SELECT id FROM trainees WHERE id = $1 FOR UPDATE', [traineeId]);
			const { rows } = await c.query<EnrollmentRow>('SELECT * FROM enrollments WHERE id = $1 FOR UPDATE', [input.enrollmentId]);
			const e = toEnrollment(rows[0]!);
			const refusal = enrollmentRefusal(e, input.now);
			if (refusal) {
				await audit(c, { at: input.now, actor, action: 'enroll.redeem', traineeId, result: refusal });
				return refusal;
			}
			await c.query('UPDATE enrollments SET redeemed_at = $1, retry_key_hash = $2 WHERE id = $3', [input.now, input.retryKeyHash ?? null, e.id]);
			await c.query(
				`UPDATE trainees SET sealed_secret = $1, generation = generation + 1, enrolled_at = $2, last_step = NULL,
				 failures = 0, locked_at = NULL, revoked_at = NULL, name = $3, phone_digits = $4, updated_at = $2 WHERE id = $5`,
				[Buffer.from(input.sealedSecret), input.now, e.name, e.phoneDigits, traineeId]
			);
			await c.query('UPDATE enrollments SET redeemed_generation = (SELECT generation FROM trainees WHERE id = $1) WHERE id = $2', [traineeId, e.id]);
			await audit(c, { at: input.now, actor, action: 'enroll.redeem', traineeId, result: 'ok' });
			return 'redeemed';
		});
	}

	async repeatRedeem(input: RepeatRedeemInput, actor: Actor): Promise<Uint8Array | null> {
		return this.#tx(async (c) => {
			const { rows } = await c.query<RepeatRow>(
				`SELECT e.trainee_id, e.redeemed_at, e.retry_key_hash, e.redeemed_generation, t.generation, t.sealed_secret
				 FROM enrollments e JOIN trainees t ON t.id = e.trainee_id WHERE e.id = $1 FOR SHARE OF t`,
				[input.enrollmentId]
			);
			const row = rows[0];
			const sealed = row ? repeatable(row, input) : null;
			if (sealed) await audit(c, { at: input.now, actor, action: 'enroll.redeem', traineeId: row!.trainee_id, result: 'repeated' });
			return sealed;
		});
	}

	async getCredential(traineeId: string): Promise<Credential | null> {
		const { rows } = await this.#pool.query<{ generation: string; sealed_secret: Buffer }>(
			'SELECT generation, sealed_secret FROM trainees WHERE id = $1 AND sealed_secret IS NOT NULL',
			[traineeId]
		);
		const row = rows[0];
		return row ? { traineeId, generation: num(row.generation), sealedSecret: new Uint8Array(row.sealed_secret) } : null;
	}

	async findEnrolledByPhone(digits: string): Promise<string[]> {
		const { rows } = await this.#pool.query<{ id: string }>(
			'SELECT id FROM trainees WHERE phone_digits = $1 AND sealed_secret IS NOT NULL ORDER BY id LIMIT 10',
			[digits]
		);
		return rows.map((r) => r.id);
	}

	async recordVerification(attempt: StoredVerifyAttempt, actor: Actor): Promise<VerifyOutcome | 'stale' | 'not-enrolled'> {
		return this.#tx(async (c): Promise<VerifyOutcome | 'stale' | 'not-enrolled'> => {
			// FOR UPDATE: a concurrent verification of this trainee, in any process, waits here and
			// then reads the row as this transaction leaves it (READ COMMITTED re-reads locked rows).
			const { rows } = await c.query<{
				generation: string;
				has_secret: boolean;
				last_step: string | null;
				failures: string;
				locked_at: string | null;
			}>(
				`SELECT generation, sealed_secret IS NOT NULL AS has_secret, last_step, failures, locked_at
				 FROM trainees WHERE id = $1 FOR UPDATE`,
				[attempt.traineeId]
			);
			const row = rows[0];
			if (!row || !row.has_secret) {
				await audit(c, { at: attempt.now, actor, action: 'verify', traineeId: attempt.traineeId, result: 'not-enrolled' });
				return 'not-enrolled';
			}
			if (num(row.generation) !== attempt.generation) return 'stale';
			const state = { lastStep: numOrNull(row.last_step), failures: num(row.failures), locked: row.locked_at !== null };
			const { outcome, next } = applyVerification(state, attempt);
			const newlyLocked = next.locked && !state.locked;
			await c.query(
				`UPDATE trainees SET last_step = $1, failures = $2, locked_at = CASE WHEN $3 THEN $4 ELSE locked_at END,
				 last_verified_at = $4, last_result = $5, updated_at = $4 WHERE id = $6`,
				[next.lastStep, next.failures, newlyLocked, attempt.now, outcomeWord(outcome), attempt.traineeId]
			);
			await audit(c, { at: attempt.now, actor, action: 'verify', traineeId: attempt.traineeId, result: outcomeWord(outcome) });
			if (newlyLocked) await audit(c, { at: attempt.now, actor, action: 'lock', traineeId: attempt.traineeId, result: 'ok' });
			return outcome;
		});
	}

	async unlock(traineeId: string, now: number, actor: Actor): Promise<TraineeRecord | null> {
		const found = await this.#tx(async (c) => {
			const r = await c.query('UPDATE trainees SET failures = 0, locked_at = NULL, updated_at = $1 WHERE id = $2', [now, traineeId]);
			if (r.rowCount === 0) return false;
			await audit(c, { at: now, actor, action: 'unlock', traineeId, result: 'ok' });
			return true;
		});
		return found ? this.getTrainee(traineeId, now) : null;
	}

	async revoke(traineeId: string, now: number, actor: Actor): Promise<TraineeRecord | null> {
		const found = await this.#tx(async (c) => {
			const r = await c.query(
				`UPDATE trainees SET sealed_secret = NULL, enrolled_at = NULL, failures = 0, locked_at = NULL,
				 revoked_at = $1, updated_at = $1 WHERE id = $2`,
				[now, traineeId]
			);
			if (r.rowCount === 0) return false;
			await c.query(
				'UPDATE enrollments SET superseded_at = $1 WHERE trainee_id = $2 AND redeemed_at IS NULL AND superseded_at IS NULL',
				[now, traineeId]
			);
			await audit(c, { at: now, actor, action: 'revoke', traineeId, result: 'ok' });
			return true;
		});
		return found ? this.getTrainee(traineeId, now) : null;
	}

	async getTrainee(traineeId: string, now: number): Promise<TraineeRecord | null> {
		const { rows } = await this.#pool.query<TraineeRow>(`SELECT ${traineeColumns('$1')} FROM trainees t WHERE t.id = $2`, [now, traineeId]);
		return rows[0] ? toTrainee(rows[0]) : null;
	}

	async listTrainees(query: { now: number; limit: number; after?: string }): Promise<TraineeRecord[]> {
		const { rows } = await this.#pool.query<TraineeRow>(
			`SELECT ${traineeColumns('$1')} FROM trainees t WHERE t.id COLLATE "C" > $2 ORDER BY t.id COLLATE "C" LIMIT $3`,
			[query.now, query.after ?? '', query.limit]
		);
		return rows.map(toTrainee);
	}

	async appendAudit(entry: NewAuditEntry): Promise<void> {
		await audit(this.#pool, entry);
	}

	async listAudit(query: { limit: number; before?: number; traineeId?: string }): Promise<AuditEntry[]> {
		const { rows } = await this.#pool.query<AuditRow>(
			`SELECT * FROM audit_log WHERE id < $1 AND ($2::text IS NULL OR trainee_id = $2) ORDER BY id DESC LIMIT $3`,
			[query.before ?? Number.MAX_SAFE_INTEGER, query.traineeId ?? null, query.limit]
		);
		return rows.map(toAudit);
	}

	async createSession(idHash: string, now: number, expiresAt: number): Promise<void> {
		await this.#pool.query('INSERT INTO sessions (id_hash, created_at, expires_at) VALUES ($1, $2, $3)', [idHash, now, expiresAt]);
	}

	async hasSession(idHash: string, now: number): Promise<boolean> {
		const { rowCount } = await this.#pool.query('SELECT 1 FROM sessions WHERE id_hash = $1 AND expires_at > $2', [idHash, now]);
		return (rowCount ?? 0) > 0;
	}

	async deleteSession(idHash: string, now: number): Promise<void> {
		await this.#pool.query('DELETE FROM sessions WHERE id_hash = $1 OR expires_at <= $2', [idHash, now]);
	}

	async close(): Promise<void> {
		await this.#pool.end();
	}

	/** Runs `fn` in one transaction on one pooled connection; rolls back on any error. */
	async #tx<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
		const client = await this.#pool.connect();
		try {
			await client.query('BEGIN');
			const result = await fn(client);
			await client.query('COMMIT');
			return result;
		} catch (error) {
			await client.query('ROLLBACK').catch(() => {});
			throw error;
		} finally {
			client.release();
		}
	}
}

async function audit(q: pg.Pool | pg.PoolClient, entry: NewAuditEntry): Promise<void> {
	await q.query('INSERT INTO audit_log (at, actor, ip, action, trainee_id, result) VALUES ($1, $2, $3, $4, $5, $6)', [
		entry.at,
		entry.actor.kind,
		entry.actor.ip,
		entry.action,
		entry.traineeId,
		entry.result
	]);
}
