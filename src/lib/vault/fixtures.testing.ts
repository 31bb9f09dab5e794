/**
 * Test fixtures for the vault: records built from fixed keys instead of scrypt, so tests of the
 * format, the MAC and the slots run in milliseconds. Never imported by app code.
 * The PIN slot here uses a made-up K (not scrypt of any PIN): `unlockWithPin` cannot open it,
 * `openPinSlotWithKey(slot, pinKey)` can.
 */
import { scryptSync } from 'node:crypto';
import { sha256 } from '@noble/hashes/sha2.js';
import { toBase64Url, utf8 } from '../crypto/bytes';
import { KDF_DEFAULT, type KdfParams } from '../crypto/pinKdf';
import { SCRYPT_DEFAULT } from '../crypto/scryptKdf';
import { deriveWithWasm } from '../crypto/wasmPinKdf';
import type { OtpAlgorithm } from '../otp/OtpAlgorithm';
import type { AccountInput } from './AccountInput';
import { generateIntegrityKey } from './IntegrityKey';
import { importMasterKey } from './MasterKey';
import { createPasskeySlot } from './PasskeySlot';
import { createPinSlotWithKey } from './PinSlot';
import { sealAccount } from './StoredAccount';
import { decodeVaultFile, encodeVaultFile, signVaultFile, VAULT_VERSION, type VaultFile, type VaultSlot } from './VaultFile';

/** Deterministic 32 bytes from a label: sha256(label). */
export function bytesOf(label: string, length = 32): Uint8Array<ArrayBuffer> {
	const out = new Uint8Array(length);
	for (let i = 0; i * 32 < length; i++) out.set(sha256(utf8(`${label}/${i}`)).subarray(0, length - i * 32), i * 32);
	return out;
}

/** A deterministic randomness source for reproducible records. */
export function seededRandom(label: string): (n: number) => Uint8Array {
	let i = 0;
	return (n) => bytesOf(`${label}#${i++}`, n);
}

/** An account input with a deterministic secret. */
export function accountInput(label: string, algorithm: OtpAlgorithm = 'SHA1', secretLength = 20): AccountInput {
	return { issuer: 'HRDK', account: `홍길동 ${label}`, secret: bytesOf(`secret:${label}`, secretLength), algorithm, digits: 6, period: 60 };
}

export const FIXTURE_MK = bytesOf('master key');
export const FIXTURE_PIN_KEY = bytesOf('pin key');
export const FIXTURE_PRF_OUTPUT = bytesOf('prf output');
export const FIXTURE_PRF_SALT = bytesOf('prf salt');
export const FIXTURE_CREDENTIAL_ID = bytesOf('credential id', 16);
/** The fixture vault's key id (16 bytes, base64url). */
export const FIXTURE_KEY_ID = toBase64Url(bytesOf('key id', 16));

/**
 * A signed vault with one PIN slot, optionally one passkey slot, and the given accounts, under
 * MK = `FIXTURE_MK`. The PIN slot's K is `FIXTURE_PIN_KEY`, or, when `pin` is given, the real
 * KDF(pin, salt, kdf) (default `KDF_DEFAULT`, argon2id), so `unlockWithPin` opens it: argon2id
 * computed by the WebAssembly KDF, scrypt by node:crypto's native scrypt (both several times
 * faster than the JavaScript one; pinKdf.test.ts and scryptKdf.test.ts check that they agree).
 * `kdf: SCRYPT_DEFAULT` gives the slot a vault of versions 1–2 had (the KDF upgrade's input).
 */
export async function makeFixtureVault(
	opts: { accounts?: AccountInput[]; passkey?: boolean; integrityKey?: CryptoKey; pin?: string; kdf?: KdfParams } = {}
): Promise<{ file: VaultFile; integrityKey: CryptoKey; inputs: AccountInput[] }> {
	const integrityKey = opts.integrityKey ?? (await generateIntegrityKey());
	const inputs = opts.accounts ?? [accountInput('a', 'SHA1', 20), accountInput('b', 'SHA256', 32)];
	const random = seededRandom('fixture');
	const salt = random(16);
	const kdf = opts.kdf ?? KDF_DEFAULT;
	const pinKey = opts.pin === undefined ? FIXTURE_PIN_KEY : await fixturePinKey(opts.pin, salt, kdf);
	const pin = await createPinSlotWithKey(FIXTURE_MK, pinKey, { kdf, salt, id: 'pin-slot' });
	const slots: VaultSlot[] = [pin];
	if (opts.passkey) {
		slots.push(
			await createPasskeySlot(
				FIXTURE_MK,
				{ credentialId: FIXTURE_CREDENTIAL_ID, prfSalt: FIXTURE_PRF_SALT, prfOutput: FIXTURE_PRF_OUTPUT },
				{ now: 1_700_000_000_000, id: 'passkey-slot', random }
			)
		);
	}
	const masterKey = await importMasterKey(FIXTURE_MK);
	const accounts = [];
	for (const input of inputs) accounts.push(await sealAccount(masterKey, input, { now: 1_700_000_000_000, random }));
	const header = { keyId: FIXTURE_KEY_ID, slots };
	const file = await signVaultFile({ version: VAULT_VERSION, generation: 1, header, db: { accounts } }, integrityKey);
	return { file, integrityKey, inputs };
}

/** HMAC of a fixed message under `key`, hex: equal keys give equal results. */
export async function hmacProbe(key: CryptoKey): Promise<string> {
	const mac = await globalThis.crypto.subtle.sign('HMAC', key, utf8('probe: counter 0000000000000001'));
	return Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Decodes a record that must be the current version (tests that feed it to operations). */
export function decodeCurrent(text: string): VaultFile {
	const file = decodeVaultFile(text);
	if (file.version !== VAULT_VERSION) throw new Error(`expected a version-${VAULT_VERSION} record`);
	return file;
}

/** K for a fixture slot: argon2id by the WebAssembly KDF, scrypt by node:crypto's native scrypt. */
export async function fixturePinKey(pin: string, salt: Uint8Array, kdf: KdfParams): Promise<Uint8Array<ArrayBuffer>> {
	if (kdf.name === 'argon2id') return deriveWithWasm(utf8(pin), salt, kdf);
	const { N, r, p } = kdf;
	return new Uint8Array(scryptSync(pin, salt, 32, { N, r, p, maxmem: 2 ** 28 }));
}

/**
 * The same record as a version-2 vault would have stored it (the format before argon2id): version
 * 2, signed under version 2's canonical text. Only for a record whose PIN slot is scrypt.
 * @returns the stored text
 */
export async function asVersion2Text(file: VaultFile, integrityKey: CryptoKey): Promise<string> {
	const unsigned = encodeVaultFile(file).replace(/,"mac":"[^"]*"}$/, '}').replace(/^\{"version":3,/, '{"version":2,');
	const mac = new Uint8Array(await crypto.subtle.sign('HMAC', integrityKey, utf8(unsigned)));
	return `${unsigned.slice(0, -1)},"mac":"${toBase64Url(mac)}"}`;
}

export { SCRYPT_DEFAULT };
