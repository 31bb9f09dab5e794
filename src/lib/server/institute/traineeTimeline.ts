import type { AuditEntry, TraineeRecord } from '../store/Store';
import type { Services } from './Services';

/** One event of a trainee's timeline: what happened, its result, when, and who did it. */
export interface TimelineEvent {
	id: number;
	at: number;
	action: AuditEntry['action'];
	result: string;
	/** Who: the institute's API (its backend), the console, or the trainee's app; with the address. */
	actor: AuditEntry['actor'];
	ip: string | null;
}

/** A page of {@link traineeTimeline}. */
export interface TraineeTimeline {
	trainee: TraineeRecord;
	events: TimelineEvent[];
	/** The id to pass as `after` for the next page, or `null` at the end. */
	next: number | null;
}

/**
 * A trainee's history, oldest first, from the audit log (issue 16): enrollments issued and
 * redeemed, every verification with its result, locks, unlocks and revokes, each with its actor.
 * It is the audit log itself, not a second record, so it cannot disagree with the export.
 * @returns `null` when the trainee is unknown
 */
export async function traineeTimeline(services: Services, traineeId: string, page: { after?: number; limit: number }): Promise<TraineeTimeline | null> {
	const trainee = await services.store.getTrainee(traineeId, services.now());
	if (!trainee) return null;
	const rows = await services.store.readAuditChain({ afterId: page.after ?? 0, limit: page.limit, traineeId });
	return {
		trainee,
		events: rows.map((r) => ({ id: r.id, at: r.at, action: r.action, result: r.result, actor: r.actor, ip: r.ip })),
		next: rows.length === page.limit ? rows.at(-1)!.id : null
	};
}
