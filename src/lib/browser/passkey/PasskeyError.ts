/**
 * Stable codes for every way a passkey ceremony can fail. The UI switches on these, never on
 * message text (docs/architecture.md, Errors).
 *
 * - `CANCELLED`: NotAllowedError. The person cancelled or let the prompt time out, user
 *   verification failed, or no authenticator holds any of the allowed credentials (for example
 *   the passkey was deleted from the password manager). Browsers do not say which, on purpose
 *   (WebAuthn L3 §14.5.1, "Registration Ceremony Privacy" and §14.5.2).
 * - `ALREADY_REGISTERED`: InvalidStateError at registration: the authenticator already holds one
 *   of `excludeCredentials`, a passkey of this vault.
 * - `INSECURE_CONTEXT`: SecurityError, or no secure context: the page is not HTTPS/localhost, or
 *   its host is not a valid RP ID (an IP address).
 * - `NOT_SUPPORTED`: NotSupportedError: no authenticator can do what was asked (algorithms,
 *   options).
 * - `ABORTED`: AbortError: the ceremony was aborted (another ceremony started).
 * - `UNAVAILABLE`: this browser has no WebAuthn (`PublicKeyCredential` is missing).
 * - `PRF_UNSUPPORTED`: the browser ignored the `prf` extension, or the authenticator said it
 *   cannot do it (`prf.enabled === false`). No slot is added; no gate without a key is offered.
 * - `NO_PRF_RESULT`: the ceremony succeeded but no usable 32-byte PRF result came back.
 * - `UNKNOWN_CREDENTIAL`: the authenticator answered with a credential that is none of this
 *   vault's slots (another vault's passkey).
 * - `UNKNOWN`: anything else; `cause` holds it.
 */
export type PasskeyErrorCode =
	| 'CANCELLED'
	| 'ALREADY_REGISTERED'
	| 'INSECURE_CONTEXT'
	| 'NOT_SUPPORTED'
	| 'ABORTED'
	| 'UNAVAILABLE'
	| 'PRF_UNSUPPORTED'
	| 'NO_PRF_RESULT'
	| 'UNKNOWN_CREDENTIAL'
	| 'UNKNOWN';

/** DOMException names from `navigator.credentials.create/get` (WebAuthn L3 §5.1.3, §5.1.4). */
const BY_DOM_NAME: Readonly<Record<string, PasskeyErrorCode>> = {
	NotAllowedError: 'CANCELLED',
	InvalidStateError: 'ALREADY_REGISTERED',
	SecurityError: 'INSECURE_CONTEXT',
	NotSupportedError: 'NOT_SUPPORTED',
	AbortError: 'ABORTED'
};

/**
 * The one error class of the passkey edge: a ceremony failed or gave nothing usable. `code` is
 * stable; `message` is for developers and logs; `cause` is the browser's DOMException, if any.
 */
export class PasskeyError extends Error {
	/** Why the ceremony failed; switch on this. */
	readonly code: PasskeyErrorCode;

	/**
	 * @param code - stable reason code
	 * @param message - developer-facing description (never shown to users)
	 * @param options - optional `cause`
	 */
	constructor(code: PasskeyErrorCode, message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'PasskeyError';
		this.code = code;
	}
}

/**
 * Wraps whatever a WebAuthn call threw into a `PasskeyError`, mapping DOMException names to codes.
 * A `PasskeyError` passes through unchanged.
 * @param error - anything caught around `navigator.credentials.*`
 */
export function toPasskeyError(error: unknown): PasskeyError {
	if (error instanceof PasskeyError) return error;
	// DOMException inherits from Error, so this covers both.
	const name = error instanceof Error ? error.name : '';
	const code = BY_DOM_NAME[name] ?? 'UNKNOWN';
	return new PasskeyError(code, `WebAuthn failed: ${name || String(error)}`, { cause: error });
}
