/**
 * Stable codes for every way outside data (an `otpauth://` URI, pasted base32 text) can be
 * rejected. The UI switches on these codes, never on message text (docs/architecture.md, Errors).
 * Programmer errors (a wrong argument type or range) are `TypeError`/`RangeError` instead.
 */
export type OtpErrorCode =
	| 'BASE32_EMPTY'
	| 'BASE32_INVALID'
	| 'URI_TOO_LONG'
	| 'URI_MALFORMED'
	| 'URI_NOT_OTPAUTH'
	| 'URI_BAD_TYPE'
	| 'URI_NO_SECRET'
	| 'URI_BAD_SECRET'
	| 'URI_SECRET_TOO_SHORT'
	| 'URI_BAD_ALGORITHM'
	| 'URI_BAD_DIGITS'
	| 'URI_BAD_PERIOD'
	| 'URI_NO_COUNTER'
	| 'URI_BAD_COUNTER'
	| 'URI_BAD_LABEL';

/**
 * The one error class of the OTP layer: outside data was rejected.
 * `code` is stable; `message` is for developers and logs only; `cause` wraps the lower-level
 * error (for example the base32 `OtpError` behind a `URI_BAD_SECRET`).
 */
export class OtpError extends Error {
	/** Why the data was rejected; switch on this. */
	readonly code: OtpErrorCode;

	/**
	 * @param code - stable reason code
	 * @param message - developer-facing description (never shown to users)
	 * @param options - optional `cause`
	 */
	constructor(code: OtpErrorCode, message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'OtpError';
		this.code = code;
	}
}
