import { stretchPin } from './stretchPin';

/**
 * scrypt (RFC 7914) parameters as stored in a PIN slot. `N` is the CPU/memory cost (a power of
 * two), `r` the block size, `p` the parallelisation; memory is about 128·N·r bytes and time
 * grows with N·r·p (RFC 7914 §2).
 */
export type ScryptParams = { readonly name: 'scrypt'; readonly N: number; readonly r: number; readonly p: number };

/**
 * Parameters for new PIN slots: OWASP Password Storage Cheat Sheet's scrypt set
 * N=2^16, r=8, p=2 (64 MiB). N·r·p = 2^20, the same work as OWASP's first set
 * N=2^17, r=8, p=1, at half the memory, which suits mid-range phones.
 */
export const SCRYPT_DEFAULT: ScryptParams = Object.freeze({ name: 'scrypt', N: 2 ** 16, r: 8, p: 2 });

/**
 * The weakest parameters a stored slot may carry. Storage is untrusted input: someone who can
 * write it (and may even hold the device's integrity key) could lower the cost to make PIN
 * guessing cheaper, so below this line a slot is refused, never opened.
 * `minWork` is OWASP's equal-strength line N·r·p = 2^17·8·1.
 */
export const SCRYPT_FLOOR = Object.freeze({ minN: 2 ** 13, minR: 8, minP: 1, minWork: 2 ** 20 });

/**
 * The most expensive parameters a stored slot may carry. Larger values are not "extra safe":
 * they come from corruption or from someone trying to hang or crash the app (memory
 * exhaustion), so they are refused as corrupt.
 * `maxMemoryBlocks` bounds N·r, i.e. 128·N·r <= 256 MiB; `maxWork` bounds N·r·p at 16× the default.
 */
export const SCRYPT_CEILING = Object.freeze({ maxN: 2 ** 20, maxR: 32, maxP: 16, maxMemoryBlocks: 2 ** 21, maxWork: 2 ** 24 });

/** Length of the key derived from a PIN, in bytes (256 bits). */
export const PIN_KEY_LENGTH = 32;

/**
 * How a set of parameters fares against the floor and ceiling:
 * - `ok`: usable;
 * - `malformed`: not scrypt parameters at all (wrong name, non-integers, N not a power of two);
 * - `too-costly`: above `SCRYPT_CEILING` (corrupt or hostile);
 * - `too-weak`: below `SCRYPT_FLOOR` (a downgrade).
 */
export type KdfVerdict = 'ok' | 'malformed' | 'too-costly' | 'too-weak';

/**
 * Classifies KDF parameters without throwing. The vault decoder maps the verdict onto its
 * error codes; `assertScryptParams` is the throwing variant for parameters that come from code.
 * @param params - anything; typically the `kdf` object of a decoded slot
 */
export function checkScryptParams(params: unknown): KdfVerdict {
	if (typeof params !== 'object' || params === null) return 'malformed';
	const { name, N, r, p } = params as Record<string, unknown>;
	if (name !== 'scrypt') return 'malformed';
	if (!Number.isSafeInteger(N) || !Number.isSafeInteger(r) || !Number.isSafeInteger(p)) return 'malformed';
	const n = N as number;
	const rr = r as number;
	const pp = p as number;
	// RFC 7914 §2: N is a power of two larger than 1 (`n & (n - 1)` would only see 32 bits).
	if (n < 2 || 2 ** Math.round(Math.log2(n)) !== n || rr < 0 || pp < 0) return 'malformed';
	if (n > SCRYPT_CEILING.maxN || rr > SCRYPT_CEILING.maxR || pp > SCRYPT_CEILING.maxP) return 'too-costly';
	if (n * rr > SCRYPT_CEILING.maxMemoryBlocks || n * rr * pp > SCRYPT_CEILING.maxWork) return 'too-costly';
	// r = 0 or p = 0 (no work at all) lands here too: the cheapest setting is a downgrade.
	if (n < SCRYPT_FLOOR.minN || rr < SCRYPT_FLOOR.minR || pp < SCRYPT_FLOOR.minP) return 'too-weak';
	if (n * rr * pp < SCRYPT_FLOOR.minWork) return 'too-weak';
	return 'ok';
}

/**
 * Throws unless `params` are usable (see `checkScryptParams`). For parameters chosen by code
 * (for example a `kdf` option); stored parameters go through the vault decoder instead,
 * which reports `VaultError('VAULT_KDF_TOO_WEAK')` or `VaultError('VAULT_CORRUPT')`.
 * @param params - the parameters to check
 * @throws {TypeError} when `params` are not scrypt parameters
 * @throws {RangeError} when `params` are below `SCRYPT_FLOOR` or above `SCRYPT_CEILING`
 */
export function assertScryptParams(params: ScryptParams): void {
	const verdict = checkScryptParams(params);
	if (verdict === 'malformed') throw new TypeError('params must be { name: "scrypt", N, r, p } with N a power of two');
	if (verdict === 'too-weak') throw new RangeError(`scrypt params below the floor: ${describe(params)}`);
	if (verdict === 'too-costly') throw new RangeError(`scrypt params above the ceiling: ${describe(params)}`);
}

function describe(params: ScryptParams): string {
	return `N=${params.N}, r=${params.r}, p=${params.p}`;
}

/**
 * Stretches a PIN into a 32-byte key with scrypt (RFC 7914), asynchronously so the UI stays
 * responsive. Only a million 6-digit PINs exist, so this cost is what makes each offline
 * guess expensive; see docs/vault-format.md for why scrypt and these parameters.
 *
 * @param pin - the PIN; UTF-8 encoded (callers check its format first)
 * @param salt - the slot's random salt (16 bytes in the vault)
 * @param params - scrypt parameters, checked with `assertScryptParams`
 * @param onProgress - optional callback receiving the completed fraction 0..1
 * @returns the 32-byte key K
 * @throws {TypeError} / {RangeError} on bad arguments or parameters
 */
export async function scryptFromPin(
	pin: string,
	salt: Uint8Array,
	params: ScryptParams,
	onProgress?: (fraction: number) => void
): Promise<Uint8Array<ArrayBuffer>> {
	assertScryptParams(params);
	// Loaded on first use: the app derives in a worker and needs this JavaScript only as a fallback,
	// so it stays out of the pages' first load.
	const { scryptAsync } = await import('@noble/hashes/scrypt.js');
	return stretchPin(pin, salt, 1, onProgress, PIN_KEY_LENGTH, (password, options) => scryptAsync(password, salt, { N: params.N, r: params.r, p: params.p, ...options }));
}
