import { fromBase64Url, toBase64Url, utf8 } from '../crypto/bytes';
import { corrupt, readArray, readBase64Url, readInt, readObject, type JsonObject } from './fields';
import { assertIntegrityKey } from './IntegrityKey';
import { parsePasskeySlot } from './PasskeySlot';
import { parsePinSlot } from './PinSlot';
import { SlotList, type VaultSlot } from './SlotList';
import { parseStoredAccount, type StoredAccount } from './StoredAccount';
import { VaultError } from './VaultError';
import { VAULT_LIMITS } from './vaultLimits';

export type { VaultSlot };

/**
 * The stored vault: one JSON record, shaped like Aegis's vault file
 * (`{version, header: {slots}, db}`) plus an integrity `mac`. docs/vault-format.md specifies it
 * field by field. Binary fields stay base64url text in memory too, so a `VaultFile` is exactly
 * what is stored, immutable (every operation returns a new one) and structured-clone friendly.
 *
 * Version 2 adds `generation` (how many writes this vault has seen, the compare-and-swap number
 * of docs/vault-format.md, "Generation") and `header.keyId` (which master key the slots wrap; a
 * PIN change draws a new one). Version 3 lets the PIN slot's KDF be argon2id (issue 14). Version 1
 * and 2 records are still read (`VaultFileV1`, `VaultFileV2`) and upgraded by `upgradeVaultFile`;
 * only version 3 is ever written.
 */
export type VaultFile = {
	/** Format version; this code writes 3 only. */
	readonly version: typeof VAULT_VERSION;
	/** 1 for a new vault, +1 with every write; a version-1 record counts as 0. */
	readonly generation: number;
	readonly header: {
		/** 16 random bytes, base64url, naming the master key (never derived from it). */
		readonly keyId: string;
		readonly slots: readonly VaultSlot[];
	};
	readonly db: { readonly accounts: readonly StoredAccount[] };
	/** HMAC-SHA256 of the canonical serialisation of everything else, 32 bytes, base64url. */
	readonly mac: string;
};

/** A version-1 record as `main` wrote it before the generation number existed. Read, never written. */
export type VaultFileV1 = {
	readonly version: 1;
	readonly header: { readonly slots: readonly VaultSlot[] };
	readonly db: { readonly accounts: readonly StoredAccount[] };
	readonly mac: string;
};

/**
 * A version-2 record (issue 13, before argon2id): the shape of version 3, with a scrypt PIN slot.
 * Read, never written.
 */
export type VaultFileV2 = Omit<VaultFile, 'version'> & { readonly version: 2 };

/** Whatever `decodeVaultFile` can return: the current version or an older one still readable. */
export type StoredVaultFile = VaultFile | VaultFileV2 | VaultFileV1;

/** A vault record before it is signed. */
export type UnsignedVaultFile = Omit<VaultFile, 'mac'>;

/** Any readable record without its MAC. */
type UnsignedStored = Omit<VaultFileV1, 'mac'> | Omit<VaultFileV2, 'mac'> | UnsignedVaultFile;

/** The format version this code writes. */
export const VAULT_VERSION = 3;

/** Versions this code reads: 1 and 2 (upgraded on read) and 3. */
const READABLE_VERSIONS: readonly number[] = [1, 2, 3];

/** keyId length in bytes (128 random bits: ids of two master keys never collide in practice). */
export const KEY_ID_LENGTH = 16;

/** HMAC-SHA256 output length. */
const MAC_LENGTH = 32;

/**
 * The canonical serialisation: `JSON.stringify(value, CANONICAL_KEYS)`. With an array as
 * replacer, JSON.stringify emits, for every object, exactly the listed properties that exist, in
 * list order (ECMA-262 §25.5.2, SerializeJSONObject with PropertyList). The order below yields
 * the documented order for each object: record `version, generation, header, db, mac` (version 1:
 * `version, header, db, mac`, since absent properties are skipped); header `keyId, slots`; pin slot
 * `type, id, kdf, salt, wrapped, check`; kdf `name, N, r, p` (scrypt) or `name, m, t, p`
 * (argon2id; `m` and `t` come after `r`, which argon2id lacks, and before `p`); passkey slot
 * `type, id, credentialId, prfSalt, iv, wrapped, createdAt`; account
 * `id, issuer, account, algorithm, digits, period, iv, secret, addedAt`.
 * All numbers are integers and JSON.stringify's number and string output is fully specified,
 * so the text is a function of the field values only.
 */
