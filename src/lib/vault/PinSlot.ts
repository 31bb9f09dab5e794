import { constantTimeEqual, randomBytes, toBase64Url, wipe, xorBytes } from '../crypto/bytes';
import { hkdf } from '../crypto/hkdf';
import { KDF_DEFAULT, PIN_KEY_LENGTH, assertKdfParams, checkKdfParams, deriveFromPin, type KdfParams, type PinKdf } from '../crypto/pinKdf';
import { corrupt, decodeField, readBase64Url, readId, readInt, readObject } from './fields';
import { MASTER_KEY_LENGTH } from './MasterKey';
import { newId } from './newId';
import { assertPin } from './pin';
import { VaultError } from './VaultError';
import { VAULT_LIMITS } from './vaultLimits';

/**
 * The PIN slot: the master key MK wrapped under the PIN, built so that a wrong PIN cannot be
 * confirmed offline (docs/vault-format.md, "PIN slot"):
 *
 *     K      = argon2id(PIN, salt, m, t, p)                     (RFC 9106, 32 bytes; or scrypt, RFC 7914)
 *     pad    = HKDF-SHA256(K, "", "motp/v1/pin-slot/pad", 32)   (RFC 5869)
 *     check  = HKDF-SHA256(K, "", "motp/v1/pin-slot/check", 1)  (one byte)
 *     wrapped = MK XOR pad
 *
 * Opening with any PIN whose check byte matches yields *some* 32-byte MK' (a one-time pad has no
 * redundancy); only about 1 in 256 wrong PINs gets that far, and then MK' is uniformly random.
 */
export type PinSlot = {
	readonly type: 'pin';
	/** Slot id, base64url. */
	readonly id: string;
	/** The KDF and its parameters used for K: argon2id, or scrypt (slots written before version 3). */
	readonly kdf: KdfParams;
	/** 16 random bytes, base64url; fresh for every slot, so a pad is never reused. */
	readonly salt: string;
	/** MK XOR pad, 32 bytes, base64url. */
	readonly wrapped: string;
	/** The check byte, 0..255. */
	readonly check: number;
};

/** Salt length in bytes: 128 bits, so salts never collide in practice (RFC 7914 §11 / NIST SP 800-132 §5.1). */
export const PIN_SALT_LENGTH = 16;

/** HKDF `info` labels; versioned so a future format can never derive the same bytes. */
const INFO_PAD = 'motp/v1/pin-slot/pad';
const INFO_CHECK = 'motp/v1/pin-slot/check';
/** HKDF salt: empty, since K is already a uniformly random KDF output (RFC 5869 §3.1). */
const NO_SALT = new Uint8Array(0);

/**
 * Wraps MK under a PIN: draws a salt, runs the KDF, and builds the slot.
 * @param masterKey - raw 32-byte MK (the caller wipes it)
 * @param pin - 6 ASCII digits
 * @param opts.kdf - KDF parameters (default `KDF_DEFAULT`), checked against the floor
 * @param opts.id - slot id (default: a fresh random id)
 * @param opts.random - randomness source for salt and id
 * @param opts.onProgress - KDF progress, 0..1
 * @param opts.derive - the KDF implementation (default: the core's JavaScript `deriveFromPin`)
 * @throws {VaultError} `PIN_INVALID_FORMAT`
 * @throws {TypeError} / {RangeError} on bad arguments, including `kdf` outside the floor/ceiling
 */
export async function createPinSlot(
	masterKey: Uint8Array,
	pin: string,
	opts: { kdf?: KdfParams; id?: string; random?: (n: number) => Uint8Array; onProgress?: (f: number) => void; derive?: PinKdf | undefined } = {}
): Promise<PinSlot> {
	assertPin(pin);
	const kdf = opts.kdf ?? KDF_DEFAULT;
	assertKdfParams(kdf);
	const random = opts.random ?? randomBytes;
	const salt = new Uint8Array(random(PIN_SALT_LENGTH));
	const pinKey = await derivePinKey(opts.derive, pin, salt, kdf, opts.onProgress);
	try {
		return await createPinSlotWithKey(masterKey, pinKey, { kdf, salt, id: opts.id ?? newId(random) });
	} finally {
		wipe(pinKey);
	}
}

