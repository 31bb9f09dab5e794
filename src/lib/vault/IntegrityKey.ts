/**
 * The device integrity key: a non-extractable HMAC-SHA256 `CryptoKey` (WebCrypto §29) that the
 * browser edge creates once and keeps in IndexedDB beside the vault record. It MACs the whole
 * record (see `signVaultFile`).
 *
 * It is deliberately independent of the PIN, so the MAC confirms nothing about a PIN guess.
 * It is no secret from someone who copies the whole browser profile (IndexedDB stores the key
 * material on disk); it stops corruption and edits by anything that cannot use this origin's
 * IndexedDB (docs/threat-model.md, "Integrity").
 */

/**
 * Creates a fresh integrity key: HMAC-SHA256, 256-bit, non-extractable, sign and verify only.
 * Also used by tests.
 */
export async function generateIntegrityKey(): Promise<CryptoKey> {
	return globalThis.crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256', length: 256 }, false, ['sign', 'verify']);
}

/**
 * Checks that `key` can serve as the integrity key: an HMAC-SHA256 `CryptoKey` usable for
 * `usage`. Passing anything else is a programmer error.
 * @param key - the key to check
 * @param usage - the operation about to be performed
 * @throws {TypeError} when it is not such a key
 */
export function assertIntegrityKey(key: CryptoKey, usage: 'sign' | 'verify'): void {
	if (typeof key !== 'object' || key === null) throw new TypeError('integrityKey must be a CryptoKey');
	if (typeof CryptoKey !== 'undefined' && !(key instanceof CryptoKey)) throw new TypeError('integrityKey must be a CryptoKey');
	const algorithm = key.algorithm as Partial<HmacKeyAlgorithm>;
	if (algorithm.name !== 'HMAC' || algorithm.hash?.name !== 'SHA-256') throw new TypeError('integrityKey must be an HMAC-SHA256 key');
	if (!key.usages.includes(usage)) throw new TypeError(`integrityKey must allow "${usage}"`);
}
