import { constantTimeEqual } from '../crypto/constantTimeEqual';
import type { AuditAnchor, AuditEntry, ChainedAuditEntry, EnrollmentRecord, LmsClientRecord, LookupMissKind, RepeatRedeemInput, TraineeRecord, TraineeStatus, VerifyState } from './Store';

/**
 * Row → record mapping shared by both stores. PostgreSQL returns BIGINT as a string (it may
 * exceed 2^53); every value stored here is a millisecond time or a small counter, well inside.
 */

/** A raw `trainees` row plus the `pending_expires_at` subquery column. */
export interface TraineeRow {
	id: string;
	name: string;
	phone_digits: string;
	has_secret: unknown;
	failures: unknown;
	recent_failures: string;
	last_failure_at: unknown;
	enrolled_at: unknown;
	locked_at: unknown;
	revoked_at: unknown;
	last_verified_at: unknown;
	last_result: string | null;
	created_at: unknown;
	pending_expires_at: unknown;
}

/** A raw `enrollments` row. */
export interface EnrollmentRow {
	id: string;
	trainee_id: string;
	name: string;
	phone_digits: string;
	created_at: unknown;
	expires_at: unknown;
	redeemed_at: unknown;
	superseded_at: unknown;
}

/** A raw `audit_log` row. */
export interface AuditRow {
	id: unknown;
	at: unknown;
	actor: string;
	ip: string | null;
	action: string;
	trainee_id: string | null;
	result: string;
	prev_hash?: string | null;
	hash?: string | null;
}

/** The verification columns of a `trainees` row. */
export interface StateRow {
	last_step: unknown;
	failures: unknown;
	recent_failures: string;
	last_failure_at: unknown;
	locked_at: unknown;
}

/** A number column (SQLite number or bigint, PostgreSQL string). */
export function num(value: unknown): number {
	const n = typeof value === 'number' ? value : Number(value);
	if (!Number.isSafeInteger(n)) throw new TypeError(`not a safe integer column value: ${String(value)}`);
	return n;
}

/** A nullable number column. */
export function numOrNull(value: unknown): number | null {
	return value === null || value === undefined ? null : num(value);
}

/** The SELECT list that yields a {@link TraineeRow}; `$now` is the pending-expiry threshold. */
export function traineeColumns(nowParam: string): string {
	return `t.id, t.name, t.phone_digits, (t.sealed_secret IS NOT NULL) AS has_secret, t.failures,
		t.recent_failures, t.last_failure_at, t.enrolled_at, t.locked_at, t.revoked_at, t.last_verified_at, t.last_result, t.created_at,
		(SELECT MAX(e.expires_at) FROM enrollments e WHERE e.trainee_id = t.id AND e.redeemed_at IS NULL
			AND e.superseded_at IS NULL AND e.expires_at > ${nowParam}) AS pending_expires_at`;
}

/** Maps a trainee row, deriving its status. */
export function toTrainee(row: TraineeRow): TraineeRecord {
	const hasSecret = bool(row.has_secret);
	const lockedAt = numOrNull(row.locked_at);
	const revokedAt = numOrNull(row.revoked_at);
	const pendingExpiresAt = numOrNull(row.pending_expires_at);
	let status: TraineeStatus = 'none';
	if (hasSecret) status = lockedAt !== null ? 'locked' : 'enrolled';
	else if (pendingExpiresAt !== null) status = 'pending';
	else if (revokedAt !== null) status = 'revoked';
	return {
		id: row.id,
		name: row.name,
		phoneDigits: row.phone_digits,
		status,
		failures: num(row.failures),
		recentFailures: failureTimes(row.recent_failures),
		lastFailureAt: numOrNull(row.last_failure_at),
		enrolledAt: hasSecret ? numOrNull(row.enrolled_at) : null,
		lockedAt,
		revokedAt,
		lastVerifiedAt: numOrNull(row.last_verified_at),
		lastResult: row.last_result,
		pendingExpiresAt,
		createdAt: num(row.created_at)
	};
}

/** Whether a boolean column is true (SQLite 0/1 or bigint, PostgreSQL boolean). */
export function bool(value: unknown): boolean {
	return value === true || value === 1 || value === 1n;
}

/** The verification state stored in a trainee row. */
export function toVerifyState(row: StateRow): VerifyState {
	return {
		lastStep: numOrNull(row.last_step),
		failures: num(row.failures),
		recentFailures: failureTimes(row.recent_failures),
		lastFailureAt: numOrNull(row.last_failure_at),
		locked: row.locked_at !== null
	};
}