const CANONICAL_KEYS: readonly string[] = Object.freeze([
	'version', 'generation', 'header', 'keyId', 'slots', 'db', 'accounts',
	'type', 'id', 'kdf', 'name', 'N', 'r', 'm', 't', 'p',
	'credentialId', 'prfSalt', 'issuer', 'account', 'algorithm', 'digits', 'period',
	'salt', 'iv', 'wrapped', 'secret', 'check', 'createdAt', 'addedAt', 'mac'
]);

function canonicalJson(value: object): string {
	return JSON.stringify(value, CANONICAL_KEYS as string[]);
}

/**
 * The bytes the MAC covers: UTF-8 of the canonical serialisation of the record without `mac`
 * (`{version, generation, header, db}`; version 1: `{version, header, db}`). This equals the
 * encoded record with its trailing `,"mac":"…"` removed.
 */
function macInput(file: UnsignedStored): Uint8Array<ArrayBuffer> {
	const unsigned = file.version === 1 ? { version: 1, header: file.header, db: file.db } : { version: file.version, generation: file.generation, header: file.header, db: file.db };
	return utf8(canonicalJson(unsigned));
}

/**
 * Serialises a vault for storage: canonical JSON, one string, written in one IndexedDB put.
 * @param file - the signed vault
 */
export function encodeVaultFile(file: VaultFile): string {
	if (typeof file !== 'object' || file === null) throw new TypeError('file must be a VaultFile');
	if (file.version !== VAULT_VERSION) throw new RangeError(`only version ${VAULT_VERSION} is written`);
	return canonicalJson(file);
}

/**
 * Parses a stored vault record, treating the text as hostile: bounded size, exact shapes and
 * lengths, no unknown fields. It does not check the MAC (that needs the integrity key): callers
 * run `verifyVaultFile` next, before using anything in the result.
 *
 * The version is read first, so a record from a newer app is refused as
 * `VAULT_UNSUPPORTED_VERSION` rather than misread as corrupt. A version-1 record decodes as
 * `VaultFileV1`; run `upgradeVaultFile` on it (after `verifyVaultFile`) before any operation.
 * @param text - the stored string
 * @throws {VaultError} `VAULT_CORRUPT`, `VAULT_UNSUPPORTED_VERSION` or `VAULT_KDF_TOO_WEAK`
 */
