import Database from 'better-sqlite3';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
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

interface StateRow {
	generation: number;
	has_secret: number;
	last_step: number | null;
	failures: number;
	locked_at: number | null;
}

/**
 * The default store: one SQLite file in WAL mode. better-sqlite3 is synchronous, so each
 * check-and-update runs inside one `BEGIN IMMEDIATE` transaction that no other statement of
 * this process can interleave with, and that takes the write lock up front so another process
 * on the same file waits (busy_timeout) instead of reading stale counters.
 */
export class SqliteStore implements Store {
	readonly kind = 'sqlite';
	readonly #db: Database.Database;

	/** @param path - the database file (`:memory:` for throwaway tests) */
	constructor(path: string) {
		if (path !== ':memory:') {
			mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
			// Names and phone numbers are personal data: create the file 0600 before SQLite does,
			// and SQLite gives the -wal and -shm files the database file's permissions.
			closeSync(openSync(path, 'a', 0o600));
		}
		this.#db = new Database(path);
		this.#db.pragma('journal_mode = WAL');
		// FULL: an accepted step or a 5th strike survives a power cut, so neither can be replayed.
		this.#db.pragma('synchronous = FULL');
		this.#db.pragma('busy_timeout = 5000');
		this.#db.pragma('foreign_keys = ON');
	}

	async migrate(): Promise<void> {
		const db = this.#db;
		db.transaction(() => {
			db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
			const done = new Set(
				(db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version)
			);
			for (const m of MIGRATIONS) {
				if (done.has(m.version)) continue;
				db.exec(m.sqlite);
				db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(m.version, Date.now());
			}
		}).immediate();
	}

	async claimKeyFingerprint(fingerprint: string): Promise<boolean> {
		const db = this.#db;
		return db.transaction(() => {
			db.prepare("INSERT INTO meta (key, value) VALUES ('key_fingerprint', ?) ON CONFLICT (key) DO NOTHING").run(fingerprint);
			const row = db.prepare("SELECT value FROM meta WHERE key = 'key_fingerprint'").get() as { value: string };
			return row.value === fingerprint;
		}).immediate();
	}

