import { stretchPin } from './stretchPin';
import { PIN_KEY_LENGTH, type KdfVerdict } from './scryptKdf';

/**
 * Argon2id (RFC 9106) parameters as stored in a PIN slot: `m` is the memory in KiB (1024-byte
 * blocks), `t` the number of passes over it, `p` the lanes. Time grows with m·t.
 */
export type Argon2idParams = { readonly name: 'argon2id'; readonly m: number; readonly t: number; readonly p: number };

/**
 * Parameters for new PIN slots: OWASP Password Storage Cheat Sheet's argon2id minimum,
 * m = 19 MiB (19,456 KiB), t = 2, p = 1. Why this line and what it costs an attacker compared
 * with the scrypt set of versions 1–2: docs/vault-format.md ("KDF") and docs/decisions.md.
 */
export const ARGON2ID_DEFAULT: Argon2idParams = Object.freeze({ name: 'argon2id', m: 19_456, t: 2, p: 1 });

/**
 * The weakest argon2id parameters a stored slot may carry: OWASP's minimum, each parameter on its
 * own (m ≥ 19 MiB, t ≥ 2, p ≥ 1). Storage is untrusted input, so a slot below this line is
 * refused, never opened (the same rule as `SCRYPT_FLOOR`).
 */
export const ARGON2ID_FLOOR = Object.freeze({ minM: 19_456, minT: 2, minP: 1 });

/**
 * The most expensive argon2id parameters a stored slot may carry: larger values come from
 * corruption or from someone trying to hang or crash the app (memory exhaustion).
 * `maxM` is 256 MiB (the scrypt ceiling's memory); `maxWork` bounds m·t at 2^20 KiB-passes,
 * 27× the default; `maxP` 16 lanes.
 */
export const ARGON2ID_CEILING = Object.freeze({ maxM: 262_144, maxT: 64, maxP: 16, maxWork: 2 ** 20 });

/**
 * Classifies argon2id parameters without throwing (see `checkScryptParams` for the verdicts).
 * @param params - anything; typically the `kdf` object of a decoded slot
 */
export function checkArgon2idParams(params: unknown): KdfVerdict {
	if (typeof params !== 'object' || params === null) return 'malformed';
	const { name, m, t, p } = params as Record<string, unknown>;
	if (name !== 'argon2id') return 'malformed';
	if (!Number.isSafeInteger(m) || !Number.isSafeInteger(t) || !Number.isSafeInteger(p)) return 'malformed';
	const mm = m as number;
	const tt = t as number;
	const pp = p as number;
	if (mm < 0 || tt < 0 || pp < 0) return 'malformed';
	if (mm > ARGON2ID_CEILING.maxM || tt > ARGON2ID_CEILING.maxT || pp > ARGON2ID_CEILING.maxP) return 'too-costly';
	if (mm * tt > ARGON2ID_CEILING.maxWork) return 'too-costly';
	// t = 0 or p = 0 (no work, or no lane at all) lands here too: the cheapest setting is a downgrade.
	if (mm < ARGON2ID_FLOOR.minM || tt < ARGON2ID_FLOOR.minT || pp < ARGON2ID_FLOOR.minP) return 'too-weak';
	// RFC 9106 §3.1: m ≥ 8·p KiB. Implied by the floor and the ceiling (19,456 ≥ 8·16), checked anyway.
	if (mm < 8 * pp) return 'malformed';
	return 'ok';
}

/**
 * Throws unless `params` are usable argon2id parameters (see `checkArgon2idParams`).
 * @throws {TypeError} when `params` are not argon2id parameters
 * @throws {RangeError} when `params` are below `ARGON2ID_FLOOR` or above `ARGON2ID_CEILING`
 */
export function assertArgon2idParams(params: Argon2idParams): void {
	const verdict = checkArgon2idParams(params);
	const text = `m=${params?.m}, t=${params?.t}, p=${params?.p}`;
	if (verdict === 'malformed') throw new TypeError('params must be { name: "argon2id", m, t, p } with integers');
	if (verdict === 'too-weak') throw new RangeError(`argon2id params below the floor: ${text}`);
	if (verdict === 'too-costly') throw new RangeError(`argon2id params above the ceiling: ${text}`);
}

/**
 * Stretches a PIN into a 32-byte key with argon2id (RFC 9106, version 0x13, no secret, no
 * associated data), in JavaScript on the calling thread (`@noble/hashes`, audited), yielding every
 * 10 ms. The app normally runs the WebAssembly build in a worker (`src/lib/browser/pinKdfWorker.ts`);
 * this is its fallback and the reference the tests compare it with.
 * @param pin - the PIN; UTF-8 encoded (callers check its format first)
 * @param salt - the slot's random salt (16 bytes in the vault)
 * @param params - checked with `assertArgon2idParams`
 * @param onProgress - optional callback receiving the completed fraction 0..1
 * @returns the 32-byte key K
 */
export async function argon2idFromPin(
	pin: string,
	salt: Uint8Array,
	params: Argon2idParams,
	onProgress?: (fraction: number) => void
): Promise<Uint8Array<ArrayBuffer>> {
	assertArgon2idParams(params);
	// Loaded on first use: the app derives in a worker and needs this JavaScript only as a fallback,
	// so it stays out of the pages' first load.
	const { argon2idAsync } = await import('@noble/hashes/argon2.js');
	return stretchPin(pin, salt, 8, onProgress, PIN_KEY_LENGTH, (password, options) => argon2idAsync(password, salt, { m: params.m, t: params.t, p: params.p, ...options }));
}
