/**
 * Why a clock measurement failed or was refused. The UI switches on `code`, never on the message
 * (docs/architecture.md, "Errors"); every code means "keep using the last offset, if any".
 *
 * - `OFFLINE`: the time request never got an HTTP answer (network down, timeout, redirect).
 * - `BAD_TIME_RESPONSE`: an answer came, but neither its JSON `now` nor its `Date` header is a
 *   plausible time.
 * - `NO_SAMPLES` / `BAD_SAMPLE`: the estimator was given nothing, or an impossible sample
 *   (non-finite field, negative round trip). A bug in the caller, never the network's fault.
 * - `BAD_STORED_MEASUREMENT`: a persisted measurement failed validation (storage is untrusted).
 */
export type ClockErrorCode =
	| 'OFFLINE'
	| 'BAD_TIME_RESPONSE'
	| 'NO_SAMPLES'
	| 'BAD_SAMPLE'
	| 'BAD_STORED_MEASUREMENT';

/** The one error class of `src/lib/clock`, with a stable `code` and an optional `cause`. */
export class ClockError extends Error {
	override readonly name = 'ClockError';
	readonly code: ClockErrorCode;

	constructor(code: ClockErrorCode, message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.code = code;
	}
}
