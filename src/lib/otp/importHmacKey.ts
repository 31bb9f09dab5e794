import { assertOtpAlgorithm, webCryptoHash, type OtpAlgorithm } from './OtpAlgorithm';

/**
 * Imports an OTP secret as a WebCrypto HMAC key (RFC 2104 via WebCrypto §29) that can only sign
 * and can never be exported again, so the raw secret need not outlive this call
 * (docs/architecture.md, Seams: HMAC).
 *
 * The bytes are copied into a scratch buffer for the import and the scratch buffer is zeroed
 * afterwards; the caller still owns (and should wipe) `secret`.
 *
 * @param secret - the shared secret K of RFC 4226 §5.1, at least one byte
 * @param algorithm - the HMAC hash
 * @returns a non-extractable `CryptoKey` with usages `['sign']`
 * @throws {TypeError} when `secret` is not a `Uint8Array` or `algorithm` is not a string
 * @throws {RangeError} when `secret` is empty or `algorithm` is unsupported
 */
export async function importHmacKey(secret: Uint8Array, algorithm: OtpAlgorithm): Promise<CryptoKey> {
	if (!(secret instanceof Uint8Array)) throw new TypeError('secret must be a Uint8Array');
	if (secret.length === 0) throw new RangeError('secret must not be empty');
	assertOtpAlgorithm(algorithm, 'algorithm');
	// A fresh copy: exactly `secret.length` bytes on a plain ArrayBuffer (never a SharedArrayBuffer view).
	const scratch = new Uint8Array(secret);
	try {
		return await globalThis.crypto.subtle.importKey(
			'raw',
			scratch,
			{ name: 'HMAC', hash: webCryptoHash(algorithm), length: scratch.length * 8 },
			false,
			['sign']
		);
	} finally {
		scratch.fill(0);
	}
}
