import Database from 'better-sqlite3';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { StoreError } from './StoreError';
import { auditRowHash, GENESIS_HASH, sealAuditAnchor, type AuditSealer } from './auditChain';
import { MIGRATIONS } from './migrations';
import {
	bool,
	enrollmentRefusal,
	hourStart,
	missCounts,
	repeatable,
	type RepeatRow,
	num,
	toAnchor,
	toAudit,
	toChainedAudit,
	type AnchorRow,
	toEnrollment,
	toTrainee,
	toVerifyState,
	traineeColumns,
	type AuditRow,
	type ClientRow,
	toClient,
	type EnrollmentRow,
	type StateRow,
	type TraineeRow
} from './rows';
import type {
	Actor,
	AuditAnchor,
	AuditChainQuery,
	AuditEntry,
	AuditHead,
	ChainedAuditEntry,
	EnrollmentLookup,
	EnrollmentRecord,
	IdempotencyClaim,
	IdempotentRecord,
	LmsClientRecord,
	LookupMissKind,
	NewLmsClient,
	NewAuditEntry,
	NewEnrollment,
	RedeemInput,
	RedeemOutcome,
	RepeatRedeemInput,
	Store,
	TraineeRecord,
	VerifyState,
	VerifyTransition
} from './Store';

/**
 * The default store: one SQLite file in WAL mode. better-sqlite3 is synchronous, so each
 * check-and-update runs inside one `BEGIN IMMEDIATE` transaction that no other statement of
 * this process can interleave with, and that takes the write lock up front so another process
 * on the same file waits (busy_timeout) instead of reading stale counters.
 */
/** SQLite's own checkpoint threshold, raised from 1,000 pages: the timer below does the regular work. */
const AUTOCHECKPOINT_PAGES = 20_000;
/** How often written pages reach the database file (and so survive a power cut). */
const CHECKPOINT_MS = 1_000;

export class SqliteStore implements Store {
	readonly kind = 'sqlite';
	readonly #db: Database.Database;
	readonly #seal: AuditSealer;
	#checkpoints: ReturnType<typeof setInterval> | undefined;
	#checkpointedChanges = -1;
	#checkpointedVersion = -1;
	/** One `BEGIN IMMEDIATE … COMMIT` wrapper for every transaction (better-sqlite3 builds one per `transaction()` call otherwise). */
	readonly #transaction: Database.Transaction<(fn: () => unknown) => unknown>;

	/**
	 * @param path - the database file (`:memory:` for throwaway tests)
	 * @param seal - seals the audit chain's head (`auditSealer` over the audit key)
	 */
	constructor(path: string, seal: AuditSealer) {
		this.#seal = seal;
		if (path !== ':memory:') {
			mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
			// Names and phone numbers are personal data: create the file 0600 before SQLite does,
			// and SQLite gives the -wal and -shm files the database file's permissions.
			closeSync(openSync(path, 'a', 0o600));
		}
		this.#db = withStatementCache(new Database(path));
		this.#db.pragma('journal_mode = WAL');
		// NORMAL under WAL (docs/decisions-server.md, "SQLite durability"): a commit is in the WAL
		// file before it returns, so it survives a crash of this process; only a power cut or an
		// OS crash can lose the commits since the last checkpoint. FULL added an fsync to every
		// verification, which blocked the event loop for most of its time (bench/RESULTS.md).
		this.#db.pragma('synchronous = NORMAL');
		// Checkpoints (WAL → database file, then fsync) once a second rather than every 1,000 pages:
		// a verification rewrites the same few hot pages (the audit head, the audit log's last page,
		// a trainee's page), and a checkpoint copies each page once however often it changed, so at
		// load most of the copying goes away (issue 15). The timer also bounds what a power cut can
		// undo to about the last second, however quiet or busy the service is ("SQLite durability").
		if (path !== ':memory:') {
			this.#db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
			this.#checkpoints = setInterval(() => this.#checkpoint(), CHECKPOINT_MS);
			this.#checkpoints.unref();
		}
		this.#db.pragma('busy_timeout = 5000');
		this.#db.pragma('foreign_keys = ON');
		this.#transaction = this.#db.transaction((fn: () => unknown) => fn());
	}

