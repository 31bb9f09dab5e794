/**
 * Bounds on everything a vault record holds. The decoder refuses a record outside them as
 * `VAULT_CORRUPT` (storage is hostile input: unbounded sizes are a denial of service), and the
 * writers refuse to create one (`RangeError`), so whatever we write we can read back.
 * Enrollment code checks user-supplied accounts against these before calling the vault.
 */
export const VAULT_LIMITS = Object.freeze({
	/** Largest encoded record, in UTF-16 code units (256 KiB); 50 maximal accounts fit easily. */
	maxRecordLength: 256 * 1024,
	/** Most accounts in one vault. */
	maxAccounts: 50,
	/** Most passkey slots; the app offers one per device, a few allow re-registration. */
	maxPasskeySlots: 8,
	/** Slot and account ids: 1..64 base64url characters (we generate 22, from 16 random bytes). */
	idPattern: /^[A-Za-z0-9_-]{1,64}$/,
	/** Longest issuer and account name, in UTF-16 code units. */
	maxNameLength: 128,
	/** Secret length in bytes: 80 bits (common in the wild) to 1024 bits. RFC 4226 §4 asks for >= 128. */
	minSecretBytes: 10,
	maxSecretBytes: 128,
	/** Code length, RFC 4226 §5.3 (at least 6) and common verifiers (at most 8). */
	minDigits: 6,
	maxDigits: 8,
	/** Time step in seconds, RFC 6238 §5.2; at most one day. */
	minPeriod: 1,
	maxPeriod: 86_400,
	/** WebAuthn credential ids are at most 1023 bytes (WebAuthn L3 §5.8.1 / §6.1 credentialIdLength). */
	maxCredentialIdBytes: 1023,
	/** Timestamps (ms since the epoch): 0..8.64e15, the ECMAScript time value range (ECMA-262 §21.4.1.1). */
	maxTimestamp: 8.64e15
});
