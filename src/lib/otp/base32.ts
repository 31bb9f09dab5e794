import { base32nopad } from '@scure/base';
import { OtpError } from './OtpError';

/**
 * Base32 (RFC 4648 §6) as people and QR codes hand it to us.
 *
 * The codec itself is `@scure/base`; this module only normalises around it.
 * Decoding is lenient about *presentation* and strict about *content*:
 * - accepted: lower case, whitespace of any kind (including U+3000 from Korean IMEs) and `-`
 *   group separators anywhere, and the trailing `=` padding either absent or exactly as
 *   RFC 4648 §6 prescribes for the final quantum;
 * - accepted: non-zero trailing bits in the last symbol. RFC 4648 §3.5 lets decoders choose; we
 *   ignore them like Google Authenticator does, because issuers that hand out secrets of, say,
 *   26 random symbols exist and such a secret must still work here;
 * - rejected (`BASE32_INVALID`): any other character (`0`, `1`, `8`, `9`, punctuation, full-width
 *   or look-alike letters), `=` anywhere but the end, a wrong amount of padding, and lengths no
 *   encoder can produce (1, 3 or 6 symbols modulo 8, RFC 4648 §6 final-quantum rules);
 * - rejected (`BASE32_EMPTY`): nothing but separators.
 */

/** Separators people put between groups: any whitespace and `-`. */
const SEPARATORS = /[\s-]+/g;
/** The RFC 4648 §6 alphabet, either case. Checked *before* upper-casing, since `'ı'.toUpperCase()` is `'I'`. */
const ALPHABET_RUN = /^[A-Za-z2-7]*$/;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** RFC 4648 §6: symbols in the final quantum (length mod 8) → `=` that pad it to 8. Missing keys are impossible lengths. */
const PADDING_FOR_REMAINDER: Readonly<Record<number, number>> = { 0: 0, 2: 6, 4: 4, 5: 3, 7: 1 };

/**
 * Decodes base32 text (RFC 4648 §6 alphabet) leniently, as described above.
 * @param text - base32 text, e.g. `'jbsw y3dp ehpk 3pxp'` or `'JBSWY3DPEHPK3PXP'`
 * @returns the decoded bytes (at least one byte), a fresh array on its own `ArrayBuffer` (so it
 *   can go straight to WebCrypto)
 * @throws {TypeError} when `text` is not a string
 * @throws {OtpError} `BASE32_EMPTY` or `BASE32_INVALID` for unusable text
 */
export function decodeBase32(text: string): Uint8Array<ArrayBuffer> {
	if (typeof text !== 'string') throw new TypeError(`text must be a string, got ${typeof text}`);
	const compact = text.replace(SEPARATORS, '');
	if (compact === '') throw new OtpError('BASE32_EMPTY', 'base32 text is empty');

	const firstPad = compact.indexOf('=');
	const body = firstPad === -1 ? compact : compact.slice(0, firstPad);
	const padding = firstPad === -1 ? '' : compact.slice(firstPad);
	if (!/^=*$/.test(padding)) {
		throw new OtpError('BASE32_INVALID', `base32 padding '=' may only appear at the end (position ${firstPad})`);
	}
	if (body === '') throw new OtpError('BASE32_INVALID', 'base32 text has padding but no data');
	if (!ALPHABET_RUN.test(body)) {
		const bad = [...body].findIndex((c) => !ALPHABET_RUN.test(c));
		throw new OtpError('BASE32_INVALID', `base32 text has a character outside the RFC 4648 §6 alphabet at position ${bad}`);
	}
	const expectedPadding = PADDING_FOR_REMAINDER[body.length % 8];
	if (expectedPadding === undefined) {
		throw new OtpError('BASE32_INVALID', `base32 text of ${body.length} symbols is an impossible length (RFC 4648 §6)`);
	}
	if (padding.length !== 0 && padding.length !== expectedPadding) {
		throw new OtpError('BASE32_INVALID', `base32 text needs ${expectedPadding} '=' of padding, got ${padding.length}`);
	}

	const canonical = clearTrailingBits(body.toUpperCase());
	let decoded: Uint8Array;
	try {
		decoded = base32nopad.decode(canonical);
	} catch (cause) {
		// Unreachable after the checks above; kept so a codec change can never leak a plain Error.
		throw new OtpError('BASE32_INVALID', 'base32 text could not be decoded', { cause });
	}
	// Copy to pin the type to a plain ArrayBuffer, and wipe the codec's array: it may be a secret.
	const bytes = new Uint8Array(decoded);
	decoded.fill(0);
	return bytes;
}

/**
 * Encodes bytes as RFC 4648 §6 base32: upper case, no `=` padding (the Key URI format omits it).
 * @param bytes - any bytes; an empty array gives `''`
 * @throws {TypeError} when `bytes` is not a `Uint8Array`
 */
export function encodeBase32(bytes: Uint8Array): string {
	if (!(bytes instanceof Uint8Array)) throw new TypeError('bytes must be a Uint8Array');
	return base32nopad.encode(bytes);
}

/**
 * Zeroes the bits of the last symbol that fall past the final whole byte, so the strict
 * `@scure/base` decoder accepts them (RFC 4648 §3.5 leaves the choice to us).
 * @param upper - upper-case alphabet-only text of a possible length
 */
function clearTrailingBits(upper: string): string {
	const spareBits = (upper.length * 5) % 8;
	if (spareBits === 0) return upper;
	const last = ALPHABET.indexOf(upper.charAt(upper.length - 1));
	const cleared = last & ~((1 << spareBits) - 1);
	return upper.slice(0, -1) + ALPHABET.charAt(cleared);
}