/**
 * Builds a PIN slot from an already derived K. `createPinSlot` is the normal entry point; this
 * one lets tests and benchmarks exercise the slot without paying for the KDF each time.
 * @param masterKey - raw 32-byte MK
 * @param pinKey - K = KDF(PIN, salt, kdf), 32 bytes
 * @param slot.kdf - the parameters K was derived with (recorded in the slot)
 * @param slot.salt - the 16-byte salt K was derived with
 * @param slot.id - slot id
 */
export async function createPinSlotWithKey(
	masterKey: Uint8Array,
	pinKey: Uint8Array,
	slot: { kdf: KdfParams; salt: Uint8Array; id: string }
): Promise<PinSlot> {
	if (!(masterKey instanceof Uint8Array) || masterKey.length !== MASTER_KEY_LENGTH) {
		throw new RangeError(`masterKey must be ${MASTER_KEY_LENGTH} bytes`);
	}
	if (!(slot.salt instanceof Uint8Array) || slot.salt.length !== PIN_SALT_LENGTH) {
		throw new RangeError(`salt must be ${PIN_SALT_LENGTH} bytes`);
	}
	assertKdfParams(slot.kdf);
	if (typeof slot.id !== 'string' || !VAULT_LIMITS.idPattern.test(slot.id)) throw new RangeError('id must be 1..64 base64url characters');
	const { pad, check } = await deriveSlotKeys(pinKey);
	try {
		const wrapped = xorBytes(masterKey, pad);
		const result: PinSlot = {
			type: 'pin',
			id: slot.id,
			kdf: copyKdf(slot.kdf),
			salt: toBase64Url(slot.salt),
			wrapped: toBase64Url(wrapped),
			check
		};
		wipe(wrapped);
		return result;
	} finally {
		wipe(pad);
	}
}

/**
 * Opens a PIN slot: runs its KDF with the slot's (floor-checked) parameters and unwraps MK.
 * @param slot - the PIN slot
 * @param pin - what the user typed
 * @param onProgress - KDF progress, 0..1
 * @param derive - the KDF implementation (default: the core's JavaScript `deriveFromPin`)
 * @returns a 32-byte MK': the real MK for the right PIN, uniformly random bytes for the ~1/256
 *   wrong PINs that pass the check. The caller wipes it.
 * @throws {VaultError} `PIN_INVALID_FORMAT`; `VAULT_KDF_TOO_WEAK` / `VAULT_CORRUPT` for bad stored
 *   parameters (checked before any work); `PIN_CHECK_FAILED` when the PIN is certainly wrong
 */
export async function openPinSlot(slot: PinSlot, pin: string, onProgress?: (f: number) => void, derive?: PinKdf): Promise<Uint8Array<ArrayBuffer>> {
	assertPin(pin);
	assertStoredKdf(slot.kdf, 'kdf');
	const salt = decodeField(slot.salt, 'salt', PIN_SALT_LENGTH);
	const pinKey = await derivePinKey(derive, pin, salt, slot.kdf, onProgress);
	try {
		return await openPinSlotWithKey(slot, pinKey);
	} finally {
		wipe(pinKey);
	}
}

/**
 * Unwraps MK from a PIN slot with an already derived K (see `createPinSlotWithKey`).
 * @param slot - the PIN slot
 * @param pinKey - K, 32 bytes
 * @throws {VaultError} `PIN_CHECK_FAILED` when K's check byte differs from the slot's
 */
export async function openPinSlotWithKey(slot: PinSlot, pinKey: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
	const wrapped = decodeField(slot.wrapped, 'wrapped', MASTER_KEY_LENGTH);
	const { pad, check } = await deriveSlotKeys(pinKey);
	try {
		if (!constantTimeEqual(Uint8Array.of(check), Uint8Array.of(slot.check))) {
			throw new VaultError('PIN_CHECK_FAILED', 'wrong PIN (check byte mismatch)');
		}
		return xorBytes(wrapped, pad);
	} finally {
		wipe(pad);
	}
}

/**
 * Reads a PIN slot from parsed JSON (hostile input).
 * @param value - the parsed slot object
 * @param path - its JSON path, for messages
 * @param opts.argon2id - whether the record's version may hold an argon2id slot (3 and later;
 *   default true). Versions 1 and 2 define scrypt only.
 * @throws {VaultError} `VAULT_CORRUPT`, or `VAULT_KDF_TOO_WEAK` for parameters below the floor
 */
