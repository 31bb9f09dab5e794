import { toBase64Url, utf8 } from '../crypto/bytes';
import { KEY_ID_LENGTH, signVaultFile, verifyVaultFile, VAULT_VERSION, type StoredVaultFile, type VaultFile } from './VaultFile';

/** Domain label for the key id given to a version-1 vault (docs/vault-format.md, "Versioning"). */
const V1_KEY_ID_LABEL = 'motp/v2/key-id-of-a-v1-record/';

/**
 * Brings a decoded record to the current version, in memory. The MAC is verified first (under
 * the version's own canonical form), so a tampered old record is never re-signed.
 *
 * Version 1 → 3 needs no PIN: the accounts and slots are kept byte for byte, `generation`
 * becomes 0 (the next write makes it 1), and `keyId` is derived from the version-1 MAC, so two
 * tabs that upgrade the same record agree on it. The key id only names the master key; it is
 * computed from public data and says nothing about the key or the PIN.
 *
 * Version 2 → 3 keeps everything, `generation` and `keyId` included: version 3 only allows more
 * (an argon2id PIN slot). The scrypt slot itself is re-wrapped under argon2id by the next
 * successful unlock, which knows the PIN (`unlockWithPinUpgrading`), never here.
 * @param file - what `decodeVaultFile` returned
 * @param integrityKey - the device HMAC key
 * @returns a signed, current `VaultFile` (the same object when it already is one)
 * @throws {VaultError} `VAULT_TAMPERED`
 */
export async function upgradeVaultFile(file: StoredVaultFile, integrityKey: CryptoKey): Promise<VaultFile> {
	await verifyVaultFile(file, integrityKey);
	if (file.version === VAULT_VERSION) return file;
	if (file.version === 2) return signVaultFile({ version: VAULT_VERSION, generation: file.generation, header: file.header, db: file.db }, integrityKey);
	const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', utf8(V1_KEY_ID_LABEL + file.mac)));
	const keyId = toBase64Url(digest.subarray(0, KEY_ID_LENGTH));
	return signVaultFile({ version: VAULT_VERSION, generation: 0, header: { keyId, slots: file.header.slots }, db: file.db }, integrityKey);
}
