import type { ClockSnapshot } from './CorrectedClock';
import { diagnoseSkew, type SkewReport } from './diagnoseSkew';
import { splitDuration, type DurationParts } from './splitDuration';

/** The zone to show Korea time (KST) in, with `Intl.DateTimeFormat({ timeZone })`. */
export const KOREA_TIME_ZONE = 'Asia/Seoul';

/**
 * What the clock banner and the settings panel say, as data; `src/lib/i18n` turns it into words.
 *
 * - Banner (`data-testid="clock-warning"`): shown when `skew.severity` is not `ok`; says
 *   `skew.direction` and `skew.amountMs`, the fix for `skew.diagnosis`, and, when
 *   `codesCorrected`, that codes are right anyway.
 * - Status line: "codes use server time, offset {offset}, measured {age} ago" when
 *   `codesCorrected`; "codes use device time" otherwise.
 * - Settings: `deviceTime`, `trueTime` (server time), `trueTime` in `KOREA_TIME_ZONE` (KST), `offset`.
 */
export interface ClockPresentation {
	correction: 'on' | 'off';
	/** Where the offset came from: this page's measurement, storage, or nowhere yet. */
	source: 'measured' | 'restored' | null;
	/** Codes use server time: correction is on and there is an offset to apply. */
	codesCorrected: boolean;
	deviceTime: number;
	/** Server (true) time estimate; `null` if never measured. */
	trueTime: number | null;
	/** True − device, signed (+ = device behind, as `estimateOffset`); `null` if never measured. */
	offset: DurationParts | null;
	ageMs: number | null;
	age: DurationParts | null;
	/** `null` until measured: no warning without evidence. */
	skew: SkewReport | null;
}

/**
 * Turns a clock snapshot into what the screens must say. Pure: pass `clock.snapshot()` and the
 * device zone (`Intl.DateTimeFormat().resolvedOptions().timeZone`).
 * @throws RangeError for an unknown `timeZone` (from `diagnoseSkew`)
 */
export function presentClock(snapshot: ClockSnapshot, opts: { timeZone: string; periodSec?: number }): ClockPresentation {
	const { enabled, source, deviceTime, trueTime, offsetMs, ageMs, uncertaintyMs } = snapshot;
	const measured = trueTime !== null && offsetMs !== null;
	return {
		correction: enabled ? 'on' : 'off',
		source,
		codesCorrected: enabled && measured,
		deviceTime,
		trueTime,
		offset: offsetMs === null ? null : splitDuration(offsetMs),
		ageMs,
		age: ageMs === null ? null : splitDuration(ageMs),
		skew: measured
			? diagnoseSkew({
					offsetMs,
					uncertaintyMs: uncertaintyMs ?? 0,
					timeZone: opts.timeZone,
					at: trueTime,
					...(opts.periodSec === undefined ? {} : { periodSec: opts.periodSec })
				})
			: null
	};
}
