import { ARGON2ID_DEFAULT, argon2idFromPin, checkArgon2idParams, type Argon2idParams } from './argon2idKdf';
import { checkScryptParams, PIN_KEY_LENGTH, scryptFromPin, type KdfVerdict, type ScryptParams } from './scryptKdf';

export { PIN_KEY_LENGTH, type KdfVerdict };

/** The KDF of a PIN slot, as stored: scrypt (vault versions 1–3) or argon2id (version 3). */
export type KdfParams = ScryptParams | Argon2idParams;

/** Parameters for new PIN slots: argon2id at OWASP's minimum (see `ARGON2ID_DEFAULT`). */
export const KDF_DEFAULT: KdfParams = ARGON2ID_DEFAULT;

/**
 * How a PIN is stretched into the 32-byte key K. The core's own is `deriveFromPin` (JavaScript
 * on the calling thread); the app injects a faster one (WebAssembly in a worker,
 * `src/lib/browser/pinKdfWorker.ts`) that must give the same bytes.
 * @param pin - 6 ASCII digits
 * @param salt - the slot's salt
 * @param params - floor-checked parameters
 * @param onProgress - optional, the completed fraction 0..1
 */
export type PinKdf = (pin: string, salt: Uint8Array, params: KdfParams, onProgress?: (fraction: number) => void) => Promise<Uint8Array<ArrayBuffer>>;

/**
 * Classifies stored KDF parameters without throwing: `ok`, `malformed` (an unknown `name`
 * included), `too-costly` (above the ceiling) or `too-weak` (below the floor), by name.
 * @param params - anything; typically the `kdf` object of a decoded slot
 */
export function checkKdfParams(params: unknown): KdfVerdict {
	if (typeof params !== 'object' || params === null) return 'malformed';
	const name = (params as Record<string, unknown>).name;
	if (name === 'scrypt') return checkScryptParams(params);
	if (name === 'argon2id') return checkArgon2idParams(params);
	return 'malformed';
}

/**
 * Throws unless `params` are usable (for parameters chosen by code).
 * @throws {TypeError} when `params` are not scrypt or argon2id parameters
 * @throws {RangeError} when `params` are below the floor or above the ceiling of their KDF
 */
export function assertKdfParams(params: KdfParams): void {
	const verdict = checkKdfParams(params);
	const name = (params as { name?: unknown } | null)?.name;
	if (verdict === 'malformed') throw new TypeError('params must be scrypt { N, r, p } or argon2id { m, t, p } parameters');
	if (verdict === 'too-weak') throw new RangeError(`${String(name)} params below the floor`);
	if (verdict === 'too-costly') throw new RangeError(`${String(name)} params above the ceiling`);
}

/**
 * Whether a slot's KDF is the one new slots get. A slot under another KDF (scrypt, from versions
 * 1–2) is re-wrapped under `KDF_DEFAULT` at its next successful unlock.
 */
export function isCurrentKdf(params: KdfParams): boolean {
	return params.name === KDF_DEFAULT.name;
}

/**
 * The core's PIN KDF: JavaScript (`@noble/hashes`, audited) on the calling thread, yielding every
 * 10 ms so a page keeps painting. Used in Node, in tests, and in the browser as the fallback when
 * the worker cannot run.
 * @throws {TypeError} / {RangeError} on bad arguments or parameters
 */
export const deriveFromPin: PinKdf = async (pin, salt, params, onProgress) => {
	assertKdfParams(params);
	return params.name === 'argon2id' ? argon2idFromPin(pin, salt, params, onProgress) : scryptFromPin(pin, salt, params, onProgress);
};
