import { utf8 } from './bytes';

/** RFC 5869 §2.3: L <= 255 * HashLen; HashLen is 32 for SHA-256. */
const MAX_LENGTH = 255 * 32;

/**
 * HKDF-SHA256 (RFC 5869) through WebCrypto's `HKDF` algorithm (WebCrypto §32).
 *
 * The vault uses it to split one secret into independent keys by `info` label
 * (RFC 5869 §3.2): the PIN slot's pad and check byte, and the passkey slot's wrapping key.
 * An empty `salt` means HashLen zero bytes (RFC 5869 §2.2), which is the right choice when
 * `ikm` is already uniformly random (RFC 5869 §3.1).
 *
 * @param ikm - input keying material
 * @param salt - optional salt, may be empty
 * @param info - context label; a string is UTF-8 encoded
 * @param length - output length L in bytes, 1..8160
 * @returns the output keying material OKM
 * @throws {TypeError} when an argument has the wrong type
 * @throws {RangeError} when `length` is out of range
 */
export async function hkdf(
	ikm: Uint8Array,
	salt: Uint8Array,
	info: string | Uint8Array,
	length: number
): Promise<Uint8Array<ArrayBuffer>> {
	if (!(ikm instanceof Uint8Array)) throw new TypeError('ikm must be a Uint8Array');
	if (!(salt instanceof Uint8Array)) throw new TypeError('salt must be a Uint8Array');
	if (typeof info !== 'string' && !(info instanceof Uint8Array)) {
		throw new TypeError('info must be a string or a Uint8Array');
	}
	if (typeof length !== 'number') throw new TypeError(`length must be a number, got ${typeof length}`);
	if (!Number.isInteger(length) || length < 1 || length > MAX_LENGTH) {
		throw new RangeError(`length must be an integer 1..${MAX_LENGTH}, got ${length}`);
	}
	// Fresh copies on plain ArrayBuffers: WebCrypto takes BufferSource, and the scratch copy of
	// the key material is wiped below.
	const scratch = new Uint8Array(ikm);
	try {
		const key = await globalThis.crypto.subtle.importKey('raw', scratch, 'HKDF', false, ['deriveBits']);
		const bits = await globalThis.crypto.subtle.deriveBits(
			{
				name: 'HKDF',
				hash: 'SHA-256',
				salt: new Uint8Array(salt),
				info: typeof info === 'string' ? utf8(info) : new Uint8Array(info)
			},
			key,
			length * 8
		);
		return new Uint8Array(bits);
	} finally {
		scratch.fill(0);
	}
}
