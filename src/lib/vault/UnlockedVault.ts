import { wipe } from '../crypto/bytes';
import { importHmacKey } from '../otp/importHmacKey';
import type { OtpAlgorithm } from '../otp/OtpAlgorithm';
import { importMasterKey } from './MasterKey';
import { openAccountSecret, type StoredAccount } from './StoredAccount';

/** An account ready to produce codes. Its secret exists only inside `key`. */
export interface UnlockedAccount {
	id: string;
	issuer: string;
	account: string;
	algorithm: OtpAlgorithm;
	digits: number;
	period: number;
	/** Non-extractable HMAC key (`importHmacKey`), sign only. */
	key: CryptoKey;
}

/** An unlocked session: the master key as a non-extractable AES-CTR key, plus the accounts. */
export interface UnlockedVault {
	/** MK as a non-extractable AES-CTR key, to seal accounts added during the session. */
	masterKey: CryptoKey;
	accounts: UnlockedAccount[];
}

/**
 * Turns a stored account into an unlocked one: decrypts the secret, imports it as a
 * non-extractable HMAC key and wipes the bytes (docs/architecture.md, Seams: HMAC).
 * Under a wrong MK this still succeeds, with a key that gives plausible wrong codes.
 * @param masterKey - the AES-CTR master key
 * @param stored - the stored account
 */
export async function unlockAccount(masterKey: CryptoKey, stored: StoredAccount): Promise<UnlockedAccount> {
	const secret = await openAccountSecret(masterKey, stored);
	try {
		const key = await importHmacKey(secret, stored.algorithm);
		const { id, issuer, account, algorithm, digits, period } = stored;
		return { id, issuer, account, algorithm, digits, period, key };
	} finally {
		wipe(secret);
	}
}

/**
 * Unlocks every account with raw MK bytes, which any slot yields. The caller wipes `masterKey`.
 * @param accounts - the stored accounts
 * @param masterKey - raw 32-byte MK (possibly a wrong MK' after a lucky wrong PIN)
 */
export async function unlockWithMasterKey(accounts: readonly StoredAccount[], masterKey: Uint8Array): Promise<UnlockedVault> {
	const key = await importMasterKey(masterKey);
	return { masterKey: key, accounts: await Promise.all(accounts.map((a) => unlockAccount(key, a))) };
}
