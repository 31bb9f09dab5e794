import { attemptsLeft, failuresInWindow } from '../institute/applyVerification';
import type { Services } from '../institute/Services';
import type { TraineeRecord } from '../store/Store';
import { formatPhone } from '../validate/phone';

/** A trainee as the API shows it. Times are ISO 8601 strings (UTC), `null` when not applicable. */
export interface TraineeJson {
	traineeId: string;
	name: string;
	phone: string;
	status: TraineeRecord['status'];
	/** Failures in a row since the last success, unlock or enrollment. */
	failures: number;
	/** Failures inside the lockout window (30 days by default), which no success clears. */
	failuresInWindow: number;
	/** When the newest failure happened. */
	lastFailureAt: string | null;
	attemptsLeft: number;
	enrolledAt: string | null;
	lockedAt: string | null;
	revokedAt: string | null;
	lastVerifiedAt: string | null;
	lastResult: string | null;
	pendingExpiresAt: string | null;
	createdAt: string;
}

/** Maps a stored trainee to its JSON form, counting the window at the services' `now`. */
export function traineeJson(t: TraineeRecord, services: Pick<Services, 'config' | 'now'>): TraineeJson {
	const inWindow = failuresInWindow(t, services.now(), services.config.lockout).length;
	return {
		traineeId: t.id,
		name: t.name,
		phone: formatPhone(t.phoneDigits),
		status: t.status,
		failures: t.failures,
		failuresInWindow: inWindow,
		lastFailureAt: iso(t.lastFailureAt),
		attemptsLeft: t.status === 'locked' ? 0 : attemptsLeft(t.failures, inWindow, services.config.lockout),
		enrolledAt: iso(t.enrolledAt),
		lockedAt: iso(t.lockedAt),
		revokedAt: iso(t.revokedAt),
		lastVerifiedAt: iso(t.lastVerifiedAt),
		lastResult: t.lastResult,
		pendingExpiresAt: iso(t.pendingExpiresAt),
		createdAt: new Date(t.createdAt).toISOString()
	};
}

/** ISO 8601 or `null`. */
export function iso(ms: number | null): string | null {
	return ms === null ? null : new Date(ms).toISOString();
}
