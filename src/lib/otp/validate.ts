import { assertDigits, counterBytes, truncate } from './hotp';
import { assertPeriod, timeStep } from './totp';

/**
 * The HMAC of an 8-byte counter under the secret (RFC 4226 §5.2). Passed in, not imported: the
 * browser gives WebCrypto over a non-extractable key, the server Node's synchronous `createHmac`,
 * tests a fake. Either may answer at once or with a promise.
 */
export type CounterHmac = (counter: Uint8Array) => Uint8Array | Promise<Uint8Array>;

/** One window position: a time step and the code the secret gives for it. */
export interface WindowCode {
	step: number;
	code: string;
}

/** What {@link windowCodes} and {@link validate} need. */
export interface ValidateOptions {
	hmac: CounterHmac;
	/** ms since the epoch. */
	timestamp: number;
	/** Step length, seconds (RFC 6238 X). */
	period: number;
	digits: number;
	/** Steps accepted either side of the current one (RFC 6238 §5.2 recommends at most 1). */
	window: number;
}

/** The largest window accepted: 10 steps either side already makes a 6-digit code 21 times easier to guess. */
export const MAX_WINDOW = 10;

/**
 * The codes for every step in `current ± window` (steps below 0 left out), oldest first. Every
 * position is computed, always, so the time taken says nothing about the code.
 * @throws {TypeError} when `hmac` is not a function
 * @throws {RangeError} for a bad `period`, `digits`, `window` or `timestamp`
 */
export async function windowCodes(opts: ValidateOptions): Promise<WindowCode[]> {
	const steps = windowSteps(opts);
	const macs = await Promise.all(steps.map((step) => opts.hmac(counterBytes(step))));
	return steps.map((step, i) => ({ step, code: truncate(macs[i]!, opts.digits) }));
}

/**
 * {@link windowCodes} for an HMAC that answers at once (Node's `createHmac` on the server), with no
 * promise in between: the verifier calls it inside its database transaction (issue 15).
 * @throws as {@link windowCodes}, and {@link TypeError} when `hmac` answers with a promise
 */
export function windowCodesSync(opts: ValidateOptions & { hmac: (counter: Uint8Array) => Uint8Array }): WindowCode[] {
	return windowSteps(opts).map((step) => {
		const mac = opts.hmac(counterBytes(step));
		if (!(mac instanceof Uint8Array)) throw new TypeError('hmac must answer a Uint8Array at once');
		return { step, code: truncate(mac, opts.digits) };
	});
}

/** The steps of the window, after checking the options. */
function windowSteps(opts: ValidateOptions): number[] {
	const { hmac, timestamp, period, digits, window } = opts;
	if (typeof hmac !== 'function') throw new TypeError('hmac must be a function');
	assertPeriod(period);
	assertDigits(digits);
	if (!Number.isInteger(window) || window < 0 || window > MAX_WINDOW) {
		throw new RangeError(`window must be an integer from 0 to ${MAX_WINDOW}, got ${window}`);
	}
	const current = timeStep(timestamp, period);
	const steps: number[] = [];
	for (let d = -window; d <= window; d++) if (current + d >= 0) steps.push(current + d);
	return steps;
}

/**
 * The steps whose code equals `code`, oldest first. Every candidate is compared in full, with no
 * early exit and no short-circuit, so the response time does not tell which step (if any) matched.
 */
export function matchingSteps(candidates: readonly WindowCode[], code: string): number[] {
	const matched: number[] = [];
	for (const c of candidates) if (constantTimeEqualString(c.code, code)) matched.push(c.step);
	return matched;
}

/**
 * Checks a code in the window around `timestamp`, in the style of the `otpauth` package's
 * `validate`: the matched step, or `null`. Of several matching steps (a 1-in-10^digits collision),
 * the oldest. Single use and lockout are the caller's: it owns the state (RFC 6238 §5.2).
 * @throws as {@link windowCodes}, and {@link TypeError} when `code` is not a string
 */
export async function validate(opts: ValidateOptions & { code: string }): Promise<number | null> {
	if (typeof opts.code !== 'string') throw new TypeError('code must be a string');
	const matched = matchingSteps(await windowCodes(opts), opts.code);
	return matched.length > 0 ? matched[0]! : null;
}

/**
 * Equality of two strings in time that depends on their lengths only (the lengths of codes are
 * public: always `digits`). No `node:crypto` here: the core runs in browsers too.
 */
export function constantTimeEqualString(a: string, b: string): boolean {
	let diff = a.length ^ b.length;
	const n = Math.max(a.length, b.length);
	for (let i = 0; i < n; i++) diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
	return diff === 0;
}
