/**
 * When the institute side locks a trainee (docs/decisions-server.md, "Lockout policy"). Both limits
 * apply at once; configuration (`MOTP_LOCK_CONSECUTIVE`, `MOTP_LOCK_WINDOW_FAILURES`,
 * `MOTP_LOCK_WINDOW_DAYS`) may change the numbers, not the rule.
 */
export interface LockoutPolicy {
	/** Failures in a row, with no success between, that lock (the seeds' rule: 5). */
	consecutiveFailures: number;
	/** Failures within any {@link windowMs}, whatever successes came between, that lock. */
	windowFailures: number;
	/** The length of that window, in ms. */
	windowMs: number;
}

/** 5 in a row (seeds 001, 003), and 10 within any 30 days (issue 12). */
export const DEFAULT_LOCKOUT: Readonly<LockoutPolicy> = Object.freeze({
	consecutiveFailures: 5,
	windowFailures: 10,
	windowMs: 30 * 86_400_000
});
