/**
 * Creates the device's vault-integrity key: HMAC-SHA256, non-extractable, so page scripts can use
 * it but never read it out. It is deliberately independent of the PIN (docs/vault-format.md,
 * "Integrity"): it detects corrupted or edited records without giving a PIN-guessing oracle.
 */
export function generateIntegrityKey(): Promise<CryptoKey> {
	return crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256', length: 256 }, false, ['sign', 'verify']);
}
