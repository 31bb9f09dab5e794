import { randomBytes, toBase64Url } from '../crypto/bytes';
import { isOtpAlgorithm, type OtpAlgorithm } from '../otp/OtpAlgorithm';
import { assertAccountInput, type AccountInput } from './AccountInput';
import { corrupt, decodeField, readBase64Url, readId, readInt, readName, readObject } from './fields';
import { newId } from './newId';
import { VAULT_LIMITS } from './vaultLimits';

/**
 * One account as stored: metadata in the clear, the secret encrypted under MK with AES-256-CTR
 * (NIST SP 800-38A §6.5; docs/vault-format.md, "Accounts").
 *
 * CTR is unauthenticated on purpose: under a wrong MK' the ciphertext decrypts to uniformly
 * random bytes of the same length, which is a perfectly plausible HMAC key, so a wrong PIN that
 * passes the check byte yields plausible wrong codes instead of an error. The metadata stays in
 * the clear for the same reason (garbled names or impossible digits under a wrong key would
 * reveal it) and so the trainee can still see which institute to call after a lockout.
 * Integrity is the job of the record's MAC (see `VaultFile`).
 */
export type StoredAccount = {
	/** Account id, base64url. */
	readonly id: string;
	readonly issuer: string;
	readonly account: string;
	readonly algorithm: OtpAlgorithm;
	readonly digits: number;
	readonly period: number;
	/** The 16-byte initial counter block, random per record, base64url. */
	readonly iv: string;
	/** AES-256-CTR ciphertext of the secret (same length as the secret), base64url. */
	readonly secret: string;
	/** When the account was added, ms since the epoch. */
	readonly addedAt: number;
};

/** AES-CTR counter block length (one AES block, 128 bits). */
export const CTR_IV_LENGTH = 16;

/**
 * WebCrypto AES-CTR parameters (WebCrypto §26.3): the whole 16-byte block is random and its
 * low 64 bits count blocks. A secret is at most 8 blocks, so the counter never repeats within a
 * record, and with 128 random bits per record two records never share a keystream.
 */
function ctrParams(counter: Uint8Array<ArrayBuffer>): AesCtrParams {
	return { name: 'AES-CTR', counter, length: 64 };
}

/**
 * Encrypts an account's secret under MK and builds its stored record.
 * @param masterKey - the AES-CTR master key (`importMasterKey`)
 * @param input - the account; checked with `assertAccountInput`
 * @param opts.now - when it was added, ms since the epoch
 * @param opts.id - account id (default: a fresh random id)
 * @param opts.random - randomness source for iv and id
 * @throws {TypeError} / {RangeError} on bad arguments
 */
export async function sealAccount(
	masterKey: CryptoKey,
	input: AccountInput,
	opts: { now: number; id?: string; random?: (n: number) => Uint8Array }
): Promise<StoredAccount> {
	assertAccountInput(input);
	if (!Number.isSafeInteger(opts.now) || opts.now < 0 || opts.now > VAULT_LIMITS.maxTimestamp) {
		throw new RangeError('now must be an integer timestamp in ms');
	}
	const random = opts.random ?? randomBytes;
	const id = opts.id ?? newId(random);
	if (!VAULT_LIMITS.idPattern.test(id)) throw new RangeError('id must be 1..64 base64url characters');
	const iv = new Uint8Array(random(CTR_IV_LENGTH));
	if (iv.length !== CTR_IV_LENGTH) throw new RangeError(`random must return ${CTR_IV_LENGTH} bytes`);
	const plain = new Uint8Array(input.secret);
	let sealed: ArrayBuffer;
	try {
		sealed = await globalThis.crypto.subtle.encrypt(ctrParams(iv), masterKey, plain);
	} finally {
		plain.fill(0);
	}
	return {
		id,
		issuer: input.issuer,
		account: input.account,
		algorithm: input.algorithm,
		digits: input.digits,
		period: input.period,
		iv: toBase64Url(iv),
		secret: toBase64Url(new Uint8Array(sealed)),
		addedAt: opts.now
	};
}

/**
 * Decrypts an account's secret. Never fails on a wrong key: that is the point (see the type's
 * comment). The caller imports the result as an HMAC key and wipes it at once.
 * @param masterKey - the AES-CTR master key
 * @param account - the stored account
 * @returns the secret bytes (or same-length random-looking bytes under a wrong MK)
 * @throws {VaultError} `VAULT_CORRUPT` when a binary field is malformed
 */
export async function openAccountSecret(masterKey: CryptoKey, account: StoredAccount): Promise<Uint8Array<ArrayBuffer>> {
	const iv = decodeField(account.iv, 'iv', CTR_IV_LENGTH);
	const sealed = decodeField(account.secret, 'secret', VAULT_LIMITS.minSecretBytes, VAULT_LIMITS.maxSecretBytes);
	return new Uint8Array(await globalThis.crypto.subtle.decrypt(ctrParams(iv), masterKey, sealed));
}

/**
 * Reads an account from parsed JSON (hostile input).
 * @param value - the parsed account object
 * @param path - its JSON path, for messages
 * @throws {VaultError} `VAULT_CORRUPT`
 */
export function parseStoredAccount(value: unknown, path: string): StoredAccount {
	const o = readObject(value, path, ['id', 'issuer', 'account', 'algorithm', 'digits', 'period', 'iv', 'secret', 'addedAt']);
	if (!isOtpAlgorithm(o.algorithm)) throw corrupt(`${path}.algorithm`, 'must be SHA1, SHA256 or SHA512');
	return {
		id: readId(o.id, `${path}.id`),
		issuer: readName(o.issuer, `${path}.issuer`),
		account: readName(o.account, `${path}.account`),
		algorithm: o.algorithm,
		digits: readInt(o.digits, `${path}.digits`, VAULT_LIMITS.minDigits, VAULT_LIMITS.maxDigits),
		period: readInt(o.period, `${path}.period`, VAULT_LIMITS.minPeriod, VAULT_LIMITS.maxPeriod),
		iv: readBase64Url(o.iv, `${path}.iv`, CTR_IV_LENGTH),
		secret: readBase64Url(o.secret, `${path}.secret`, VAULT_LIMITS.minSecretBytes, VAULT_LIMITS.maxSecretBytes),
		addedAt: readInt(o.addedAt, `${path}.addedAt`, 0, VAULT_LIMITS.maxTimestamp)
	};
}
