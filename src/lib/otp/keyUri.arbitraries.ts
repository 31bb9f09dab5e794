/**
 * fast-check generators for Key URI tests (test-only; imported by `*.test.ts`).
 */
import fc from 'fast-check';
import type { KeyUri } from './keyUri';
import { OTP_ALGORITHMS } from './OtpAlgorithm';

/** One "character" of label text: Hangul, URI-significant ASCII, odd Unicode, or anything. */
const labelUnit = fc.oneof(
	fc.integer({ min: 0xac00, max: 0xd7a3 }).map((c) => String.fromCharCode(c)),
	fc.constantFrom(':', ' ', '%', '%3A', '+', '&', '=', '?', '#', '/', '\\', '@', '\u3000', '\u202e', '\u2028', '👩‍💻', '\ufeff'),
	fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }),
	fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })
);

/**
 * Issuer/account text as `KeyUri` allows it: any well-formed Unicode without control characters
 * and without surrounding whitespace (possibly empty).
 */
export const labelText = fc
	.string({ unit: labelUnit, maxLength: 24 })
	.map((s) => s.replace(/[\p{Cc}\p{Cs}]/gu, '').trim());

/** Valid `KeyUri` values of both types; `counter` only on HOTP ones. */
export const keyUri: fc.Arbitrary<KeyUri> = fc
	.record({
		type: fc.constantFrom('totp' as const, 'hotp' as const),
		issuer: labelText,
		account: labelText.filter((s) => s !== ''),
		secret: fc.uint8Array({ minLength: 10, maxLength: 64 }),
		algorithm: fc.constantFrom(...OTP_ALGORITHMS),
		digits: fc.integer({ min: 6, max: 8 }),
		period: fc.oneof(fc.constantFrom(30, 60), fc.integer({ min: 1, max: 86_400 })),
		counter: fc.oneof(fc.nat(1000), fc.maxSafeNat())
	})
	.map(({ counter, ...k }): KeyUri => (k.type === 'hotp' ? { ...k, counter } : k));
