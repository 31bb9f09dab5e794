import { timingSafeEqual } from 'node:crypto';

/** Consecutive failures (invalid or replayed codes) that lock a trainee (seeds 001, 003). */
export const MAX_FAILURES = 5;

/** One window position: a time step and the code the trainee's secret gives for it. */
export interface Candidate {
	step: number;
	code: string;
}

/** The submitted code and the codes it may match (current step and one either side). */
export interface VerifyAttempt {
	candidates: readonly Candidate[];
	code: string;
}

/** The per-trainee state verification reads and writes. */
export interface VerifyState {
	/** The newest step ever accepted; a step at or below it is a replay. */
	lastStep: number | null;
	/** Consecutive failures so far. */
	failures: number;
	locked: boolean;
}

/** What `POST /api/v1/verify` answers (plus `not-enrolled`, decided before this point). */
export type VerifyOutcome =
	| { result: 'accepted'; step: number }
	| { result: 'rejected'; reason: 'invalid' | 'replayed'; attemptsLeft: number }
	| { result: 'locked' };

/**
 * The verification rules, as a pure function so both stores apply exactly the same ones inside
 * their transactions:
 * - while locked, everything is `locked` and nothing is counted;
 * - a code matching a step newer than `lastStep` is accepted, moves `lastStep` there and clears
 *   the failures (RFC 6238 §5.2: "the verifier MUST NOT accept the second attempt of the OTP
 *   after the successful validation has been issued for the first OTP");
 * - a code matching only used steps is `replayed`, anything else `invalid`; both count, and
 *   the {@link MAX_FAILURES}th failure locks and already answers `locked`: the answer reports
 *   the state the trainee is in after the attempt, which is what the institute's form must show
 *   (seed 001: after 5 wrong codes, phone re-verification is required).
 */
export function applyVerification(state: VerifyState, attempt: VerifyAttempt): { outcome: VerifyOutcome; next: VerifyState } {
	if (state.locked) return { outcome: { result: 'locked' }, next: state };

	const matched = matchingSteps(attempt);
	const fresh = matched.filter((step) => state.lastStep === null || step > state.lastStep);
	if (fresh.length > 0) {
		// Of several fresh matches (a 1-in-10^6 collision), take the oldest: it burns the fewest steps.
		const step = Math.min(...fresh);
		return { outcome: { result: 'accepted', step }, next: { lastStep: step, failures: 0, locked: false } };
	}

	const failures = state.failures + 1;
	const reason = matched.length > 0 ? 'replayed' : 'invalid';
	const locked = failures >= MAX_FAILURES;
	return {
		outcome: locked ? { result: 'locked' } : { result: 'rejected', reason, attemptsLeft: MAX_FAILURES - failures },
		next: { lastStep: state.lastStep, failures, locked }
	};
}

/**
 * Steps whose code equals the submitted one. Every candidate is compared, in constant time,
 * with no early exit, so the response time says nothing about which step (if any) matched.
 */
export function matchingSteps(attempt: VerifyAttempt): number[] {
	const submitted = Buffer.from(attempt.code, 'utf8');
	const matched: number[] = [];
	for (const candidate of attempt.candidates) {
		const expected = Buffer.from(candidate.code, 'utf8');
		// Lengths are public (always 6 digits); the guard only keeps timingSafeEqual from throwing.
		const same = expected.length === submitted.length && timingSafeEqual(expected, submitted);
		if (same) matched.push(candidate.step);
	}
	return matched;
}

/** The word stored as `last_result` and in the audit log: `accepted`, `rejected:invalid`, `locked`… */
export function outcomeWord(outcome: VerifyOutcome): string {
	return outcome.result === 'rejected' ? `rejected:${outcome.reason}` : outcome.result;
}
