/**
 * HMAC hash functions an OTP may use: SHA-1 is the RFC 4226 default, RFC 6238 §1.2 adds
 * SHA-256 and SHA-512. Spelled as in the Key URI format's `algorithm` parameter.
 */
export type OtpAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

/** Every supported algorithm, default (`SHA1`) first. */
export const OTP_ALGORITHMS: readonly OtpAlgorithm[] = Object.freeze(['SHA1', 'SHA256', 'SHA512']);

const WEB_CRYPTO_HASH = {
	SHA1: 'SHA-1',
	SHA256: 'SHA-256',
	SHA512: 'SHA-512'
} as const satisfies Record<OtpAlgorithm, string>;

/**
 * Whether `value` names a supported algorithm (exact, upper-case spelling).
 * @param value - anything
 */
export function isOtpAlgorithm(value: unknown): value is OtpAlgorithm {
	return typeof value === 'string' && (OTP_ALGORITHMS as readonly string[]).includes(value);
}

/**
 * The WebCrypto hash name (WebCrypto §30, "SHA" algorithms) for an OTP algorithm.
 * @param a - `SHA1`, `SHA256` or `SHA512`
 * @throws {TypeError} when `a` is not a string
 * @throws {RangeError} when `a` is not a supported algorithm
 */
export function webCryptoHash(a: OtpAlgorithm): 'SHA-1' | 'SHA-256' | 'SHA-512' {
	assertOtpAlgorithm(a, 'algorithm');
	return WEB_CRYPTO_HASH[a];
}

/**
 * Argument check shared by the OTP functions.
 * @param value - the argument to check
 * @param name - the argument's name, used in the error message
 * @throws {TypeError} when `value` is not a string
 * @throws {RangeError} when `value` is not a supported algorithm
 */
export function assertOtpAlgorithm(value: unknown, name: string): asserts value is OtpAlgorithm {
	if (typeof value !== 'string') throw new TypeError(`${name} must be a string, got ${typeof value}`);
	if (!isOtpAlgorithm(value)) {
		throw new RangeError(`${name} must be one of ${OTP_ALGORITHMS.join(', ')}, got ${JSON.stringify(value)}`);
	}
}
