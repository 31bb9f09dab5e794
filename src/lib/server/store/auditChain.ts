import { createHash, createHmac } from 'node:crypto';
import type { AuditEntry } from './Store';

/**
 * The audit log's hash chain (issue 12; docs/decisions-server.md, "Audit log: a hash chain").
 *
 * Each row stores `prev_hash` (the previous row's `hash`) and `hash = SHA-256(canonical row)`,
 * where the canonical row is the JSON array `[version, id, at, actor, ip, action, traineeId,
 * result, prevHash]`. Anyone holding an export can recompute the chain with no secret: an edited
 * row no longer matches its hash, a deleted row breaks the next row's link. What a plain chain
 * cannot show — the newest rows cut off, or the whole chain recomputed by someone who can write the
 * database — the head shows: `audit_head` holds the newest id and hash with an HMAC seal under a
 * key derived from the master key, which is kept outside the data directory.
 */

/** The `prev_hash` of the first row. */
export const GENESIS_HASH = '0'.repeat(64);

/** Bumped if the canonical form ever changes; part of every hash, so old and new rows stay checkable. */
const CHAIN_VERSION = 1;

/** The chain hash of one row, hex. */
export function auditRowHash(row: Omit<AuditEntry, 'id'> & { id: number }, prevHash: string): string {
	const canonical = JSON.stringify([CHAIN_VERSION, row.id, row.at, row.actor, row.ip, row.action, row.traineeId, row.result, prevHash]);
	return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** Seals the chain's head (newest id and hash) under the audit key; see {@link AuditSealer}. */
export type AuditSealer = (lastId: number, hash: string) => string;

/** An {@link AuditSealer} from a 32-byte key: HMAC-SHA-256 over `motp-web/audit-head/v1 ‖ id ‖ hash`. */
export function auditSealer(key: Uint8Array): AuditSealer {
	if (key.length < 32) throw new RangeError('the audit key must be at least 32 bytes');
	const k = Buffer.from(key);
	return (lastId, hash) => createHmac('sha256', k).update(`motp-web/audit-head/v1\n${lastId}\n${hash}`).digest('hex');
}

/**
 * The seal of a retention anchor (docs/decisions-server.md, "Audit retention"): the same key as the
 * head, but over `anchor/<prevHash>` in the hash's place, so no head seal (always over a hex hash)
 * can ever pass for an anchor's, nor an anchor's for a head's.
 */
export function sealAuditAnchor(seal: AuditSealer, firstId: number, prevHash: string): string {
	return seal(firstId, `anchor/${prevHash}`);
}
