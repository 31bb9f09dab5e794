import { hkdfSync } from 'node:crypto';

/** Purposes a subkey may be derived for; one key per purpose (key separation). */
export type KeyPurpose = 'secret-box' | 'lookup' | 'session' | 'audit';

/**
 * Derives a 32-byte subkey from the 32-byte master key with HKDF-SHA-256 (RFC 5869), so the
 * secret-encryption key and the lookup-hash key are independent even though one key is kept.
 */
export function deriveKey(masterKey: Uint8Array, purpose: KeyPurpose): Buffer {
	if (masterKey.length !== 32) throw new RangeError(`masterKey must be 32 bytes, got ${masterKey.length}`);
	return Buffer.from(hkdfSync('sha256', masterKey, new Uint8Array(0), `motp-web/server/v1/${purpose}`, 32));
}
