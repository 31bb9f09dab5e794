import { fromBase64Url, toBase64Url, utf8 } from '../crypto/bytes';
import { corrupt, readArray, readBase64Url, readObject, type JsonObject } from './fields';
import { assertIntegrityKey } from './IntegrityKey';
import { parsePasskeySlot, type PasskeySlot } from './PasskeySlot';
import { parsePinSlot, type PinSlot } from './PinSlot';
import { parseStoredAccount, type StoredAccount } from './StoredAccount';
import { VaultError } from './VaultError';
import { VAULT_LIMITS } from './vaultLimits';

/**
 * The stored vault: one JSON record, shaped like Aegis's vault file
 * (`{version, header: {slots}, db}`) plus an integrity `mac`. docs/vault-format.md specifies it
 * field by field. Binary fields stay base64url text in memory too, so a `VaultFile` is exactly
 * what is stored, immutable (every operation returns a new one) and structured-clone friendly.
 */
export type VaultFile = {
	/** Format version; this code reads and writes 1 only. */
	readonly version: typeof VAULT_VERSION;
	readonly header: { readonly slots: readonly VaultSlot[] };
	readonly db: { readonly accounts: readonly StoredAccount[] };
	/** HMAC-SHA256 of the canonical serialisation of everything else, 32 bytes, base64url. */
	readonly mac: string;
};

/** A vault record before it is signed. */
export type UnsignedVaultFile = Omit<VaultFile, 'mac'>;

/** Any slot: each wraps the same master key. Exactly one PIN slot; passkey slots are optional. */
export type VaultSlot = PinSlot | PasskeySlot;

/** The only format version this code reads and writes. */
export const VAULT_VERSION = 1;

/** HMAC-SHA256 output length. */
const MAC_LENGTH = 32;

/**
 * The canonical serialisation: `JSON.stringify(value, CANONICAL_KEYS)`. With an array as
 * replacer, JSON.stringify emits, for every object, exactly the listed properties that exist, in
 * list order (ECMA-262 §25.5.2, SerializeJSONObject with PropertyList). The order below yields
 * the documented order for each object: record `version, header, db, mac`; pin slot
 * `type, id, kdf, salt, wrapped, check`; kdf `name, N, r, p`; passkey slot
 * `type, id, credentialId, prfSalt, iv, wrapped, createdAt`; account
 * `id, issuer, account, algorithm, digits, period, iv, secret, addedAt`.
 * All numbers are integers and JSON.stringify's number and string output is fully specified,
 * so the text is a function of the field values only.
 */
const CANONICAL_KEYS: readonly string[] = Object.freeze([
	'version', 'header', 'slots', 'db', 'accounts',
	'type', 'id', 'kdf', 'name', 'N', 'r', 'p',
	'credentialId', 'prfSalt', 'issuer', 'account', 'algorithm', 'digits', 'period',
	'salt', 'iv', 'wrapped', 'secret', 'check', 'createdAt', 'addedAt', 'mac'
]);

function canonicalJson(value: UnsignedVaultFile | VaultFile): string {
	return JSON.stringify(value, CANONICAL_KEYS as string[]);
}

/**
 * The bytes the MAC covers: UTF-8 of the canonical serialisation of `{version, header, db}`.
 * This equals the encoded record with its trailing `,"mac":"…"` removed.
 */
function macInput(file: UnsignedVaultFile): Uint8Array<ArrayBuffer> {
	return utf8(canonicalJson({ version: file.version, header: file.header, db: file.db }));
}

/**
 * Serialises a vault for storage: canonical JSON, one string, written in one IndexedDB put.
 * @param file - the signed vault
 */
export function encodeVaultFile(file: VaultFile): string {
	if (typeof file !== 'object' || file === null) throw new TypeError('file must be a VaultFile');
	return canonicalJson(file);
}

