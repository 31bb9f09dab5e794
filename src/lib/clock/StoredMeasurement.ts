import { ClockError } from './ClockError';
import { MAX_PLAUSIBLE_TIME, MIN_PLAUSIBLE_TIME } from './parseTimeResponse';

/**
 * What the app persists between page loads (from `CorrectedClock`'s `onChange`). A reload
 * restarts `performance.now()`, so a stored offset can only be applied as `Date.now() + offsetMs`;
 * `offsetMs` is therefore the *currently effective* offset, already adjusted for any wall-clock
 * change noticed since the measurement (see `CorrectedClock`).
 */
export interface StoredMeasurement {
	/** True time minus device wall time (same sign as `OffsetEstimate.offsetMs`). */
	offsetMs: number;
	/** When the measurement was taken, in true time (ms since epoch). */
	measuredAt: number;
	rttMs: number;
	uncertaintyMs: number;
}

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Offsets beyond this are not a clock setting but corrupt data (two centuries). */
const MAX_ABS_OFFSET_MS = MAX_PLAUSIBLE_TIME - MIN_PLAUSIBLE_TIME;

/**
 * Validates a persisted measurement read back from storage, which is untrusted input.
 * Extra fields are dropped.
 * @throws ClockError `BAD_STORED_MEASUREMENT` when any field is missing, not finite or implausible.
 */
export function parseStoredMeasurement(value: unknown): StoredMeasurement {
	const bad = (why: string) => new ClockError('BAD_STORED_MEASUREMENT', `stored measurement: ${why}`);
	if (typeof value !== 'object' || value === null) throw bad('not an object');
	const { offsetMs, measuredAt, rttMs, uncertaintyMs } = value as Record<string, unknown>;
	if (!isFiniteNumber(offsetMs) || Math.abs(offsetMs) > MAX_ABS_OFFSET_MS) throw bad('offsetMs');
	if (!isFiniteNumber(measuredAt) || measuredAt < MIN_PLAUSIBLE_TIME || measuredAt > MAX_PLAUSIBLE_TIME) {
		throw bad('measuredAt');
	}
	if (!isFiniteNumber(rttMs) || rttMs < 0) throw bad('rttMs');
	if (!isFiniteNumber(uncertaintyMs) || uncertaintyMs < 0) throw bad('uncertaintyMs');
	return { offsetMs, measuredAt, rttMs, uncertaintyMs };
}
