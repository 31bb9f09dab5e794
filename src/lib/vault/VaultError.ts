/**
 * Stable codes for every way the vault can refuse outside data (storage, a PIN, a passkey) or a
 * request about it. The UI switches on these, never on message text (docs/architecture.md,
 * Errors). Programmer errors (wrong argument types or ranges) are `TypeError`/`RangeError`.
 *
 * - `VAULT_CORRUPT`: the stored record is not a well-formed version-1 vault.
 * - `VAULT_TAMPERED`: well-formed, but its integrity MAC does not verify under the device key.
 * - `VAULT_UNSUPPORTED_VERSION`: written by a newer app; refused rather than misread.
 * - `VAULT_KDF_TOO_WEAK`: a PIN slot's scrypt parameters are below the floor (a downgrade).
 * - `PIN_INVALID_FORMAT`: the PIN is not exactly 6 ASCII digits.
 * - `PIN_CHECK_FAILED`: the PIN is certainly wrong (its check byte differs); counts as a strike.
 * - `PASSKEY_UNWRAP_FAILED`: the passkey's PRF output does not open this slot.
 * - `SLOT_NOT_FOUND` / `ACCOUNT_NOT_FOUND`: no slot / account with that id.
 * - `ACCOUNT_LIMIT`: the vault already holds the maximum number of accounts.
 * - `ACCOUNT_DUPLICATE`: the vault already holds this secret (the same QR code twice).
 * - `VAULT_CHANGED`: another tab changed the stored vault in a way this tab's change cannot be
 *   re-applied to (a wipe, a reset, a new master key); nothing was written.
 */
export type VaultErrorCode =
	| 'VAULT_CORRUPT'
	| 'VAULT_TAMPERED'
	| 'VAULT_UNSUPPORTED_VERSION'
	| 'VAULT_KDF_TOO_WEAK'
	| 'PIN_INVALID_FORMAT'
	| 'PIN_CHECK_FAILED'
	| 'PASSKEY_UNWRAP_FAILED'
	| 'SLOT_NOT_FOUND'
	| 'ACCOUNT_LIMIT'
	| 'ACCOUNT_NOT_FOUND'
	| 'ACCOUNT_DUPLICATE'
	| 'VAULT_CHANGED';

/**
 * The one error class of the vault (and of the crypto it drives): outside data or a credential
 * was refused. `code` is stable; `message` is for developers and logs only; `cause` wraps the
 * lower-level error (a `SyntaxError` from JSON or base64url, a WebCrypto `OperationError`), so an
 * integrity failure is always told apart from a wrong credential.
 */
export class VaultError extends Error {
	/** Why the data or credential was refused; switch on this. */
	readonly code: VaultErrorCode;

	/**
	 * @param code - stable reason code
	 * @param message - developer-facing description (never shown to users)
	 * @param options - optional `cause`
	 */
	constructor(code: VaultErrorCode, message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'VaultError';
		this.code = code;
	}
}

/**
 * Whether `error` is a `VaultError`, optionally with the given code.
 * @param error - anything caught
 * @param code - the code to match, if any
 */
export function isVaultError(error: unknown, code?: VaultErrorCode): error is VaultError {
	return error instanceof VaultError && (code === undefined || error.code === code);
}
