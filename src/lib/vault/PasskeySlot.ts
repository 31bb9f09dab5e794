import { randomBytes, toBase64Url, utf8, wipe } from '../crypto/bytes';
import { hkdf } from '../crypto/hkdf';
import { corrupt, decodeField, readBase64Url, readId, readInt, readObject } from './fields';
import { MASTER_KEY_LENGTH } from './MasterKey';
import { newId } from './newId';
import { VaultError } from './VaultError';
import { VAULT_LIMITS } from './vaultLimits';

/**
 * A passkey slot: MK wrapped under a key derived from a WebAuthn PRF output
 * (WebAuthn L3 §10.1.4, the `prf` extension; docs/vault-format.md, "Passkey slot"):
 *
 *     W       = HKDF-SHA256(prfOutput, prfSalt, "motp/v1/passkey-slot", 32)   (RFC 5869)
 *     wrapped = AES-256-GCM(W, iv, MK, AAD = utf8(slot id))                  (NIST SP 800-38D)
 *
 * Unlike the PIN slot this wrap is authenticated on purpose: the PRF output carries 256 bits of
 * entropy, so letting an offline attacker confirm a guess costs nothing, while a credential of
 * another vault (or another slot) must fail clearly instead of producing wrong codes.
 */
export type PasskeySlot = {
	readonly type: 'passkey';
	/** Slot id, base64url; also the GCM additional data, binding the ciphertext to this slot. */
	readonly id: string;
	/** The WebAuthn credential id (raw id), base64url, 1..1023 bytes. */
	readonly credentialId: string;
	/** 32 random bytes, base64url: the PRF evaluation input and the HKDF salt. */
	readonly prfSalt: string;
	/** 12-byte GCM nonce, base64url (SP 800-38D §8.2.2, random construction). */
	readonly iv: string;
	/** GCM ciphertext of MK plus the 16-byte tag: 48 bytes, base64url. */
	readonly wrapped: string;
	/** When the slot was added, ms since the epoch. */
	readonly createdAt: number;
};

/** PRF evaluation input length (the app's choice; WebAuthn hashes it with a context prefix). */
export const PRF_SALT_LENGTH = 32;
/** PRF output length: the extension returns 32 bytes (CTAP2.1 hmac-secret, HMAC-SHA-256). */
export const PRF_OUTPUT_LENGTH = 32;
/** GCM nonce length: 96 bits, the length SP 800-38D §5.2.1.1 recommends. */
export const GCM_IV_LENGTH = 12;
/** GCM tag length: the full 128 bits. */
const GCM_TAG_LENGTH = 16;
const INFO = 'motp/v1/passkey-slot';

/**
 * Wraps MK under a passkey's PRF output.
 * @param masterKey - raw 32-byte MK (the caller wipes it)
 * @param passkey.credentialId - raw credential id, 1..1023 bytes
 * @param passkey.prfSalt - the 32-byte PRF input the edge evaluated
 * @param passkey.prfOutput - the 32-byte PRF result
 * @param opts.now - creation time, ms since the epoch
 * @param opts.id - slot id (default: fresh random id)
 * @param opts.random - randomness source for iv and id
 * @throws {TypeError} / {RangeError} on bad arguments
 */
export async function createPasskeySlot(
	masterKey: Uint8Array,
	passkey: { credentialId: Uint8Array; prfSalt: Uint8Array; prfOutput: Uint8Array },
	opts: { now: number; id?: string; random?: (n: number) => Uint8Array }
): Promise<PasskeySlot> {
	assertLength(masterKey, 'masterKey', MASTER_KEY_LENGTH, MASTER_KEY_LENGTH);
	assertLength(passkey.credentialId, 'credentialId', 1, VAULT_LIMITS.maxCredentialIdBytes);
	assertLength(passkey.prfSalt, 'prfSalt', PRF_SALT_LENGTH, PRF_SALT_LENGTH);
	assertLength(passkey.prfOutput, 'prfOutput', PRF_OUTPUT_LENGTH, PRF_OUTPUT_LENGTH);
	if (!Number.isSafeInteger(opts.now) || opts.now < 0 || opts.now > VAULT_LIMITS.maxTimestamp) {
		throw new RangeError('now must be an integer timestamp in ms');
	}
	const random = opts.random ?? randomBytes;
	const id = opts.id ?? newId(random);
	if (!VAULT_LIMITS.idPattern.test(id)) throw new RangeError('id must be 1..64 base64url characters');
	const iv = new Uint8Array(random(GCM_IV_LENGTH));
	assertLength(iv, 'random(12)', GCM_IV_LENGTH, GCM_IV_LENGTH);
	const key = await wrappingKey(passkey.prfOutput, passkey.prfSalt);
	const plain = new Uint8Array(masterKey);
	let wrapped: ArrayBuffer;
	try {
		wrapped = await globalThis.crypto.subtle.encrypt(
			{ name: 'AES-GCM', iv, additionalData: utf8(id), tagLength: GCM_TAG_LENGTH * 8 },
			key,
			plain
		);
	} finally {
		wipe(plain);
	}
	return {
		type: 'passkey',
		id,
		credentialId: toBase64Url(passkey.credentialId),
		prfSalt: toBase64Url(passkey.prfSalt),
		iv: toBase64Url(iv),
		wrapped: toBase64Url(new Uint8Array(wrapped)),
		createdAt: opts.now
	};
}