export function parsePinSlot(value: unknown, path: string, opts: { argon2id?: boolean } = {}): PinSlot {
	const o = readObject(value, path, ['type', 'id', 'kdf', 'salt', 'wrapped', 'check']);
	if (o.type !== 'pin') throw corrupt(`${path}.type`, 'must be "pin"');
	const kdf = readKdf(o.kdf, `${path}.kdf`, opts.argon2id ?? true);
	return {
		type: 'pin',
		id: readId(o.id, `${path}.id`),
		kdf,
		salt: readBase64Url(o.salt, `${path}.salt`, PIN_SALT_LENGTH),
		wrapped: readBase64Url(o.wrapped, `${path}.wrapped`, MASTER_KEY_LENGTH),
		check: readInt(o.check, `${path}.check`, 0, 255)
	};
}

/**
 * Reads a stored `kdf` object: exactly `{name: "scrypt", N, r, p}` or `{name: "argon2id", m, t, p}`
 * (the latter only where the version allows it), within its floor and ceiling.
 */
function readKdf(value: unknown, path: string, argon2id: boolean): KdfParams {
	const name = typeof value === 'object' && value !== null ? (value as Record<string, unknown>).name : undefined;
	if (name === 'argon2id' && argon2id) {
		const o = readObject(value, path, ['name', 'm', 't', 'p']);
		assertStoredKdf(o, path);
		return { name: 'argon2id', m: o.m as number, t: o.t as number, p: o.p as number };
	}
	const o = readObject(value, path, ['name', 'N', 'r', 'p']);
	if (o.name !== 'scrypt') throw corrupt(`${path}.name`, argon2id ? 'must be "scrypt" or "argon2id"' : 'must be "scrypt" in this version');
	assertStoredKdf(o, path);
	return { name: 'scrypt', N: o.N as number, r: o.r as number, p: o.p as number };
}

/** A fresh object with exactly the fields of the KDF's shape (nothing else is ever stored). */
function copyKdf(kdf: KdfParams): KdfParams {
	return kdf.name === 'argon2id' ? { name: 'argon2id', m: kdf.m, t: kdf.t, p: kdf.p } : { name: 'scrypt', N: kdf.N, r: kdf.r, p: kdf.p };
}

/** Runs the injected KDF, or the core's; either way after the floor check. */
function derivePinKey(derive: PinKdf | undefined, pin: string, salt: Uint8Array, kdf: KdfParams, onProgress?: (f: number) => void): Promise<Uint8Array<ArrayBuffer>> {
	assertKdfParams(kdf);
	return (derive ?? deriveFromPin)(pin, salt, kdf, onProgress);
}

/**
 * Refuses stored KDF parameters below the floor (`VAULT_KDF_TOO_WEAK`: a downgrade) or
 * above the ceiling or malformed (`VAULT_CORRUPT`: corruption or a denial-of-service attempt).
 */
function assertStoredKdf(kdf: unknown, path: string): void {
	const verdict = checkKdfParams(kdf);
	if (verdict === 'too-weak') throw new VaultError('VAULT_KDF_TOO_WEAK', `vault record: ${path} is below the KDF floor`);
	if (verdict === 'too-costly') throw corrupt(path, 'is above the KDF ceiling');
	if (verdict === 'malformed') throw corrupt(path, 'is not valid KDF parameters');
}

/** pad and check from K (RFC 5869 §3.2: independent outputs by distinct `info`). */
async function deriveSlotKeys(pinKey: Uint8Array): Promise<{ pad: Uint8Array; check: number }> {
	if (!(pinKey instanceof Uint8Array) || pinKey.length !== PIN_KEY_LENGTH) throw new RangeError(`pinKey must be ${PIN_KEY_LENGTH} bytes`);
	const [pad, checkBytes] = await Promise.all([
		hkdf(pinKey, NO_SALT, INFO_PAD, MASTER_KEY_LENGTH),
		hkdf(pinKey, NO_SALT, INFO_CHECK, 1)
	]);
	return { pad, check: checkBytes[0]! };
}
