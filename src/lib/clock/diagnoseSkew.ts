import { zoneOffsetMs } from './zoneOffsetMs';

/** Korea Standard Time is UTC+9 all year (no DST since 1988). */
export const KST_OFFSET_MS = 9 * 3600_000;

/** Below this, a clock error deserves no mention (see `diagnoseSkew`). */
export const NOTICE_THRESHOLD_MS = 15_000;

/**
 * How far from an exact zone difference a clock may be and still count as "set to another
 * zone's time by hand". Setting a clock by hand leaves up to a minute (nobody sets the seconds),
 * and a free-running phone crystal (±20 ppm ≈ 1.7 s a day) adds about a minute a month. Five
 * minutes is well inside the 15-minute grid of real zone offsets, so candidates never overlap.
 */
export const ZONE_MATCH_TOLERANCE_MS = 5 * 60_000;

/** A measurement this coarse cannot tell one zone difference from its neighbour. */
const MAX_DIAGNOSIS_UNCERTAINTY_MS = 2 * 60_000;

/** Real zone offsets span UTC−12 to UTC+14 (RFC 6557 / IANA tz). */
const MIN_ZONE_OFFSET_MS = -12 * 3600_000;
const MAX_ZONE_OFFSET_MS = 14 * 3600_000;

/** The likely cause of a clock error of whole time zones. `hours` is its size, always ≥ 0. */
export type SkewDiagnosis =
	| { kind: 'korea-time-by-hand'; hours: number }
	| { kind: 'zone-mismatch-by-hand'; hours: number };

/** What the UI must say about the device clock. No language: `src/lib/i18n` renders it. */
export interface SkewReport {
	/** `ok`: say nothing; `notice`: worth fixing; `warning`: codes may be refused. */
	severity: 'ok' | 'notice' | 'warning';
	/** Which way the *device* clock is off; `null` exactly when `severity` is `ok`. */
	direction: 'ahead' | 'behind' | null;
	/** |offset|, rounded to the millisecond. */
	amountMs: number;
	diagnosis: SkewDiagnosis | null;
}

export interface DiagnoseSkewOptions {
	/** True time − device time (`estimateOffset`'s sign: negative = device ahead). */
	offsetMs: number;
	/** The estimate's ± bound; defaults to 0. */
	uncertaintyMs?: number;
	/** The device's IANA zone: `Intl.DateTimeFormat().resolvedOptions().timeZone`. */
	timeZone: string;
	/** True time now, ms since epoch (for DST rules). */
	at: number;
	/** TOTP step in seconds; mOTP uses 60. */
	periodSec?: number;
}

const near = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol;

/**
 * The zone's offsets that a hand-set clock may reflect: the one in force at the instant the
 * device believes it is (what its display is computed with), at the true instant, and half a
 * year either side, because a clock set to Korea time in winter stays 8 h off from Berlin
 * after the switch to summer time (the display moves, the error does not).
 */
function candidateZoneOffsets(timeZone: string, at: number, deviceAt: number): number[] {
	const halfYear = 182 * 86_400_000;
	const offsets = [deviceAt, at, at - halfYear, at + halfYear].map((t) => zoneOffsetMs(timeZone, t));
	return [...new Set(offsets)];
}