/**
 * Unwraps MK from a passkey slot.
 * @param slot - the passkey slot
 * @param prfOutput - the 32-byte PRF result for `slot.prfSalt`
 * @returns the raw 32-byte MK; the caller wipes it
 * @throws {VaultError} `PASSKEY_UNWRAP_FAILED` when the PRF output does not open the slot
 *   (another credential, another vault, or a tampered slot); `VAULT_CORRUPT` for bad fields
 */
export async function openPasskeySlot(slot: PasskeySlot, prfOutput: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
	assertLength(prfOutput, 'prfOutput', PRF_OUTPUT_LENGTH, PRF_OUTPUT_LENGTH);
	const prfSalt = decodeField(slot.prfSalt, 'prfSalt', PRF_SALT_LENGTH);
	const iv = decodeField(slot.iv, 'iv', GCM_IV_LENGTH);
	const wrapped = decodeField(slot.wrapped, 'wrapped', MASTER_KEY_LENGTH + GCM_TAG_LENGTH);
	const key = await wrappingKey(prfOutput, prfSalt);
	let plain: ArrayBuffer;
	try {
		plain = await globalThis.crypto.subtle.decrypt(
			{ name: 'AES-GCM', iv, additionalData: utf8(slot.id), tagLength: GCM_TAG_LENGTH * 8 },
			key,
			wrapped
		);
	} catch (cause) {
		// WebCrypto reports a failed tag check as OperationError (WebCrypto §27.4.2, decrypt step 6).
		throw new VaultError('PASSKEY_UNWRAP_FAILED', 'the passkey does not open this slot', { cause });
	}
	return new Uint8Array(plain);
}

/**
 * Reads a passkey slot from parsed JSON (hostile input).
 * @param value - the parsed slot object
 * @param path - its JSON path, for messages
 * @throws {VaultError} `VAULT_CORRUPT`
 */
export function parsePasskeySlot(value: unknown, path: string): PasskeySlot {
	const o = readObject(value, path, ['type', 'id', 'credentialId', 'prfSalt', 'iv', 'wrapped', 'createdAt']);
	if (o.type !== 'passkey') throw corrupt(`${path}.type`, 'must be "passkey"');
	return {
		type: 'passkey',
		id: readId(o.id, `${path}.id`),
		credentialId: readBase64Url(o.credentialId, `${path}.credentialId`, 1, VAULT_LIMITS.maxCredentialIdBytes),
		prfSalt: readBase64Url(o.prfSalt, `${path}.prfSalt`, PRF_SALT_LENGTH),
		iv: readBase64Url(o.iv, `${path}.iv`, GCM_IV_LENGTH),
		wrapped: readBase64Url(o.wrapped, `${path}.wrapped`, MASTER_KEY_LENGTH + GCM_TAG_LENGTH),
		createdAt: readInt(o.createdAt, `${path}.createdAt`, 0, VAULT_LIMITS.maxTimestamp)
	};
}

/** W = HKDF-SHA256(prfOutput, prfSalt, INFO) as a non-extractable AES-256-GCM key. */
async function wrappingKey(prfOutput: Uint8Array, prfSalt: Uint8Array): Promise<CryptoKey> {
	const raw = await hkdf(prfOutput, prfSalt, INFO, 32);
	try {
		return await globalThis.crypto.subtle.importKey('raw', raw, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
	} finally {
		wipe(raw);
	}
}

function assertLength(value: unknown, name: string, min: number, max: number): asserts value is Uint8Array {
	if (!(value instanceof Uint8Array)) throw new TypeError(`${name} must be a Uint8Array`);
	if (value.length < min || value.length > max) {
		throw new RangeError(min === max ? `${name} must be ${min} bytes` : `${name} must be ${min}..${max} bytes`);
	}
}