/**
 * The `recent_failures` column: a JSON array of ms times. Anything else (a hand-edited row) is a
 * store error, not an empty list: reading it as "no failures" would hand a guesser a fresh window.
 */
export function failureTimes(text: string): number[] {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (cause) {
		throw new TypeError('recent_failures is not JSON', { cause });
	}
	if (!Array.isArray(parsed) || !parsed.every((t) => Number.isSafeInteger(t))) throw new TypeError('recent_failures is not a list of times');
	return parsed as number[];
}

/** Maps an audit row with its chain columns. */
export function toChainedAudit(row: AuditRow): ChainedAuditEntry {
	return { ...toAudit(row), prevHash: row.prev_hash ?? '', hash: row.hash ?? '' };
}

/** Maps an enrollment row. */
export function toEnrollment(row: EnrollmentRow): EnrollmentRecord {
	return {
		id: row.id,
		traineeId: row.trainee_id,
		name: row.name,
		phoneDigits: row.phone_digits,
		createdAt: num(row.created_at),
		expiresAt: num(row.expires_at),
		redeemedAt: numOrNull(row.redeemed_at),
		supersededAt: numOrNull(row.superseded_at)
	};
}

/** Maps an audit row. */
export function toAudit(row: AuditRow): AuditEntry {
	return {
		id: num(row.id),
		at: num(row.at),
		actor: row.actor as AuditEntry['actor'],
		ip: row.ip,
		action: row.action as AuditEntry['action'],
		traineeId: row.trainee_id,
		result: row.result
	};
}

/** Why an enrollment cannot be redeemed at `now`, or `null` when it can. */
export function enrollmentRefusal(e: EnrollmentRecord, now: number): 'used' | 'superseded' | 'expired' | null {
	if (e.redeemedAt !== null) return 'used';
	if (e.supersededAt !== null) return 'superseded';
	if (e.expiresAt <= now) return 'expired';
	return null;
}

/** The start of the UTC hour that holds `now`. */
export function hourStart(now: number): number {
	return now - (now % 3_600_000);
}

/** Miss counts per kind, zero where none were counted. */
export function missCounts(rows: { kind: LookupMissKind; n: unknown }[]): Record<LookupMissKind, number> {
	const counts: Record<LookupMissKind, number> = { 'enroll.preview': 0, 'enroll.redeem': 0 };
	for (const r of rows) if (r.kind in counts) counts[r.kind] = num(r.n);
	return counts;
}

/** What `repeatRedeem` reads: the enrollment's redeem and its trainee's current credential. */
export interface RepeatRow {
	trainee_id: string;
	redeemed_at: unknown;
	retry_key_hash: string | null;
	redeemed_generation: unknown;
	generation: unknown;
	sealed_secret: Uint8Array | null;
}

/**
 * The sealed secret to answer a repeated redeem with, or `null`: redeemed with this retry key,
 * within the window, and the secret it installed is still the trainee's.
 */
export function repeatable(row: RepeatRow, input: RepeatRedeemInput): Uint8Array | null {
	const redeemedAt = numOrNull(row.redeemed_at);
	if (redeemedAt === null || row.retry_key_hash === null || row.sealed_secret === null) return null;
	if (input.now - redeemedAt > input.windowMs || input.now < redeemedAt) return null;
	if (numOrNull(row.redeemed_generation) !== num(row.generation)) return null;
	if (!constantTimeEqual(row.retry_key_hash, input.retryKeyHash)) return null;
	return new Uint8Array(row.sealed_secret);
}

/** A raw `lms_clients` row. */
export interface ClientRow {
	id: string;
	name: string;
	return_prefixes: string;
	sealed_secret: Uint8Array;
	created_at: unknown;
}

export function toClient(row: ClientRow): LmsClientRecord {
	return {
		id: row.id,
		name: row.name,
		returnPrefixes: JSON.parse(row.return_prefixes) as string[],
		sealedSecret: new Uint8Array(row.sealed_secret),
		createdAt: num(row.created_at)
	};
}

/** A raw `audit_anchor` row. */
export interface AnchorRow {
	first_id: unknown;
	prev_hash: string;
	pruned_at: unknown;
	before_at: unknown;
	seal: string;
}

/** Maps the anchor row. */
export function toAnchor(row: AnchorRow): AuditAnchor {
	return { firstId: num(row.first_id), prevHash: row.prev_hash, prunedAt: num(row.pruned_at), before: num(row.before_at), seal: row.seal };
}