function diagnose(deviceErrorMs: number, timeZone: string, at: number, tolerance: number): SkewDiagnosis | null {
	const zoneOffsets = candidateZoneOffsets(timeZone, at, at + deviceErrorMs);
	// Following the seeds' advice by hand, the display shows KST while the zone stays local:
	// deviceUtc + zoneOffset = trueUtc + 9 h, so the device is (9 h − zoneOffset) ahead.
	for (const zoneOffset of zoneOffsets) {
		const expected = KST_OFFSET_MS - zoneOffset;
		if (expected !== 0 && near(deviceErrorMs, expected, tolerance)) {
			return { kind: 'korea-time-by-hand', hours: Math.abs(expected) / 3600_000 };
		}
	}
	// Any other zone's time set by hand: the error is a whole or half hour, at least one hour
	// (smaller round errors are as likely a clock set a bit fast on purpose), and the zone whose
	// time it shows must exist. Quarter-hour zones (Nepal, Chatham) are too rare to risk
	// misreading an ordinary wrong clock.
	const halfHours = Math.round(deviceErrorMs / 1800_000);
	const rounded = halfHours * 1800_000;
	if (Math.abs(halfHours) < 2 || !near(deviceErrorMs, rounded, tolerance)) return null;
	const shownZoneExists = zoneOffsets.some((z) => z + rounded >= MIN_ZONE_OFFSET_MS && z + rounded <= MAX_ZONE_OFFSET_MS);
	return shownZoneExists ? { kind: 'zone-mismatch-by-hand', hours: Math.abs(rounded) / 3600_000 } : null;
}

/**
 * Judges a measured clock offset: how bad it is, which way, and whether it looks like the seeds'
 * "set your phone to Korea time" advice followed by hand.
 *
 * Severity. RFC 6238 §5.2 lets a verifier accept codes from neighbouring steps to absorb delay
 * and drift, but how many is the verifier's choice, and a strict one refuses the code for
 * |offset| / period of every step. So: over 15 s (a quarter of mOTP's 60 s step) is a `notice`;
 * over half a step, more codes are wrong than right for a strict verifier, so a `warning`.
 * The thresholds apply to the least error the measurement allows (|offset| − uncertainty), so a
 * slow network never makes a correct clock look wrong.
 *
 * Diagnosis (only for errors of whole zones, and only from measurements good to 2 min):
 * - `korea-time-by-hand`: the device is off by (KST − its own zone's UTC offset), DST-aware.
 *   Impossible when the zone already is UTC+9 (Asia/Seoul, Asia/Tokyo): there the error is 0.
 * - `zone-mismatch-by-hand`: off by another whole or half number of hours (≥ 1 h) that some
 *   real zone would explain. Decision: Asia/Seoul running 1 h fast lands here.
 * A correct clock in any zone is `ok` with no diagnosis: TOTP counts UTC seconds.
 *
 * @throws TypeError / RangeError for a non-finite offset, a negative uncertainty, a
 *   non-positive period, or an unknown zone.
 */
export function diagnoseSkew(opts: DiagnoseSkewOptions): SkewReport {
	const { offsetMs, timeZone, at, uncertaintyMs = 0, periodSec = 60 } = opts;
	if (typeof offsetMs !== 'number' || !Number.isFinite(offsetMs)) throw new TypeError('diagnoseSkew: offsetMs must be a finite number');
	if (typeof at !== 'number' || !Number.isFinite(at)) throw new TypeError('diagnoseSkew: at must be a finite number');
	if (!(uncertaintyMs >= 0 && uncertaintyMs < Infinity)) throw new RangeError('diagnoseSkew: uncertaintyMs must be finite and ≥ 0');
	if (!(periodSec > 0 && periodSec < Infinity)) throw new RangeError('diagnoseSkew: periodSec must be finite and > 0');
	zoneOffsetMs(timeZone, at); // validates the zone up front, whatever the offset

	const deviceErrorMs = -offsetMs;
	const amountMs = Math.round(Math.abs(offsetMs));
	const leastError = Math.abs(offsetMs) - uncertaintyMs;
	const severity = leastError > (periodSec * 1000) / 2 ? 'warning' : leastError > NOTICE_THRESHOLD_MS ? 'notice' : 'ok';
	if (severity === 'ok') return { severity, direction: null, amountMs, diagnosis: null };

	const direction = deviceErrorMs > 0 ? 'ahead' : 'behind';
	const diagnosis =
		uncertaintyMs <= MAX_DIAGNOSIS_UNCERTAINTY_MS
			? diagnose(deviceErrorMs, timeZone, at, ZONE_MATCH_TOLERANCE_MS + uncertaintyMs)
			: null;
	return { severity, direction, amountMs, diagnosis };
}