/**
 * Parses a stored vault record, treating the text as hostile: bounded size, exact shapes and
 * lengths, no unknown fields. It does not check the MAC (that needs the integrity key): callers
 * run `verifyVaultFile` next, before using anything in the result.
 *
 * The version is read first, so a record from a newer app is refused as
 * `VAULT_UNSUPPORTED_VERSION` rather than misread as corrupt.
 * @param text - the stored string
 * @throws {VaultError} `VAULT_CORRUPT`, `VAULT_UNSUPPORTED_VERSION` or `VAULT_KDF_TOO_WEAK`
 */
export function decodeVaultFile(text: string): VaultFile {
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
		throw new VaultError('VAULT_UNSUPPORTED_VERSION', `vault record has version ${version}; this app reads version ${VAULT_VERSION}`);
	}
	if (version !== VAULT_VERSION) throw corrupt('version', `must be ${VAULT_VERSION}`);

	const root = readObject(parsed, 'record', ['version', 'header', 'db', 'mac']);
	const header = readObject(root.header, 'header', ['slots']);
	const db = readObject(root.db, 'db', ['accounts']);
	const slots = readArray(header.slots, 'header.slots', 1 + VAULT_LIMITS.maxPasskeySlots).map(readSlot);
	const accounts = readArray(db.accounts, 'db.accounts', VAULT_LIMITS.maxAccounts).map((a, i) =>
		parseStoredAccount(a, `db.accounts[${i}]`)
	);
	const file: VaultFile = {
		version: VAULT_VERSION,
		header: { slots },
		db: { accounts },
		mac: readBase64Url(root.mac, 'mac', MAC_LENGTH)
	};
	assertVaultInvariants(file);
	return file;
}

function readSlot(value: unknown, i: number): VaultSlot {
	const path = `header.slots[${i}]`;
	const type = typeof value === 'object' && value !== null ? (value as JsonObject).type : undefined;
	if (type === 'pin') return parsePinSlot(value, path);
	if (type === 'passkey') return parsePasskeySlot(value, path);
	throw corrupt(`${path}.type`, 'must be "pin" or "passkey"');
}

/**
 * Cross-field rules: exactly one PIN slot, unique slot ids, unique credential ids, unique
 * account ids. Shared by the decoder and the signer, so nothing violating them is ever written.
 * @throws {VaultError} `VAULT_CORRUPT`
 */
function assertVaultInvariants(file: UnsignedVaultFile): void {
	const slots = file.header.slots;
	if (slots.filter((s) => s.type === 'pin').length !== 1) throw corrupt('header.slots', 'must hold exactly one PIN slot');
	if (slots.length > 1 + VAULT_LIMITS.maxPasskeySlots) throw corrupt('header.slots', 'has too many passkey slots');
	if (file.db.accounts.length > VAULT_LIMITS.maxAccounts) throw corrupt('db.accounts', 'has too many accounts');
	assertUnique(slots.map((s) => s.id), 'header.slots', 'slot ids');
	assertUnique(slots.flatMap((s) => (s.type === 'passkey' ? [s.credentialId] : [])), 'header.slots', 'credential ids');
	assertUnique(file.db.accounts.map((a) => a.id), 'db.accounts', 'account ids');
}

function assertUnique(values: readonly string[], path: string, what: string): void {
	if (new Set(values).size !== values.length) throw corrupt(path, `has duplicate ${what}`);
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
	assertVaultInvariants(file);
	const mac = await globalThis.crypto.subtle.sign('HMAC', integrityKey, macInput(file));
	return { version: VAULT_VERSION, header: file.header, db: file.db, mac: toBase64Url(new Uint8Array(mac)) };
}

/**
 * Verifies a vault's MAC. Run it right after decoding, before using any field.
 * WebCrypto's HMAC verify compares in constant time (WebCrypto §29.6, verify).
 * @param file - the decoded record
 * @param integrityKey - the HMAC-SHA256 device key
 * @throws {TypeError} when `integrityKey` is not an HMAC-SHA256 verification key
 * @throws {VaultError} `VAULT_TAMPERED` when the MAC does not match
 */
export async function verifyVaultFile(file: VaultFile, integrityKey: CryptoKey): Promise<void> {
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
