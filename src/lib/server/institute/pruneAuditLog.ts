import type { Actor } from '../store/Store';
import { checkAuditChain } from './checkAuditChain';
import type { Services } from './Services';

const DAY_MS = 86_400_000;

/** The service itself, on its retention timer. */
export const SYSTEM_ACTOR: Actor = { kind: 'system', ip: null };

/**
 * Applies the audit retention rule (docs/decisions-server.md, "Audit retention"): deletes the rows
 * older than `retentionDays`, a prefix of the chain, and moves the sealed anchor to the first kept
 * row (Store `pruneAudit`). Refuses when the chain does not check out first: rows that show
 * tampering are evidence, and a prune must never be the way they disappear.
 * @returns how many rows were deleted
 * @throws Error when the chain is not intact (nothing is deleted)
 */
export async function pruneAuditLog(services: Services, options: { retentionDays: number; actor?: Actor }): Promise<number> {
	const report = await checkAuditChain(services);
	if (!report.intact) {
		throw new Error(`the audit chain is not intact (entry #${report.firstBreak.id}: ${report.firstBreak.reason}); nothing was pruned`);
	}
	const now = services.now();
	return services.store.pruneAudit({ before: now - options.retentionDays * DAY_MS, now }, options.actor ?? SYSTEM_ACTOR);
}