export function decodeVaultFile(text: string): StoredVaultFile {
	if (typeof text !== 'string') throw corrupt('record', 'must be a string');
	if (text.length > VAULT_LIMITS.maxRecordLength) throw corrupt('record', `is longer than ${VAULT_LIMITS.maxRecordLength} characters`);
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (cause) {
		throw corrupt('record', 'is not JSON', cause);
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw corrupt('record', 'must be an object');
	const version = (parsed as JsonObject).version;
	if (typeof version === 'number' && Number.isSafeInteger(version) && version > VAULT_VERSION) {
		throw new VaultError('VAULT_UNSUPPORTED_VERSION', `vault record has version ${version}; this app reads versions ${READABLE_VERSIONS.join(', ')}`);
	}
	if (version === 1) return decodeV1(parsed);
	if (version !== 2 && version !== VAULT_VERSION) throw corrupt('version', `must be one of ${READABLE_VERSIONS.join(', ')}`);

	// Versions 2 and 3 share one shape; only version 3 may hold an argon2id PIN slot.
	const root = readObject(parsed, 'record', ['version', 'generation', 'header', 'db', 'mac']);
	const header = readObject(root.header, 'header', ['keyId', 'slots']);
	const file = {
		version: version as 2 | typeof VAULT_VERSION,
		generation: readInt(root.generation, 'generation', 0, Number.MAX_SAFE_INTEGER),
		header: { keyId: readBase64Url(header.keyId, 'header.keyId', KEY_ID_LENGTH), slots: readSlots(header.slots, version === VAULT_VERSION) },
		db: readDb(root.db),
		mac: readBase64Url(root.mac, 'mac', MAC_LENGTH)
	} as VaultFile | VaultFileV2;
	assertVaultInvariants(file);
	return file;
}

/** Version 1: `{version, header: {slots}, db, mac}`, exactly as docs/vault-format.md specified it. */
function decodeV1(parsed: object): VaultFileV1 {
	const root = readObject(parsed, 'record', ['version', 'header', 'db', 'mac']);
	const header = readObject(root.header, 'header', ['slots']);
	const file: VaultFileV1 = { version: 1, header: { slots: readSlots(header.slots, false) }, db: readDb(root.db), mac: readBase64Url(root.mac, 'mac', MAC_LENGTH) };
	assertVaultInvariants(file);
	return file;
}

function readSlots(value: unknown, argon2id: boolean): VaultSlot[] {
	return readArray(value, 'header.slots', 1 + VAULT_LIMITS.maxPasskeySlots).map((slot, i) => readSlot(slot, i, argon2id));
}

function readDb(value: unknown): { accounts: StoredAccount[] } {
	const db = readObject(value, 'db', ['accounts']);
	return { accounts: readArray(db.accounts, 'db.accounts', VAULT_LIMITS.maxAccounts).map((a, i) => parseStoredAccount(a, `db.accounts[${i}]`)) };
}

function readSlot(value: unknown, i: number, argon2id: boolean): VaultSlot {
	const path = `header.slots[${i}]`;
	const type = typeof value === 'object' && value !== null ? (value as JsonObject).type : undefined;
	if (type === 'pin') return parsePinSlot(value, path, { argon2id });
	if (type === 'passkey') return parsePasskeySlot(value, path);
	throw corrupt(`${path}.type`, 'must be "pin" or "passkey"');
}

/**
 * Cross-field rules: the slot rules (`SlotList.assertValid`) and unique account ids. Shared by
 * the decoder and the signer, so nothing violating them is ever written.
 * @throws {VaultError} `VAULT_CORRUPT`
 */
function assertVaultInvariants(file: UnsignedStored): void {
	new SlotList(file.header.slots).assertValid();
	if (file.db.accounts.length > VAULT_LIMITS.maxAccounts) throw corrupt('db.accounts', 'has too many accounts');
	const ids = file.db.accounts.map((a) => a.id);
	if (new Set(ids).size !== ids.length) throw corrupt('db.accounts', 'has duplicate account ids');
}

/**
 * Signs a vault: computes its MAC under the device integrity key.
 * @param file - the unsigned record (any `mac` it carries is ignored and replaced)
 * @param integrityKey - the HMAC-SHA256 device key (see `IntegrityKey`)
 * @returns a new, signed `VaultFile`
 * @throws {TypeError} when `integrityKey` is not an HMAC-SHA256 signing key
 * @throws {VaultError} `VAULT_CORRUPT` when the record breaks a cross-field rule
 */
export async function signVaultFile(file: UnsignedVaultFile, integrityKey: CryptoKey): Promise<VaultFile> {
	assertIntegrityKey(integrityKey, 'sign');
	if (file.version !== VAULT_VERSION) throw new RangeError(`version must be ${VAULT_VERSION}`);
	if (!Number.isSafeInteger(file.generation) || file.generation < 0) throw new RangeError('generation must be a non-negative integer');
	if (typeof file.header.keyId !== 'string' || fromBase64Url(file.header.keyId).length !== KEY_ID_LENGTH) throw new RangeError(`keyId must be ${KEY_ID_LENGTH} bytes of base64url`);
	assertVaultInvariants(file);
	const mac = await globalThis.crypto.subtle.sign('HMAC', integrityKey, macInput(file));
	return { version: VAULT_VERSION, generation: file.generation, header: { keyId: file.header.keyId, slots: file.header.slots }, db: file.db, mac: toBase64Url(new Uint8Array(mac)) };
}

/**
 * Verifies a vault's MAC. Run it right after decoding, before using any field.
 * WebCrypto's HMAC verify compares in constant time (WebCrypto §29.6, verify).
 * @param file - the decoded record
 * @param integrityKey - the HMAC-SHA256 device key
 * @throws {TypeError} when `integrityKey` is not an HMAC-SHA256 verification key
 * @throws {VaultError} `VAULT_TAMPERED` when the MAC does not match
 */
export async function verifyVaultFile(file: StoredVaultFile, integrityKey: CryptoKey): Promise<void> {
	assertIntegrityKey(integrityKey, 'verify');
	let mac: Uint8Array<ArrayBuffer>;
	try {
		mac = fromBase64Url(file.mac);
	} catch (cause) {
		throw new VaultError('VAULT_TAMPERED', 'vault record: mac is malformed', { cause });
	}
	const ok = mac.length === MAC_LENGTH && (await globalThis.crypto.subtle.verify('HMAC', integrityKey, mac, macInput(file)));
	if (!ok) throw new VaultError('VAULT_TAMPERED', 'vault record: integrity MAC does not match');
}
