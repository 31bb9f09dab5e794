import pg from 'pg';
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

/** Options for {@link PostgresStore}. */
export interface PostgresStoreOptions {
	connectionString: string;
	/** Put every table in this schema (tests isolate runs this way); default: the server's search_path. */
	schema?: string;
	/** Pool size per process. */
	max?: number;
	/** Seals the audit chain's head (`auditSealer` over the audit key). */
	seal: AuditSealer;
}

/** Any advisory-lock key works as long as every process uses the same one. */
const MIGRATION_LOCK = 0x6d6f7470; // "motp"
const UNIQUE_VIOLATION = '23505';
/** Audit rows appended per statement by a class issue (a few sizes of prepared statement, not one per class size). */
const AUDIT_CHUNK = 100;

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
	readonly #seal: AuditSealer;

	constructor(options: PostgresStoreOptions) {
		this.#seal = options.seal;
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
			await this.#chainUnchained(c);
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
				await this.#audit(c, { at: e.now, actor, action: 'enroll.issue', traineeId: e.traineeId, result: 'ok' });
			});
		} catch (error) {
			if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
				throw new StoreError('UNIQUE_VIOLATION', 'enrollment hash collision', { cause: error });
			}
			throw error;
		}
	}

	/**
	 * One transaction, five statements whatever the class size: upsert the trainees (in id order,
	 * so two concurrent classes lock shared trainees in the same order and cannot deadlock; a single
	 * issue locks one trainee only), check the device holders under those locks, supersede the open
	 * enrollments, insert the new ones, append the audit rows (audit head last, as everywhere).
	 */
	async issueEnrollments(batch: readonly NewEnrollment[], actor: Actor, allowDeviceLoss: readonly string[]): Promise<'issued' | { deviceHolders: string[] }> {
		if (batch.length === 0) return 'issued';
		const sorted = [...batch].sort((a, b) => (a.traineeId < b.traineeId ? -1 : a.traineeId > b.traineeId ? 1 : 0));
		const allowed = new Set(allowDeviceLoss);
		const ids = sorted.map((e) => e.traineeId);
		const now = sorted[0]!.now;
		const refused = Symbol('refused');
		let holders: string[] = [];
		try {
			return await this.#tx(async (c) => {
				await c.query(
					`INSERT INTO trainees (id, name, phone_digits, created_at, updated_at)
					 SELECT u.id, u.name, u.phone, $4::bigint, $4::bigint FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS u(id, name, phone, n) ORDER BY u.n
					 ON CONFLICT (id) DO UPDATE SET name = excluded.name, phone_digits = excluded.phone_digits,
					 updated_at = excluded.updated_at WHERE trainees.sealed_secret IS NULL`,
					[ids, sorted.map((e) => e.name), sorted.map((e) => e.phoneDigits), now]
				);
				// The upsert locked the rows it changed; this locks the others (device holders) too, in id order.
				const locked = await c.query<{ id: string; held: boolean }>(
					'SELECT id, sealed_secret IS NOT NULL AS held FROM trainees WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE',
					[ids]
				);
				holders = locked.rows.filter((r) => r.held).map((r) => r.id);
				if (holders.some((id) => !allowed.has(id))) throw refused;
				await c.query(
					'UPDATE enrollments SET superseded_at = $1 WHERE trainee_id = ANY($2::text[]) AND redeemed_at IS NULL AND superseded_at IS NULL',
					[now, ids]
				);
				await c.query(
					`INSERT INTO enrollments (id, trainee_id, name, phone_digits, token_hash, code_hash, created_at, expires_at)
					 SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::bigint[])`,
					[
						sorted.map((e) => e.id),
						ids,
						sorted.map((e) => e.name),
						sorted.map((e) => e.phoneDigits),
						sorted.map((e) => e.tokenHash),
						sorted.map((e) => e.codeHash),
						sorted.map((e) => e.now),
						sorted.map((e) => e.expiresAt)
					]
				);
				// In chunks: one statement per chunk size is prepared per connection, not one per class size.
				for (let i = 0; i < batch.length; i += AUDIT_CHUNK) {
					const chunk = batch.slice(i, i + AUDIT_CHUNK).map((e) => ({ at: e.now, actor, action: 'enroll.issue' as const, traineeId: e.traineeId, result: 'ok' }));
					await this.#appendChained(c, await headRow(c, true), chunk);
				}
				return 'issued' as const;
			});
		} catch (error) {
			if (error === refused) return { deviceHolders: holders };
			if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
				throw new StoreError('UNIQUE_VIOLATION', 'enrollment hash collision', { cause: error });
			}
			throw error;
		}
	}

	async deviceHolders(traineeIds: readonly string[]): Promise<string[]> {
		const { rows } = await this.#pool.query<{ id: string }>(
			'SELECT id FROM trainees WHERE sealed_secret IS NOT NULL AND id = ANY($1::text[]) ORDER BY id',
			[[...traineeIds]]
		);
		return rows.map((r) => r.id);
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
				await this.#audit(c, { at: input.now, actor, action: 'enroll.redeem', traineeId, result: refusal });
				return refusal;
			}
			await c.query('UPDATE enrollments SET redeemed_at = $1, retry_key_hash = $2 WHERE id = $3', [input.now, input.retryKeyHash ?? null, e.id]);
			await c.query(
				`UPDATE trainees SET sealed_secret = $1, generation = generation + 1, enrolled_at = $2, last_step = NULL,
				 failures = 0, recent_failures = '[]', last_failure_at = NULL, locked_at = NULL, revoked_at = NULL,
				 name = $3, phone_digits = $4, updated_at = $2 WHERE id = $5`,
				[Buffer.from(input.sealedSecret), input.now, e.name, e.phoneDigits, traineeId]
			);
			await c.query('UPDATE enrollments SET redeemed_generation = (SELECT generation FROM trainees WHERE id = $1) WHERE id = $2', [traineeId, e.id]);
			await this.#audit(c, { at: input.now, actor, action: 'enroll.redeem', traineeId, result: 'ok' });
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
			if (sealed) await this.#audit(c, { at: input.now, actor, action: 'enroll.redeem', traineeId: row!.trainee_id, result: 'repeated' });
			return sealed;
		});
	}

	async findEnrolledByPhone(digits: string): Promise<string[]> {
		const { rows } = await this.#pool.query<{ id: string }>(
			'SELECT id FROM trainees WHERE phone_digits = $1 AND sealed_secret IS NOT NULL ORDER BY id LIMIT 10',
			[digits]
		);
		return rows.map((r) => r.id);
	}

	/**
	 * Two round trips, where the other operations take five (issue 15: each costs this process about
	 * 60 µs of CPU in the driver, more than the rest of a verification). Both use the simple query
	 * protocol, several statements in one message, so that `BEGIN` and `COMMIT` ride along; the
	 * values are inlined as literals by {@link literal} (the driver's `escapeLiteral` for text, checked
	 * integers otherwise), never pasted: docs/decisions-server.md, "PostgreSQL: two round trips".
	 *
	 * 1. `BEGIN`; lock and read the trainee row (secret and state); lock and read the audit head.
	 *    Locks in the order every transaction takes them: trainee first, head last.
	 * 2. Write the trainee, append the audit rows (hashed here), move the sealed head; `COMMIT`.
	 */
	async transitionVerifyState<T>(
		input: { traineeId: string; now: number; idempotency?: IdempotencyClaim<T> },
		actor: Actor,
		decide: (state: VerifyState, sealedSecret: Uint8Array) => VerifyTransition<T>
	): Promise<{ value: T } | 'not-enrolled' | { earlier: IdempotentRecord }> {
		const c = await this.#pool.connect();
		let open = false;
		const idem = input.idempotency;
		try {
			const lit = (v: unknown) => literal(c, v);
			open = true;
			// With an idempotency key, its row is claimed first (a placeholder without a reply, or an
			// expired record taken over): a concurrent request with the same key waits on that row
			// until this transaction ends, then reads the answer it committed. Lock order: key, trainee, head.
			const claim = idem
				? `INSERT INTO idempotency_keys (key_hash, request_hash, reply, created_at, expires_at)
				   VALUES (${lit(idem.keyHash)}, ${lit(idem.requestHash)}, NULL, ${lit(input.now)}, ${lit(idem.expiresAt)})
				   ON CONFLICT (key_hash) DO UPDATE SET request_hash = excluded.request_hash, reply = NULL,
				   created_at = excluded.created_at, expires_at = excluded.expires_at
				   WHERE idempotency_keys.expires_at <= ${lit(input.now)};
				   SELECT request_hash, reply FROM idempotency_keys WHERE key_hash = ${lit(idem.keyHash)};`
				: '';
			const read = (await c.query(
				`BEGIN; ${claim}
				 SELECT sealed_secret, last_step, failures, recent_failures, last_failure_at, locked_at
				 FROM trainees WHERE id = ${lit(input.traineeId)} AND sealed_secret IS NOT NULL FOR UPDATE;
				 SELECT last_id, hash FROM audit_head WHERE singleton = 1 FOR UPDATE`
			)) as unknown as pg.QueryResult[];
			const at = idem ? 2 : 0;
			if (idem) {
				const earlier = read[2]!.rows[0] as { request_hash: string; reply: string | null } | undefined;
				// A reply is only ever committed together with its decision; NULL is this transaction's own placeholder.
				if (earlier && earlier.reply !== null) {
					await c.query('ROLLBACK');
					open = false;
					return { earlier: { requestHash: earlier.request_hash, reply: earlier.reply } };
				}
			}
			const row = read[1 + at]!.rows[0] as (StateRow & { sealed_secret: Buffer }) | undefined;
			if (!row) {
				await c.query('ROLLBACK');
				open = false;
				return 'not-enrolled';
			}
			const { next, lastResult, audit, value } = decide(toVerifyState(row), new Uint8Array(row.sealed_secret));
			const chained = this.#chain(
				headOf(read[2 + at]!.rows[0] as { last_id: string; hash: string } | undefined),
				audit.map((a) => ({ at: input.now, actor, action: a.action, traineeId: input.traineeId, result: a.result }))
			);
			await c.query(
				`UPDATE trainees SET last_step = ${lit(next.lastStep)}, failures = ${lit(next.failures)},
				 recent_failures = ${lit(JSON.stringify(next.recentFailures))}, last_failure_at = ${lit(next.lastFailureAt)},
				 locked_at = ${next.locked ? `COALESCE(locked_at, ${lit(input.now)})` : 'NULL'},
				 last_verified_at = ${lit(input.now)}, last_result = ${lit(lastResult)}, updated_at = ${lit(input.now)}
				 WHERE id = ${lit(input.traineeId)};
				 ${
						chained.rows.length === 0
							? ''
							: `INSERT INTO audit_log (id, at, actor, ip, action, trainee_id, result, prev_hash, hash) OVERRIDING SYSTEM VALUE VALUES
				 ${chained.rows.map((r) => `(${[r.id, r.at, r.actor, r.ip, r.action, r.traineeId, r.result, r.prevHash, r.hash].map(lit).join(', ')})`).join(', ')};
				 UPDATE audit_head SET last_id = ${lit(chained.head.lastId)}, hash = ${lit(chained.head.hash)}, seal = ${lit(chained.head.seal)} WHERE singleton = 1;`
					}
				 ${idem ? `UPDATE idempotency_keys SET reply = ${lit(idem.reply(value))} WHERE key_hash = ${lit(idem.keyHash)};` : ''}
				 COMMIT`
			);
			open = false;
			return { value };
		} catch (error) {
			if (open) await c.query('ROLLBACK').catch(() => {});
			throw error;
		} finally {
			c.release();
		}
	}

	async findIdempotent(keyHash: string, now: number): Promise<IdempotentRecord | null> {
		const { rows } = await this.#pool.query<{ request_hash: string; reply: string }>(
			'SELECT request_hash, reply FROM idempotency_keys WHERE key_hash = $1 AND expires_at > $2 AND reply IS NOT NULL',
			[keyHash, now]
		);
		return rows[0] ? { requestHash: rows[0].request_hash, reply: rows[0].reply } : null;
	}

	async purgeIdempotency(now: number): Promise<number> {
		const r = await this.#pool.query('DELETE FROM idempotency_keys WHERE expires_at <= $1', [now]);
		return r.rowCount ?? 0;
	}

	async unlock(traineeId: string, now: number, actor: Actor): Promise<TraineeRecord | null> {
		const found = await this.#tx(async (c) => {
			const r = await c.query(
				"UPDATE trainees SET failures = 0, recent_failures = '[]', last_failure_at = NULL, locked_at = NULL, updated_at = $1 WHERE id = $2",
				[now, traineeId]
			);
			if (r.rowCount === 0) return false;
			await this.#audit(c, { at: now, actor, action: 'unlock', traineeId, result: 'ok' });
			return true;
		});
		return found ? this.getTrainee(traineeId, now) : null;
	}

	async revoke(traineeId: string, now: number, actor: Actor): Promise<TraineeRecord | null> {
		const found = await this.#tx(async (c) => {
			const r = await c.query(
				`UPDATE trainees SET sealed_secret = NULL, enrolled_at = NULL, failures = 0, recent_failures = '[]',
				 last_failure_at = NULL, locked_at = NULL, revoked_at = $1, updated_at = $1 WHERE id = $2`,
				[now, traineeId]
			);
			if (r.rowCount === 0) return false;
			await c.query(
				'UPDATE enrollments SET superseded_at = $1 WHERE trainee_id = $2 AND redeemed_at IS NULL AND superseded_at IS NULL',
				[now, traineeId]
			);
			await this.#audit(c, { at: now, actor, action: 'revoke', traineeId, result: 'ok' });
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
		await this.#tx((c) => this.#audit(c, entry));
	}

	async listAudit(query: { limit: number; before?: number; traineeId?: string }): Promise<AuditEntry[]> {
		const { rows } = await this.#pool.query<AuditRow>(
			`SELECT * FROM audit_log WHERE id < $1 AND ($2::text IS NULL OR trainee_id = $2) ORDER BY id DESC LIMIT $3`,
			[query.before ?? Number.MAX_SAFE_INTEGER, query.traineeId ?? null, query.limit]
		);
		return rows.map(toAudit);
	}

	async readAuditChain(query: AuditChainQuery): Promise<ChainedAuditEntry[]> {
		const { rows } = await this.#pool.query<AuditRow>(
			`SELECT * FROM audit_log WHERE id > $1 AND ($3::bigint IS NULL OR at >= $3) AND ($4::bigint IS NULL OR at < $4)
			 AND ($5::text IS NULL OR trainee_id = $5) AND ($6::text IS NULL OR action = $6) ORDER BY id LIMIT $2`,
			[query.afterId, query.limit, query.from ?? null, query.to ?? null, query.traineeId ?? null, query.action ?? null]
		);
		return rows.map(toChainedAudit);
	}

	async getAuditAnchor(): Promise<AuditAnchor | null> {
		const { rows } = await this.#pool.query<AnchorRow>('SELECT * FROM audit_anchor WHERE singleton = 1');
		return rows[0] ? toAnchor(rows[0]) : null;
	}

	async pruneAudit(input: { before: number; now: number }, actor: Actor): Promise<number> {
		return this.#tx(async (c) => {
			// The head's lock first: no row is appended while the prefix is cut and the anchor moved.
			const head = await headRow(c, true);
			if (head.lastId === 0) return 0;
			// Only a prefix of the chain, and only rows older than the cut-off (see SqliteStore).
			const young = await c.query<{ id: string | null }>('SELECT MIN(id) AS id FROM audit_log WHERE at >= $1', [input.before]);
			const cut = Math.min(young.rows[0]?.id == null ? Number.MAX_SAFE_INTEGER : num(young.rows[0].id), head.lastId);
			const kept = (await c.query<{ id: string; prev_hash: string }>('SELECT id, prev_hash FROM audit_log WHERE id >= $1 ORDER BY id LIMIT 1', [cut])).rows[0];
			if (!kept) return 0;
			const firstId = num(kept.id);
			const deleted = (await c.query('DELETE FROM audit_log WHERE id < $1', [firstId])).rowCount ?? 0;
			if (deleted === 0) return 0;
			await c.query(
				`INSERT INTO audit_anchor (singleton, first_id, prev_hash, pruned_at, before_at, seal) VALUES (1, $1, $2, $3, $4, $5)
				 ON CONFLICT (singleton) DO UPDATE SET first_id = excluded.first_id, prev_hash = excluded.prev_hash,
				 pruned_at = excluded.pruned_at, before_at = excluded.before_at, seal = excluded.seal`,
				[firstId, kept.prev_hash, input.now, input.before, sealAuditAnchor(this.#seal, firstId, kept.prev_hash)]
			);
			await this.#appendChained(c, { lastId: head.lastId, hash: head.hash }, [
				{ at: input.now, actor, action: 'audit.prune', traineeId: null, result: `deleted:${deleted}` }
			]);
			return deleted;
		});
	}

	async getAuditHead(): Promise<AuditHead> {
		const { rows } = await this.#pool.query<{ last_id: string; hash: string; seal: string }>(
			'SELECT last_id, hash, seal FROM audit_head WHERE singleton = 1'
		);
		const row = rows[0];
		return row ? { lastId: num(row.last_id), hash: row.hash, seal: row.seal } : { lastId: 0, hash: GENESIS_HASH, seal: '' };
	}

	async countLookupMiss(kind: LookupMissKind, now: number): Promise<void> {
		await this.#pool.query(
			`INSERT INTO lookup_misses (hour_start, kind, count) VALUES ($1, $2, 1)
			 ON CONFLICT (hour_start, kind) DO UPDATE SET count = lookup_misses.count + 1`,
			[hourStart(now), kind]
		);
	}

	async lookupMisses(since: number): Promise<Record<LookupMissKind, number>> {
		const { rows } = await this.#pool.query<{ kind: LookupMissKind; n: string }>(
			'SELECT kind, SUM(count) AS n FROM lookup_misses WHERE hour_start >= $1 GROUP BY kind',
			[hourStart(since)]
		);
		return missCounts(rows);
	}

	async createSession(idHash: string, now: number, expiresAt: number, keyHash: string): Promise<void> {
		await this.#pool.query('INSERT INTO sessions (id_hash, created_at, expires_at, key_hash) VALUES ($1, $2, $3, $4)', [
			idHash,
			now,
			expiresAt,
			keyHash
		]);
	}

	async hasSession(idHash: string, now: number, keyHash: string): Promise<boolean> {
		const { rowCount } = await this.#pool.query('SELECT 1 FROM sessions WHERE id_hash = $1 AND expires_at > $2 AND key_hash = $3', [
			idHash,
			now,
			keyHash
		]);
		return (rowCount ?? 0) > 0;
	}

	async deleteSession(idHash: string, now: number): Promise<void> {
		await this.#pool.query('DELETE FROM sessions WHERE id_hash = $1 OR expires_at <= $2', [idHash, now]);
	}

	async createClient(client: NewLmsClient, actor: Actor): Promise<void> {
		try {
			await this.#tx(async (c) => {
				await c.query('INSERT INTO lms_clients (id, name, return_prefixes, sealed_secret, created_at) VALUES ($1, $2, $3, $4, $5)', [
					client.id,
					client.name,
					JSON.stringify(client.returnPrefixes),
					Buffer.from(client.sealedSecret),
					client.now
				]);
				await this.#audit(c, { at: client.now, actor, action: 'client.create', traineeId: null, result: `ok:${client.id}` });
			});
		} catch (error) {
			if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw new StoreError('UNIQUE_VIOLATION', 'client id collision', { cause: error });
			throw error;
		}
	}

	async getClient(id: string): Promise<LmsClientRecord | null> {
		const { rows } = await this.#pool.query<ClientRow>('SELECT * FROM lms_clients WHERE id = $1', [id]);
		return rows[0] ? toClient(rows[0]) : null;
	}

	async deleteClient(id: string, now: number, actor: Actor): Promise<boolean> {
		return this.#tx(async (c) => {
			const r = await c.query('DELETE FROM lms_clients WHERE id = $1', [id]);
			if (r.rowCount === 0) return false;
			await this.#audit(c, { at: now, actor, action: 'client.delete', traineeId: null, result: `ok:${id}` });
			return true;
		});
	}

	async listClients(): Promise<Omit<LmsClientRecord, 'sealedSecret'>[]> {
		const { rows } = await this.#pool.query<ClientRow>('SELECT * FROM lms_clients ORDER BY created_at, id COLLATE "C"');
		return rows.map((r) => {
			const { sealedSecret: _, ...rest } = toClient(r);
			return rest;
		});
	}

	async close(): Promise<void> {
		await this.#pool.end();
	}

	/**
	 * Appends one chained audit row and moves the sealed head, inside the caller's transaction. The
	 * head row's lock (`FOR UPDATE`) serialises appends across processes, so the chain has one
	 * order; it is always the last lock a transaction takes (trainee, then enrollment, then head),
	 * so it cannot deadlock with the others, and it is held only until the commit that follows.
	 */
	async #audit(c: pg.PoolClient, entry: NewAuditEntry): Promise<void> {
		await this.#appendChained(c, await headRow(c, true), [entry]);
	}

	/**
	 * Appends `entries` after `head` (read under its lock by the caller) and moves the head, in one
	 * statement: the rows' hashes and the head's seal are computed here, so one round trip does it.
	 */
	async #appendChained(c: pg.PoolClient, head: { lastId: number; hash: string }, entries: readonly NewAuditEntry[]): Promise<void> {
		if (entries.length === 0) return;
		const chained = this.#chain(head, entries);
		const values: unknown[] = [];
		const tuples = chained.rows.map((r) => {
			const n = values.length;
			values.push(r.id, r.at, r.actor, r.ip, r.action, r.traineeId, r.result, r.prevHash, r.hash);
			return `($${n + 1}::bigint, $${n + 2}::bigint, $${n + 3}, $${n + 4}, $${n + 5}, $${n + 6}, $${n + 7}, $${n + 8}, $${n + 9})`;
		});
		const n = values.length;
		values.push(chained.head.lastId, chained.head.hash, chained.head.seal);
		await c.query({
			name: `motp-audit-append-${entries.length}`,
			text: `WITH appended AS (
				INSERT INTO audit_log (id, at, actor, ip, action, trainee_id, result, prev_hash, hash)
				 OVERRIDING SYSTEM VALUE VALUES ${tuples.join(', ')} RETURNING 1
			 ) INSERT INTO audit_head (singleton, last_id, hash, seal) VALUES (1, $${n + 1}, $${n + 2}, $${n + 3})
			 ON CONFLICT (singleton) DO UPDATE SET last_id = excluded.last_id, hash = excluded.hash, seal = excluded.seal`,
			values
		});
	}

	/** The rows `entries` become after `head`, with their chain hashes, and the new sealed head. */
	#chain(head: { lastId: number; hash: string }, entries: readonly NewAuditEntry[]) {
		let { lastId, hash } = head;
		const rows = entries.map((e) => {
			const row = { id: lastId + 1, at: e.at, actor: e.actor.kind, ip: e.actor.ip, action: e.action, traineeId: e.traineeId, result: e.result };
			const next = auditRowHash(row, hash);
			const chained = { ...row, prevHash: hash, hash: next };
			[lastId, hash] = [row.id, next];
			return chained;
		});
		return { rows, head: { lastId, hash, seal: this.#seal(lastId, hash) } };
	}

	async #writeHead(c: pg.PoolClient, lastId: number, hash: string): Promise<void> {
		await c.query(
			`INSERT INTO audit_head (singleton, last_id, hash, seal) VALUES (1, $1, $2, $3)
			 ON CONFLICT (singleton) DO UPDATE SET last_id = excluded.last_id, hash = excluded.hash, seal = excluded.seal`,
			[lastId, hash, this.#seal(lastId, hash)]
		);
	}

	/** Chains the rows written before the chain existed (schema v1), oldest first, and seals the head. */
	async #chainUnchained(c: pg.PoolClient): Promise<void> {
		const { rows } = await c.query<AuditRow>('SELECT * FROM audit_log WHERE hash IS NULL ORDER BY id');
		const head = await headRow(c, true);
		let { lastId, hash } = head;
		for (const row of rows) {
			const entry = toAudit(row);
			const next = auditRowHash(entry, hash);
			await c.query('UPDATE audit_log SET prev_hash = $1, hash = $2 WHERE id = $3', [hash, next, entry.id]);
			[lastId, hash] = [entry.id, next];
		}
		if (rows.length > 0 || !head.stored) await this.#writeHead(c, lastId, hash);
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

/** The audit head as stored (locked when `forUpdate`), or the genesis head of an empty chain. */
async function headRow(c: pg.PoolClient, forUpdate: boolean): Promise<{ lastId: number; hash: string; stored: boolean }> {
	const { rows } = await c.query<{ last_id: string; hash: string }>(
		`SELECT last_id, hash FROM audit_head WHERE singleton = 1${forUpdate ? ' FOR UPDATE' : ''}`
	);
	const row = rows[0];
	return row ? { lastId: num(row.last_id), hash: row.hash, stored: true } : { lastId: 0, hash: GENESIS_HASH, stored: false };
}

/** The head from a `SELECT last_id, hash FROM audit_head` row (always there after `migrate`). */
function headOf(row: { last_id: string; hash: string } | undefined): { lastId: number; hash: string } {
	if (!row) throw new Error('the audit head is missing (was the database migrated?)');
	return { lastId: num(row.last_id), hash: row.hash };
}

/**
 * A value as an SQL literal, for the two simple-protocol messages of a verification: integers
 * checked to be safe integers, booleans and null as keywords, text through the driver's own
 * `escapeLiteral` (quotes doubled, backslashes as an `E''` string), anything else refused. The
 * values are the service's own (times, counters, hashes, fixed words) or validated (the trainee id);
 * the one that comes from a client is the caller's address, which the escaping makes inert.
 */
export function literal(c: Pick<pg.ClientBase, 'escapeLiteral'>, value: unknown): string {
	if (value === null || value === undefined) return 'NULL';
	if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
	if (typeof value === 'number') {
		if (!Number.isSafeInteger(value)) throw new TypeError(`not a safe integer for SQL: ${value}`);
		return String(value);
	}
	if (typeof value === 'string') {
		if (value.includes('\0')) throw new TypeError('text for SQL must not contain NUL');
		return c.escapeLiteral(value);
	}
	throw new TypeError(`no SQL literal for a ${typeof value}`);
}
