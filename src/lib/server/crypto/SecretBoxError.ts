/** Why a sealed secret did not open. */
export type SecretBoxErrorCode = 'UNKNOWN_FORMAT' | 'AUTHENTICATION_FAILED';

/**
 * A sealed secret that does not open: its layout is unknown, or its authentication failed (it was
 * edited, copied onto another trainee, or sealed under another master key). Never a client's
 * mistake: stored data was tampered with, or the key changed. The API answers it as
 * `STORED_SECRET_INVALID` (500), apart from a generic failure (`toApiError`).
 */
export class SecretBoxError extends Error {
	readonly code: SecretBoxErrorCode;

	constructor(code: SecretBoxErrorCode, message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'SecretBoxError';
		this.code = code;
	}
}
