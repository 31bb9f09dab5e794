/**
 * HOTP: HMAC-based one-time passwords, RFC 4226.
 */

/** Smallest and largest supported code length. RFC 4226 §5.3 requires at least 6 digits; the Key URI format allows 6 or 8, we accept 7 too. */
export const MIN_DIGITS = 6;
/** @see MIN_DIGITS */
export const MAX_DIGITS = 8;

/**
 * RFC 4226 §5.3 steps 2 and 3: dynamic truncation of an HMAC value into a decimal code.
 * The offset is the low nibble of the *last* byte, which for SHA-256/512 is how RFC 6238
 * Appendix A's reference code reads it.
 *
 * @param mac - the HMAC value (20 bytes for SHA-1, 32 or 64 for SHA-256/512)
 * @param digits - code length, 6..8
 * @returns the code, zero-padded on the left to `digits` characters
 * @throws {TypeError} when `mac` is not a `Uint8Array` or `digits` is not a number
 * @throws {RangeError} when `mac` is shorter than 20 bytes or `digits` is not an integer in 6..8
 */
export function truncate(mac: Uint8Array, digits: number): string {
	if (!(mac instanceof Uint8Array)) throw new TypeError('mac must be a Uint8Array');
	// 20 bytes is SHA-1's output and covers the largest offset (15) plus the 4 bytes read.
	if (mac.length < 20) throw new RangeError(`mac must be at least 20 bytes, got ${mac.length}`);
	assertDigits(digits);
	const offset = mac[mac.length - 1]! & 0x0f;
	// §5.3 "DT": 31 bits starting at the offset; the top bit is masked so signed/unsigned
	// 32-bit arithmetic agree.
	const binCode =
		((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
	return String(binCode % 10 ** digits).padStart(digits, '0');
}

/**
 * RFC 4226 §5.3: HOTP(K, C) = Truncate(HMAC(K, C)), with C the 8-byte big-endian counter.
 *
 * @param opts.key - HMAC key from `importHmacKey` (usage `sign`)
 * @param opts.counter - moving factor C, a safe non-negative integer
 * @param opts.digits - code length, 6..8
 * @returns the zero-padded decimal code
 * @throws {TypeError} when `key` is not an HMAC `CryptoKey`, or `counter`/`digits` is not a number
 * @throws {RangeError} when `counter` is not a safe non-negative integer or `digits` is not 6..8
 */
export async function hotp(opts: { key: CryptoKey; counter: number; digits: number }): Promise<string> {
	if (typeof opts !== 'object' || opts === null) throw new TypeError('opts must be an object');
	const { key, counter, digits } = opts;
	assertHmacKey(key);
	assertCounter(counter);
	assertDigits(digits);
	const mac = await globalThis.crypto.subtle.sign('HMAC', key, counterBytes(counter));
	return truncate(new Uint8Array(mac), digits);
}

/**
 * RFC 4226 §5.1: the counter as 8 bytes, big-endian (high-order byte first).
 * @param counter - safe non-negative integer (at most 2^53 - 1, so the high word fits in 21 bits)
 */
export function counterBytes(counter: number): Uint8Array<ArrayBuffer> {
	const bytes = new Uint8Array(8);
	const view = new DataView(bytes.buffer);
	view.setUint32(0, Math.floor(counter / 2 ** 32));
	view.setUint32(4, counter % 2 ** 32);
	return bytes;
}

function assertHmacKey(key: unknown): asserts key is CryptoKey {
	// Duck-typed: a CryptoKey from another realm (iframe, worker) is still a CryptoKey.
	const k = key as Partial<CryptoKey> | null;
	if (typeof k !== 'object' || k === null || typeof k.algorithm !== 'object' || k.algorithm?.name !== 'HMAC') {
		throw new TypeError('key must be an HMAC CryptoKey (see importHmacKey)');
	}
	if (!Array.isArray(k.usages) || !k.usages.includes('sign')) {
		throw new TypeError("key must allow the 'sign' usage");
	}
}

function assertCounter(counter: unknown): asserts counter is number {
	if (typeof counter !== 'number') throw new TypeError(`counter must be a number, got ${typeof counter}`);
	if (!Number.isSafeInteger(counter) || counter < 0) {
		throw new RangeError(`counter must be a safe non-negative integer, got ${counter}`);
	}
}

/**
 * Argument check for a code length.
 * @param digits - the value to check
 * @throws {TypeError} when `digits` is not a number
 * @throws {RangeError} when `digits` is not an integer in 6..8
 */
export function assertDigits(digits: unknown): asserts digits is number {
	if (typeof digits !== 'number') throw new TypeError(`digits must be a number, got ${typeof digits}`);
	if (!Number.isInteger(digits) || digits < MIN_DIGITS || digits > MAX_DIGITS) {
		throw new RangeError(`digits must be an integer from ${MIN_DIGITS} to ${MAX_DIGITS}, got ${digits}`);
	}
}