	async issueEnrollment(e: NewEnrollment, actor: Actor): Promise<void> {
		const db = this.#db;
		try {
			db.transaction(() => {
				db.prepare(
					`INSERT INTO trainees (id, name, phone_digits, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
					 ON CONFLICT (id) DO UPDATE SET name = excluded.name, phone_digits = excluded.phone_digits,
					 updated_at = excluded.updated_at WHERE trainees.sealed_secret IS NULL`
				).run(e.traineeId, e.name, e.phoneDigits, e.now, e.now);
				db.prepare(
					'UPDATE enrollments SET superseded_at = ? WHERE trainee_id = ? AND redeemed_at IS NULL AND superseded_at IS NULL'
				).run(e.now, e.traineeId);
				db.prepare(
					`INSERT INTO enrollments (id, trainee_id, name, phone_digits, token_hash, code_hash, created_at, expires_at)
					 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
				).run(e.id, e.traineeId, e.name, e.phoneDigits, e.tokenHash, e.codeHash, e.now, e.expiresAt);
				this.#audit({ at: e.now, actor, action: 'enroll.issue', traineeId: e.traineeId, result: 'ok' });
			}).immediate();
		} catch (error) {
			if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' || (error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
				throw new ApiError('CONFLICT', 'enrollment hash collision', { cause: error });
			}
			throw error;
		}
	}

	async findEnrollment(lookup: EnrollmentLookup): Promise<EnrollmentRecord | null> {
		const [column, value] = 'tokenHash' in lookup ? ['token_hash', lookup.tokenHash] : ['code_hash', lookup.codeHash];
		const row = this.#db.prepare(`SELECT * FROM enrollments WHERE ${column} = ?`).get(value) as EnrollmentRow | undefined;
		return row ? toEnrollment(row) : null;
	}

	async redeemEnrollment(input: RedeemInput, actor: Actor): Promise<RedeemOutcome> {
		const db = this.#db;
		return db.transaction((): RedeemOutcome => {
			const row = db.prepare('SELECT * FROM enrollments WHERE id = ?').get(input.enrollmentId) as EnrollmentRow | undefined;
			if (!row) return 'not-found';
			const e = toEnrollment(row);
			const refusal = enrollmentRefusal(e, input.now);
			if (refusal) {
				this.#audit({ at: input.now, actor, action: 'enroll.redeem', traineeId: e.traineeId, result: refusal });
				return refusal;
			}
			db.prepare('UPDATE enrollments SET redeemed_at = ?, retry_key_hash = ? WHERE id = ?').run(input.now, input.retryKeyHash ?? null, e.id);
			db.prepare(
				`UPDATE trainees SET sealed_secret = ?, generation = generation + 1, enrolled_at = ?, last_step = NULL,
				 failures = 0, locked_at = NULL, revoked_at = NULL, name = ?, phone_digits = ?, updated_at = ? WHERE id = ?`
			).run(Buffer.from(input.sealedSecret), input.now, e.name, e.phoneDigits, input.now, e.traineeId);
			db.prepare('UPDATE enrollments SET redeemed_generation = (SELECT generation FROM trainees WHERE id = ?) WHERE id = ?').run(e.traineeId, e.id);
			this.#audit({ at: input.now, actor, action: 'enroll.redeem', traineeId: e.traineeId, result: 'ok' });
			return 'redeemed';
		}).immediate();
	}

	async repeatRedeem(input: RepeatRedeemInput, actor: Actor): Promise<Uint8Array | null> {
		const db = this.#db;
		return db.transaction((): Uint8Array | null => {
			const row = db
				.prepare(
					`SELECT e.trainee_id, e.redeemed_at, e.retry_key_hash, e.redeemed_generation, t.generation, t.sealed_secret
					 FROM enrollments e JOIN trainees t ON t.id = e.trainee_id WHERE e.id = ?`
				)
				.get(input.enrollmentId) as RepeatRow | undefined;
			const sealed = row ? repeatable(row, input) : null;
			if (sealed) this.#audit({ at: input.now, actor, action: 'enroll.redeem', traineeId: row!.trainee_id, result: 'repeated' });
			return sealed;
		}).immediate();
	}

	async getCredential(traineeId: string): Promise<Credential | null> {
		const row = this.#db
			.prepare('SELECT generation, sealed_secret FROM trainees WHERE id = ? AND sealed_secret IS NOT NULL')
			.get(traineeId) as { generation: number; sealed_secret: Buffer } | undefined;
		return row ? { traineeId, generation: num(row.generation), sealedSecret: new Uint8Array(row.sealed_secret) } : null;
	}

	async findEnrolledByPhone(digits: string): Promise<string[]> {
		const rows = this.#db
			.prepare('SELECT id FROM trainees WHERE phone_digits = ? AND sealed_secret IS NOT NULL ORDER BY id LIMIT 10')
			.all(digits) as { id: string }[];
		return rows.map((r) => r.id);
	}

	async recordVerification(attempt: StoredVerifyAttempt, actor: Actor): Promise<VerifyOutcome | 'stale' | 'not-enrolled'> {
		const db = this.#db;
		return db.transaction((): VerifyOutcome | 'stale' | 'not-enrolled' => {
			const row = db
				.prepare(
					'SELECT generation, sealed_secret IS NOT NULL AS has_secret, last_step, failures, locked_at FROM trainees WHERE id = ?'
				)
				.get(attempt.traineeId) as StateRow | undefined;
			if (!row || !row.has_secret) {
				this.#audit({ at: attempt.now, actor, action: 'verify', traineeId: attempt.traineeId, result: 'not-enrolled' });
				return 'not-enrolled';
			}
			if (num(row.generation) !== attempt.generation) return 'stale';
			const state = { lastStep: numOrNull(row.last_step), failures: num(row.failures), locked: row.locked_at !== null };
			const { outcome, next } = applyVerification(state, attempt);
			const newlyLocked = next.locked && !state.locked;
			db.prepare(
				`UPDATE trainees SET last_step = ?, failures = ?, locked_at = CASE WHEN ? THEN ? ELSE locked_at END,
				 last_verified_at = ?, last_result = ?, updated_at = ? WHERE id = ?`
			).run(next.lastStep, next.failures, newlyLocked ? 1 : 0, attempt.now, attempt.now, outcomeWord(outcome), attempt.now, attempt.traineeId);
			this.#audit({ at: attempt.now, actor, action: 'verify', traineeId: attempt.traineeId, result: outcomeWord(outcome) });
			if (newlyLocked) this.#audit({ at: attempt.now, actor, action: 'lock', traineeId: attempt.traineeId, result: 'ok' });
			return outcome;
		}).immediate();
	}

	async unlock(traineeId: string, now: number, actor: Actor): Promise<TraineeRecord | null> {
		const db = this.#db;
		const found = db.transaction(() => {
			const changed = db
				.prepare('UPDATE trainees SET failures = 0, locked_at = NULL, updated_at = ? WHERE id = ?')
				.run(now, traineeId).changes;
			if (changed === 0) return false;
			this.#audit({ at: now, actor, action: 'unlock', traineeId, result: 'ok' });
			return true;
		}).immediate();
		return found ? this.getTrainee(traineeId, now) : null;
	}

	async revoke(traineeId: string, now: number, actor: Actor): Promise<TraineeRecord | null> {
		const db = this.#db;
		const found = db.transaction(() => {
			const changed = db
				.prepare(
					`UPDATE trainees SET sealed_secret = NULL, enrolled_at = NULL, failures = 0, locked_at = NULL,
					 revoked_at = ?, updated_at = ? WHERE id = ?`
				)
				.run(now, now, traineeId).changes;
			if (changed === 0) return false;
			db.prepare(
				'UPDATE enrollments SET superseded_at = ? WHERE trainee_id = ? AND redeemed_at IS NULL AND superseded_at IS NULL'
			).run(now, traineeId);
			this.#audit({ at: now, actor, action: 'revoke', traineeId, result: 'ok' });
			return true;
		}).immediate();
		return found ? this.getTrainee(traineeId, now) : null;
	}

	async getTrainee(traineeId: string, now: number): Promise<TraineeRecord | null> {
		const row = this.#db
			.prepare(`SELECT ${traineeColumns('@now')} FROM trainees t WHERE t.id = @id`)
			.get({ now, id: traineeId }) as TraineeRow | undefined;
		return row ? toTrainee(row) : null;
	}

	async listTrainees(query: { now: number; limit: number; after?: string }): Promise<TraineeRecord[]> {
		const rows = this.#db
			.prepare(`SELECT ${traineeColumns('@now')} FROM trainees t WHERE t.id > @after ORDER BY t.id LIMIT @limit`)
			.all({ now: query.now, after: query.after ?? '', limit: query.limit }) as TraineeRow[];
		return rows.map(toTrainee);
	}

	async appendAudit(entry: NewAuditEntry): Promise<void> {
		this.#audit(entry);
	}

	async listAudit(query: { limit: number; before?: number; traineeId?: string }): Promise<AuditEntry[]> {
		const rows = this.#db
			.prepare(
				`SELECT * FROM audit_log WHERE id < @before AND (@trainee IS NULL OR trainee_id = @trainee)
				 ORDER BY id DESC LIMIT @limit`
			)
			.all({ before: query.before ?? Number.MAX_SAFE_INTEGER, trainee: query.traineeId ?? null, limit: query.limit }) as AuditRow[];
		return rows.map(toAudit);
	}

	async createSession(idHash: string, now: number, expiresAt: number): Promise<void> {
		this.#db.prepare('INSERT INTO sessions (id_hash, created_at, expires_at) VALUES (?, ?, ?)').run(idHash, now, expiresAt);
	}

	async hasSession(idHash: string, now: number): Promise<boolean> {
		return this.#db.prepare('SELECT 1 FROM sessions WHERE id_hash = ? AND expires_at > ?').get(idHash, now) !== undefined;
	}

	async deleteSession(idHash: string, now: number): Promise<void> {
		this.#db.prepare('DELETE FROM sessions WHERE id_hash = ? OR expires_at <= ?').run(idHash, now);
	}

	async close(): Promise<void> {
		this.#db.close();
	}

	#audit(entry: NewAuditEntry): void {
		this.#db
			.prepare('INSERT INTO audit_log (at, actor, ip, action, trainee_id, result) VALUES (?, ?, ?, ?, ?, ?)')
			.run(entry.at, entry.actor.kind, entry.actor.ip, entry.action, entry.traineeId, entry.result);
	}
}
