/** A signed duration in whole seconds, split for display ("+4 min 12 s", "−8 h"). */
export interface DurationParts {
	/** −1, 0 or +1; 0 exactly when the duration rounds to 0 s. */
	sign: -1 | 0 | 1;
	/** Not wrapped at 24: a clock can be 17 h off. */
	hours: number;
	minutes: number;
	seconds: number;
}

/**
 * Rounds a duration to the nearest whole second (halves away from zero, so −0.5 s and +0.5 s
 * look alike) and splits its magnitude into hours, minutes and seconds. The words and the sign
 * character are the i18n layer's business.
 * @throws TypeError if `ms` is not a finite number
 */
export function splitDuration(ms: number): DurationParts {
	if (typeof ms !== 'number' || !Number.isFinite(ms)) throw new TypeError('splitDuration: ms must be a finite number');
	const total = Math.round(Math.abs(ms) / 1000);
	const sign = total === 0 ? 0 : ms < 0 ? -1 : 1;
	return { sign, hours: Math.floor(total / 3600), minutes: Math.floor(total / 60) % 60, seconds: total % 60 };
}