	/** Runs `fn` in one `BEGIN IMMEDIATE` transaction: the write lock up front, so no other process reads stale counters. */
	#inTransaction<T>(fn: () => T): T {
		return this.#transaction.immediate(fn) as T;
	}

	async migrate(): Promise<void> {
		const db = this.#db;
		this.#inTransaction(() => {
			db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
			const done = new Set(
				(db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version)
			);
			for (const m of MIGRATIONS) {
				if (done.has(m.version)) continue;
				db.exec(m.sqlite);
				db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(m.version, Date.now());
			}
			this.#chainUnchained();
		});
	}

	async claimKeyFingerprint(fingerprint: string): Promise<boolean> {
		const db = this.#db;
		return this.#inTransaction(() => {
			db.prepare("INSERT INTO meta (key, value) VALUES ('key_fingerprint', ?) ON CONFLICT (key) DO NOTHING").run(fingerprint);
			const row = db.prepare("SELECT value FROM meta WHERE key = 'key_fingerprint'").get() as { value: string };
			return row.value === fingerprint;
		});
	}

	async issueEnrollment(e: NewEnrollment, actor: Actor): Promise<void> {
		const db = this.#db;
		try {
			this.#inTransaction(() => {
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
			});
		} catch (error) {
			if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' || (error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
				throw new StoreError('UNIQUE_VIOLATION', 'enrollment hash collision', { cause: error });
			}
			throw error;
		}
	}

	async issueEnrollments(batch: readonly NewEnrollment[], actor: Actor, allowDeviceLoss: readonly string[]): Promise<'issued' | { deviceHolders: string[] }> {
		const db = this.#db;
		const allowed = new Set(allowDeviceLoss);
		const ids = JSON.stringify(batch.map((e) => e.traineeId));
		try {
			return this.#inTransaction((): 'issued' | { deviceHolders: string[] } => {
				const holders = this.#deviceHolders(ids);
				if (holders.some((id) => !allowed.has(id))) return { deviceHolders: holders };
				const trainee = db.prepare(
					`INSERT INTO trainees (id, name, phone_digits, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
					 ON CONFLICT (id) DO UPDATE SET name = excluded.name, phone_digits = excluded.phone_digits,
					 updated_at = excluded.updated_at WHERE trainees.sealed_secret IS NULL`
				);
				const supersede = db.prepare(
					'UPDATE enrollments SET superseded_at = ? WHERE trainee_id = ? AND redeemed_at IS NULL AND superseded_at IS NULL'
				);
				const enrollment = db.prepare(
					`INSERT INTO enrollments (id, trainee_id, name, phone_digits, token_hash, code_hash, created_at, expires_at)
					 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
				);
				for (const e of batch) {
					trainee.run(e.traineeId, e.name, e.phoneDigits, e.now, e.now);
					supersede.run(e.now, e.traineeId);
					enrollment.run(e.id, e.traineeId, e.name, e.phoneDigits, e.tokenHash, e.codeHash, e.now, e.expiresAt);
					this.#audit({ at: e.now, actor, action: 'enroll.issue', traineeId: e.traineeId, result: 'ok' });
				}
				return 'issued';
			});
		} catch (error) {
			if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' || (error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
				throw new StoreError('UNIQUE_VIOLATION', 'enrollment hash collision', { cause: error });
			}
			throw error;
		}
	}

	async deviceHolders(traineeIds: readonly string[]): Promise<string[]> {
		return this.#deviceHolders(JSON.stringify(traineeIds));
	}

	/** Device holders among the ids of a JSON array (one statement for any number of ids). */
	#deviceHolders(idsJson: string): string[] {
		const rows = this.#db
			.prepare('SELECT id FROM trainees WHERE sealed_secret IS NOT NULL AND id IN (SELECT value FROM json_each(?)) ORDER BY id')
			.all(idsJson) as { id: string }[];
		return rows.map((r) => r.id);
	}

	async findEnrollment(lookup: EnrollmentLookup): Promise<EnrollmentRecord | null> {
		const [column, value] = 'tokenHash' in lookup ? ['token_hash', lookup.tokenHash] : ['code_hash', lookup.codeHash];
		const row = this.#db.prepare(`SELECT * FROM enrollments WHERE ${column} = ?`).get(value) as EnrollmentRow | undefined;
		return row ? toEnrollment(row) : null;
	}

	async redeemEnrollment(input: RedeemInput, actor: Actor): Promise<RedeemOutcome> {
		const db = this.#db;
		return this.#inTransaction((): RedeemOutcome => {
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
				 failures = 0, recent_failures = '[]', last_failure_at = NULL, locked_at = NULL, revoked_at = NULL,
				 name = ?, phone_digits = ?, updated_at = ? WHERE id = ?`
			).run(Buffer.from(input.sealedSecret), input.now, e.name, e.phoneDigits, input.now, e.traineeId);
			db.prepare('UPDATE enrollments SET redeemed_generation = (SELECT generation FROM trainees WHERE id = ?) WHERE id = ?').run(e.traineeId, e.id);
			this.#audit({ at: input.now, actor, action: 'enroll.redeem', traineeId: e.traineeId, result: 'ok' });
			return 'redeemed';
		});
	}

	async repeatRedeem(input: RepeatRedeemInput, actor: Actor): Promise<Uint8Array | null> {
		const db = this.#db;
		return this.#inTransaction((): Uint8Array | null => {
			const row = db
				.prepare(
					`SELECT e.trainee_id, e.redeemed_at, e.retry_key_hash, e.redeemed_generation, t.generation, t.sealed_secret
					 FROM enrollments e JOIN trainees t ON t.id = e.trainee_id WHERE e.id = ?`
				)
				.get(input.enrollmentId) as RepeatRow | undefined;
			const sealed = row ? repeatable(row, input) : null;
			if (sealed) this.#audit({ at: input.now, actor, action: 'enroll.redeem', traineeId: row!.trainee_id, result: 'repeated' });
			return sealed;
		});
	}

	async findEnrolledByPhone(digits: string): Promise<string[]> {
		const rows = this.#db
			.prepare('SELECT id FROM trainees WHERE phone_digits = ? AND sealed_secret IS NOT NULL ORDER BY id LIMIT 10')
			.all(digits) as { id: string }[];
		return rows.map((r) => r.id);
	}

	async transitionVerifyState<T>(
		input: { traineeId: string; now: number; idempotency?: IdempotencyClaim<T> },
		actor: Actor,
		decide: (state: VerifyState, sealedSecret: Uint8Array) => VerifyTransition<T>
	): Promise<{ value: T } | 'not-enrolled' | { earlier: IdempotentRecord }> {
		const db = this.#db;
		const idem = input.idempotency;
		return this.#inTransaction((): { value: T } | 'not-enrolled' | { earlier: IdempotentRecord } => {
			if (idem) {
				const earlier = this.#idempotent(idem.keyHash, input.now);
				if (earlier) return { earlier };
			}
			const row = db
				.prepare(
					`SELECT sealed_secret, last_step, failures, recent_failures, last_failure_at, locked_at
					 FROM trainees WHERE id = ? AND sealed_secret IS NOT NULL`
				)
				.get(input.traineeId) as (StateRow & { sealed_secret: Buffer }) | undefined;
			if (!row) return 'not-enrolled';
			const { next, lastResult, audit, value } = decide(toVerifyState(row), row.sealed_secret);
			db.prepare(
				`UPDATE trainees SET last_step = ?, failures = ?, recent_failures = ?, last_failure_at = ?,
				 locked_at = CASE WHEN ? THEN COALESCE(locked_at, ?) ELSE NULL END,
				 last_verified_at = ?, last_result = ?, updated_at = ? WHERE id = ?`
			).run(
				next.lastStep,
				next.failures,
				JSON.stringify(next.recentFailures),
				next.lastFailureAt,
				next.locked ? 1 : 0,
				input.now,
				input.now,
				lastResult,
				input.now,
				input.traineeId
			);
			for (const a of audit) this.#audit({ at: input.now, actor, action: a.action, traineeId: input.traineeId, result: a.result });
			if (idem) {
				db.prepare(
					`INSERT INTO idempotency_keys (key_hash, request_hash, reply, created_at, expires_at) VALUES (?, ?, ?, ?, ?)
					 ON CONFLICT (key_hash) DO UPDATE SET request_hash = excluded.request_hash, reply = excluded.reply,
					 created_at = excluded.created_at, expires_at = excluded.expires_at`
				).run(idem.keyHash, idem.requestHash, idem.reply(value), input.now, idem.expiresAt);
			}
			return { value };
		});
	}

	async findIdempotent(keyHash: string, now: number): Promise<IdempotentRecord | null> {
		return this.#idempotent(keyHash, now);
	}

	async purgeIdempotency(now: number): Promise<number> {
		return this.#db.prepare('DELETE FROM idempotency_keys WHERE expires_at <= ?').run(now).changes;
	}

	#idempotent(keyHash: string, now: number): IdempotentRecord | null {
		const row = this.#db
			.prepare('SELECT request_hash, reply FROM idempotency_keys WHERE key_hash = ? AND expires_at > ? AND reply IS NOT NULL')
			.get(keyHash, now) as { request_hash: string; reply: string } | undefined;
		return row ? { requestHash: row.request_hash, reply: row.reply } : null;
	}

	async unlock(traineeId: string, now: number, actor: Actor): Promise<TraineeRecord | null> {
		const db = this.#db;
		const found = this.#inTransaction(() => {
			const changed = db
				.prepare(
					"UPDATE trainees SET failures = 0, recent_failures = '[]', last_failure_at = NULL, locked_at = NULL, updated_at = ? WHERE id = ?"
				)
				.run(now, traineeId).changes;
			if (changed === 0) return false;
			this.#audit({ at: now, actor, action: 'unlock', traineeId, result: 'ok' });
			return true;
		});
		return found ? this.getTrainee(traineeId, now) : null;
	}

	async revoke(traineeId: string, now: number, actor: Actor): Promise<TraineeRecord | null> {
		const db = this.#db;
		const found = this.#inTransaction(() => {
			const changed = db
				.prepare(
					`UPDATE trainees SET sealed_secret = NULL, enrolled_at = NULL, failures = 0, recent_failures = '[]',
					 last_failure_at = NULL, locked_at = NULL, revoked_at = ?, updated_at = ? WHERE id = ?`
				)
				.run(now, now, traineeId).changes;
			if (changed === 0) return false;
			db.prepare(
				'UPDATE enrollments SET superseded_at = ? WHERE trainee_id = ? AND redeemed_at IS NULL AND superseded_at IS NULL'
			).run(now, traineeId);
			this.#audit({ at: now, actor, action: 'revoke', traineeId, result: 'ok' });
			return true;
		});
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
		const db = this.#db;
		this.#inTransaction(() => this.#audit(entry));
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

	async readAuditChain(query: AuditChainQuery): Promise<ChainedAuditEntry[]> {
		const rows = this.#db
			.prepare(
				`SELECT * FROM audit_log WHERE id > @after AND (@from IS NULL OR at >= @from) AND (@to IS NULL OR at < @to)
				 AND (@trainee IS NULL OR trainee_id = @trainee) AND (@action IS NULL OR action = @action) ORDER BY id LIMIT @limit`
			)
			.all({
				after: query.afterId,
				from: query.from ?? null,
				to: query.to ?? null,
				trainee: query.traineeId ?? null,
				action: query.action ?? null,
				limit: query.limit
			}) as AuditRow[];
		return rows.map(toChainedAudit);
	}

	async getAuditAnchor(): Promise<AuditAnchor | null> {
		const row = this.#db.prepare('SELECT * FROM audit_anchor WHERE singleton = 1').get() as AnchorRow | undefined;
		return row ? toAnchor(row) : null;
	}

	async pruneAudit(input: { before: number; now: number }, actor: Actor): Promise<number> {
		const db = this.#db;
		return this.#inTransaction(() => {
			const head = this.#headRow();
			if (head.lastId === 0) return 0;
			// Only a prefix of the chain, and only rows older than the cut-off: every row below the
			// first row at or after it (a clock step back never deletes a newer row early).
			const firstYoung = db.prepare('SELECT MIN(id) AS id FROM audit_log WHERE at >= ?').get(input.before) as { id: number | null };
			const cut = Math.min(firstYoung.id ?? Number.MAX_SAFE_INTEGER, head.lastId);
			const kept = db.prepare('SELECT id, prev_hash FROM audit_log WHERE id >= ? ORDER BY id LIMIT 1').get(cut) as
				| { id: number; prev_hash: string }
				| undefined;
			if (!kept) return 0;
			const deleted = db.prepare('DELETE FROM audit_log WHERE id < ?').run(kept.id).changes;
			if (deleted === 0) return 0;
			db.prepare(
				`INSERT INTO audit_anchor (singleton, first_id, prev_hash, pruned_at, before_at, seal) VALUES (1, ?, ?, ?, ?, ?)
				 ON CONFLICT (singleton) DO UPDATE SET first_id = excluded.first_id, prev_hash = excluded.prev_hash,
				 pruned_at = excluded.pruned_at, before_at = excluded.before_at, seal = excluded.seal`
			).run(kept.id, kept.prev_hash, input.now, input.before, sealAuditAnchor(this.#seal, kept.id, kept.prev_hash));
			this.#audit({ at: input.now, actor, action: 'audit.prune', traineeId: null, result: `deleted:${deleted}` });
			return deleted;
		});
	}

	async getAuditHead(): Promise<AuditHead> {
		const row = this.#db.prepare('SELECT last_id, hash, seal FROM audit_head WHERE singleton = 1').get() as
			| { last_id: number; hash: string; seal: string }
			| undefined;
		return row ? { lastId: num(row.last_id), hash: row.hash, seal: row.seal } : { lastId: 0, hash: GENESIS_HASH, seal: '' };
	}

	async countLookupMiss(kind: LookupMissKind, now: number): Promise<void> {
		this.#db
			.prepare('INSERT INTO lookup_misses (hour_start, kind, count) VALUES (?, ?, 1) ON CONFLICT (hour_start, kind) DO UPDATE SET count = count + 1')
			.run(hourStart(now), kind);
	}

	async lookupMisses(since: number): Promise<Record<LookupMissKind, number>> {
		const rows = this.#db
			.prepare('SELECT kind, SUM(count) AS n FROM lookup_misses WHERE hour_start >= ? GROUP BY kind')
			.all(hourStart(since)) as { kind: LookupMissKind; n: number }[];
		return missCounts(rows);
	}

	async createSession(idHash: string, now: number, expiresAt: number, keyHash: string): Promise<void> {
		this.#db
			.prepare('INSERT INTO sessions (id_hash, created_at, expires_at, key_hash) VALUES (?, ?, ?, ?)')
			.run(idHash, now, expiresAt, keyHash);
	}

	async hasSession(idHash: string, now: number, keyHash: string): Promise<boolean> {
		return (
			this.#db.prepare('SELECT 1 FROM sessions WHERE id_hash = ? AND expires_at > ? AND key_hash = ?').get(idHash, now, keyHash) !==
			undefined
		);
	}

	async deleteSession(idHash: string, now: number): Promise<void> {
		this.#db.prepare('DELETE FROM sessions WHERE id_hash = ? OR expires_at <= ?').run(idHash, now);
	}

	async createClient(client: NewLmsClient, actor: Actor): Promise<void> {
		const db = this.#db;
		try {
			this.#inTransaction(() => {
				db.prepare('INSERT INTO lms_clients (id, name, return_prefixes, sealed_secret, created_at) VALUES (?, ?, ?, ?, ?)').run(
					client.id,
					client.name,
					JSON.stringify(client.returnPrefixes),
					Buffer.from(client.sealedSecret),
					client.now
				);
				this.#audit({ at: client.now, actor, action: 'client.create', traineeId: null, result: `ok:${client.id}` });
			});
		} catch (error) {
			if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new StoreError('UNIQUE_VIOLATION', 'client id collision', { cause: error });
			throw error;
		}
	}

	async getClient(id: string): Promise<LmsClientRecord | null> {
		const row = this.#db.prepare('SELECT * FROM lms_clients WHERE id = ?').get(id) as ClientRow | undefined;
		return row ? toClient(row) : null;
	}

	async deleteClient(id: string, now: number, actor: Actor): Promise<boolean> {
		const db = this.#db;
		return this.#inTransaction(() => {
			if (db.prepare('DELETE FROM lms_clients WHERE id = ?').run(id).changes === 0) return false;
			this.#audit({ at: now, actor, action: 'client.delete', traineeId: null, result: `ok:${id}` });
			return true;
		});
	}

	async listClients(): Promise<Omit<LmsClientRecord, 'sealedSecret'>[]> {
		const rows = this.#db.prepare('SELECT * FROM lms_clients ORDER BY created_at, id').all() as ClientRow[];
		return rows.map((r) => {
			const { sealedSecret: _, ...rest } = toClient(r);
			return rest;
		});
	}

	async close(): Promise<void> {
		if (this.#checkpoints) clearInterval(this.#checkpoints);
		if (this.#db.open) this.#db.close();
	}

	/** A passive checkpoint when something was written since the last one (it never waits for readers or writers). */
	#checkpoint(): void {
		try {
			const version = this.#db.pragma('data_version', { simple: true }) as number;
			const changes = this.#db.prepare('SELECT total_changes() AS n').get() as { n: number };
			if (changes.n === this.#checkpointedChanges && version === this.#checkpointedVersion) return;
			this.#db.pragma('wal_checkpoint(PASSIVE)');
			this.#checkpointedChanges = changes.n;
			this.#checkpointedVersion = version;
		} catch (error) {
			// A busy or closing database: the next tick, or SQLite's own autocheckpoint, catches up.
			if (this.#db.open) console.warn('mOTP: SQLite checkpoint deferred:', error instanceof Error ? error.message : error);
		}
	}

	/**
	 * Appends one chained audit row and moves the sealed head; always inside the caller's
	 * transaction, so the row, the head and the change it records commit together.
	 */
	#audit(entry: NewAuditEntry): void {
		const head = this.#headRow();
		const row = { id: head.lastId + 1, at: entry.at, actor: entry.actor.kind, ip: entry.actor.ip, action: entry.action, traineeId: entry.traineeId, result: entry.result };
		const hash = auditRowHash(row, head.hash);
		this.#db
			.prepare('INSERT INTO audit_log (id, at, actor, ip, action, trainee_id, result, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
			.run(row.id, row.at, row.actor, row.ip, row.action, row.traineeId, row.result, head.hash, hash);
		this.#writeHead(row.id, hash);
	}

	/** The head as stored, or the genesis head of an empty chain. */
	#headRow(): { lastId: number; hash: string } {
		const row = this.#db.prepare('SELECT last_id, hash FROM audit_head WHERE singleton = 1').get() as { last_id: number; hash: string } | undefined;
		return row ? { lastId: num(row.last_id), hash: row.hash } : { lastId: 0, hash: GENESIS_HASH };
	}

	#writeHead(lastId: number, hash: string): void {
		this.#db
			.prepare(
				`INSERT INTO audit_head (singleton, last_id, hash, seal) VALUES (1, ?, ?, ?)
				 ON CONFLICT (singleton) DO UPDATE SET last_id = excluded.last_id, hash = excluded.hash, seal = excluded.seal`
			)
			.run(lastId, hash, this.#seal(lastId, hash));
	}

	/** Chains the rows written before the chain existed (schema v1), oldest first, and seals the head. */
	#chainUnchained(): void {
		const rows = this.#db.prepare('SELECT * FROM audit_log WHERE hash IS NULL ORDER BY id').all() as AuditRow[];
		let { lastId, hash } = this.#headRow();
		const update = this.#db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?');
		for (const row of rows) {
			const entry = toAudit(row);
			const next = auditRowHash(entry, hash);
			update.run(hash, next, entry.id);
			[lastId, hash] = [entry.id, next];
		}
		if (rows.length > 0 || this.#db.prepare('SELECT 1 FROM audit_head').get() === undefined) this.#writeHead(lastId, hash);
	}
}

/**
 * Makes `db.prepare` return one compiled statement per SQL text. better-sqlite3 statements are
 * reusable; compiling the same few statements on every request was about 5 % of a verification's
 * time (issue 15). None of ours changes a statement's mode (`raw`, `pluck`, `expand`), so sharing
 * them is safe.
 */
function withStatementCache(db: Database.Database): Database.Database {
	const prepare = db.prepare.bind(db);
	const cache = new Map<string, Database.Statement>();
	db.prepare = ((sql: string) => {
		let statement = cache.get(sql);
		if (!statement) cache.set(sql, (statement = prepare(sql)));
		return statement;
	}) as typeof db.prepare;
	return db;
}
