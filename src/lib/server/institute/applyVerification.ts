import { matchingSteps, type WindowCode } from '$lib/otp/validate';
import type { AuditAction, VerifyState } from '../store/Store';
import { DEFAULT_LOCKOUT, type LockoutPolicy } from '../config/LockoutPolicy';

/** One window position: a time step and the code the trainee's secret gives for it. */
export type Candidate = WindowCode;

/** The submitted code, the codes it may match (current step and one either side), and when. */
export interface VerifyAttempt {
	candidates: readonly Candidate[];
	code: string;
	/** ms since the epoch: the failure window is measured from here. */
	now: number;
}

/** What `POST /api/v1/verify` answers (plus `not-enrolled`, decided before this point). */
export type VerifyOutcome =
	| {
			result: 'accepted';
			step: number;
			/** Failures since the last success (or unlock, or enrollment): "a wrong code was entered for your account". */
			failuresSinceLastSuccess: number;
			/** When the last of those failures happened; `null` when there were none. */
			lastFailureAt: number | null;
	  }
	| { result: 'rejected'; reason: 'invalid' | 'replayed'; attemptsLeft: number }
	| { result: 'locked' };

/** The new state, the audit rows that record the change, and the answer. */
export interface VerifyDecision {
	outcome: VerifyOutcome;
	next: VerifyState;
	/** In order: `verify` with the outcome word, then `lock` when this attempt locked the trainee. */
	audit: { action: AuditAction; result: string }[];
}

/**
 * The verification rules, one pure function (docs/decisions-server.md, "Verification rules"):
 *
 * - While locked, everything is `locked` and nothing is compared or counted.
 * - A code matching a step newer than `lastStep` is accepted and moves `lastStep` there (RFC 6238
 *   §5.2: "the verifier MUST NOT accept the second attempt of the OTP after the successful
 *   validation has been issued for the first OTP"). It ends the run of consecutive failures, and
 *   the answer says how many there were and when the last one was.
 * - A code matching only steps at or below `lastStep` is `replayed`: refused, and *not* counted
 *   (issue 12). It is the right code, already used: a double tap on 인증하기, an LMS retry, or a
 *   watcher replaying what they saw. A guesser gains nothing: a guess that matches no step is still
 *   a failure, and a guess that matches a used step is a code the guesser already knew.
 * - Anything else is `invalid` and counts twice over: in the run of consecutive failures, and in
 *   the failures of the last `windowMs`, which no success clears. The attempt that reaches either
 *   limit locks and already answers `locked`: the answer reports the state the trainee is in
 *   afterwards, which is what the institute's form must show (seed 001: after 5 wrong codes, phone
 *   re-verification is required).
 * - Only the institute's unlock or a new enrollment clears the counts (not this function).
 */
export function applyVerification(state: VerifyState, attempt: VerifyAttempt, policy: LockoutPolicy = DEFAULT_LOCKOUT): VerifyDecision {
	if (state.locked) return decided({ result: 'locked' }, state);

	const recent = failuresInWindow(state, attempt.now, policy);
	const matched = matchingSteps(attempt.candidates, attempt.code);
	const fresh = matched.filter((step) => state.lastStep === null || step > state.lastStep);
	if (fresh.length > 0) {
		// Of several fresh matches (a 1-in-10^6 collision), take the oldest: it burns the fewest steps.
		const step = Math.min(...fresh);
		const outcome: VerifyOutcome = {
			result: 'accepted',
			step,
			failuresSinceLastSuccess: state.failures,
			lastFailureAt: state.failures > 0 ? state.lastFailureAt : null
		};
		return decided(outcome, { ...state, lastStep: step, failures: 0, recentFailures: recent });
	}
	if (matched.length > 0) {
		return decided({ result: 'rejected', reason: 'replayed', attemptsLeft: attemptsLeft(state.failures, recent.length, policy) }, state);
	}

	const failures = state.failures + 1;
	const recentFailures = [...recent, attempt.now].slice(-policy.windowFailures);
	const locked = failures >= policy.consecutiveFailures || recentFailures.length >= policy.windowFailures;
	const next: VerifyState = { lastStep: state.lastStep, failures, recentFailures, lastFailureAt: attempt.now, locked };
	return decided(locked ? { result: 'locked' } : { result: 'rejected', reason: 'invalid', attemptsLeft: attemptsLeft(failures, recentFailures.length, policy) }, next, locked);
}

/** Failures a trainee may still make before the lock: the nearer of the two limits. */
export function attemptsLeft(consecutive: number, inWindow: number, policy: LockoutPolicy = DEFAULT_LOCKOUT): number {
	return Math.max(0, Math.min(policy.consecutiveFailures - consecutive, policy.windowFailures - inWindow));
}

/** The failure times still inside the window at `now`, oldest first. */
export function failuresInWindow(state: Pick<VerifyState, 'recentFailures'>, now: number, policy: LockoutPolicy = DEFAULT_LOCKOUT): number[] {
	return state.recentFailures.filter((at) => at > now - policy.windowMs && at <= now);
}

/** The word stored as `last_result` and in the audit log: `accepted`, `rejected:invalid`, `locked`… */
export function outcomeWord(outcome: VerifyOutcome): string {
	return outcome.result === 'rejected' ? `rejected:${outcome.reason}` : outcome.result;
}

function decided(outcome: VerifyOutcome, next: VerifyState, newlyLocked = false): VerifyDecision {
	const audit: VerifyDecision['audit'] = [{ action: 'verify', result: outcomeWord(outcome) }];
	if (newlyLocked) audit.push({ action: 'lock', result: 'ok' });
	return { outcome, next, audit };
}
