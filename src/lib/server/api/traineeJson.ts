import { MAX_FAILURES } from '../institute/applyVerification';
import type { TraineeRecord } from '../store/Store';
import { formatPhone } from '../validate/phone';

/** A trainee as the API shows it. Times are ISO 8601 strings (UTC), `null` when not applicable. */
export interface TraineeJson {
	traineeId: string;
	name: string;
	phone: string;
	status: TraineeRecord['status'];
	failures: number;
	attemptsLeft: number;
	enrolledAt: string | null;
	lockedAt: string | null;
	revokedAt: string | null;
	lastVerifiedAt: string | null;
	lastResult: string | null;
	pendingExpiresAt: string | null;
	createdAt: string;
}

/** Maps a stored trainee to its JSON form. */
export function traineeJson(t: TraineeRecord): TraineeJson {
	return {
		traineeId: t.id,
		name: t.name,
		phone: formatPhone(t.phoneDigits),
		status: t.status,
		failures: t.failures,
		attemptsLeft: t.status === 'locked' ? 0 : Math.max(0, MAX_FAILURES - t.failures),
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
