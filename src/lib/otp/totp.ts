import { hotp } from './hotp';

/**
 * TOTP: time-based one-time passwords, RFC 6238, with T0 = 0 (the Unix epoch) as §4.1 defaults.
 * Time is always a parameter (`timestamp`, ms since the epoch, already clock-corrected by the
 * caller; docs/architecture.md, Seams) so step boundaries are testable without sleeping.
 */

/** Longest supported time step in seconds (one day). */
export const MAX_PERIOD = 86_400;
/**
 * Largest accepted timestamp: the ECMAScript time value limit (ECMA-262 §21.4.1.1, 8.64e15 ms).
 * It keeps `step * period * 1000` below 2^53, so the step arithmetic below stays exact.
 */
export const MAX_TIMESTAMP = 8.64e15;

/**
 * RFC 6238 §4.2: T = floor((unixTime - T0) / X) with T0 = 0 and X = `period`.
 *
 * @param timestamp - ms since the epoch, finite, 0..8.64e15 (fractions allowed)
 * @param period - time step X in seconds, an integer 1..86400
 * @returns the step number T
 * @throws {TypeError} when an argument is not a number
 * @throws {RangeError} when an argument is out of range
 */
export function timeStep(timestamp: number, period: number): number {
	assertTimestamp(timestamp);
	assertPeriod(period);
	const stepMs = period * 1000;
	let step = Math.floor(timestamp / stepMs);
	// One rounded division can land on the wrong side of a boundary for large timestamps;
	// the products below are exact (< 2^53), so they settle it.
	if (step * stepMs > timestamp) step -= 1;
	else if ((step + 1) * stepMs <= timestamp) step += 1;
	return step;
}

/**
 * RFC 6238 §4.2: TOTP = HOTP(K, T).
 *
 * @param opts.key - HMAC key from `importHmacKey`
 * @param opts.timestamp - ms since the epoch (see `timeStep`)
 * @param opts.period - time step in seconds, 1..86400
 * @param opts.digits - code length, 6..8
 * @returns the zero-padded decimal code
 * @throws {TypeError} / {RangeError} as `timeStep` and `hotp` do
 */
export async function totp(opts: {
	key: CryptoKey;
	timestamp: number;
	period: number;
	digits: number;
}): Promise<string> {
	if (typeof opts !== 'object' || opts === null) throw new TypeError('opts must be an object');
	const { key, timestamp, period, digits } = opts;
	return hotp({ key, counter: timeStep(timestamp, period), digits });
}

/**
 * The step containing `timestamp` and its bounds in ms since the epoch. `start` is inclusive and
 * `end` exclusive: the code changes exactly at `end`.
 *
 * @param timestamp - ms since the epoch (see `timeStep`)
 * @param period - time step in seconds, 1..86400
 * @throws {TypeError} / {RangeError} as `timeStep` does
 */
export function stepBounds(timestamp: number, period: number): { step: number; start: number; end: number } {
	const step = timeStep(timestamp, period);
	const start = step * period * 1000;
	return { step, start, end: start + period * 1000 };
}

/**
 * Seconds until the next step boundary, in (0, period]: exactly `period` at a boundary, and
 * fractional in between (so a progress ring can move smoothly). For a whole-second countdown,
 * show `Math.ceil(secondsLeft(...))`.
 *
 * @param timestamp - ms since the epoch (see `timeStep`)
 * @param period - time step in seconds, 1..86400
 * @throws {TypeError} / {RangeError} as `timeStep` does
 */
export function secondsLeft(timestamp: number, period: number): number {
	const { end } = stepBounds(timestamp, period);
	return (end - timestamp) / 1000;
}

/**
 * Argument check for a time step length.
 * @param period - the value to check
 * @throws {TypeError} when `period` is not a number
 * @throws {RangeError} when `period` is not an integer in 1..86400
 */
export function assertPeriod(period: unknown): asserts period is number {
	if (typeof period !== 'number') throw new TypeError(`period must be a number, got ${typeof period}`);
	if (!Number.isInteger(period) || period < 1 || period > MAX_PERIOD) {
		throw new RangeError(`period must be an integer from 1 to ${MAX_PERIOD} seconds, got ${period}`);
	}
}

function assertTimestamp(timestamp: unknown): asserts timestamp is number {
	if (typeof timestamp !== 'number') throw new TypeError(`timestamp must be a number, got ${typeof timestamp}`);
	if (!Number.isFinite(timestamp) || timestamp < 0 || timestamp > MAX_TIMESTAMP) {
		throw new RangeError(`timestamp must be finite ms from 0 to ${MAX_TIMESTAMP}, got ${timestamp}`);
	}
}
