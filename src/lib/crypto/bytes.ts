import { base64urlnopad } from '@scure/base';

/**
 * Small byte helpers shared by the crypto and vault layers.
 *
 * Every function that returns bytes returns a fresh `Uint8Array` on a plain `ArrayBuffer`
 * (never a view onto a caller's buffer, never a `SharedArrayBuffer`), so the result can be
 * passed straight to WebCrypto (`BufferSource`) and wiped without touching anyone else's data.
 */

const encoder = new TextEncoder();

/** Strict base64url alphabet, RFC 4648 §5, without padding. */
const BASE64URL_RE = /^[A-Za-z0-9_-]*$/;

function assertBytes(value: unknown, name: string): asserts value is Uint8Array {
	if (!(value instanceof Uint8Array)) throw new TypeError(`${name} must be a Uint8Array`);
}

/**
 * UTF-8 encoding (WHATWG Encoding §8.2 `TextEncoder`).
 * Lone surrogates become U+FFFD, as the Encoding standard prescribes.
 * @param s - the string to encode
 * @throws {TypeError} when `s` is not a string
 */
export function utf8(s: string): Uint8Array<ArrayBuffer> {
	if (typeof s !== 'string') throw new TypeError(`s must be a string, got ${typeof s}`);
	return encoder.encode(s);
}

/**
 * Concatenates byte arrays into one new array.
 * @param arrays - the parts, in order
 * @throws {TypeError} when a part is not a `Uint8Array`
 */
export function concatBytes(...arrays: Uint8Array[]): Uint8Array<ArrayBuffer> {
	let length = 0;
	arrays.forEach((a, i) => {
		assertBytes(a, `arrays[${i}]`);
		length += a.length;
	});
	const out = new Uint8Array(length);
	let offset = 0;
	for (const a of arrays) {
		out.set(a, offset);
		offset += a.length;
	}
	return out;
}

/**
 * Byte-wise XOR of two equally long arrays: the one-time-pad wrap of the PIN slot
 * (docs/vault-format.md, "PIN slot").
 * @param a - first operand
 * @param b - second operand, same length as `a`
 * @throws {TypeError} when an operand is not a `Uint8Array`
 * @throws {RangeError} when the lengths differ
 */
export function xorBytes(a: Uint8Array, b: Uint8Array): Uint8Array<ArrayBuffer> {
	assertBytes(a, 'a');
	assertBytes(b, 'b');
	if (a.length !== b.length) throw new RangeError(`a and b must have equal lengths, got ${a.length} and ${b.length}`);
	const out = new Uint8Array(a.length);
	for (let i = 0; i < a.length; i++) out[i] = a[i]! ^ b[i]!;
	return out;
}

/**
 * base64url without padding (RFC 4648 §5 and §3.2), the encoding of every binary field in the
 * vault record: URL- and filename-safe and unambiguous.
 * @param bytes - the bytes to encode
 * @throws {TypeError} when `bytes` is not a `Uint8Array`
 */
export function toBase64Url(bytes: Uint8Array): string {
	assertBytes(bytes, 'bytes');
	return base64urlnopad.encode(bytes);
}

/**
 * Strict base64url decoding (RFC 4648 §5, no padding, §3.5 canonical: the unused bits of the
 * last character must be zero). Strictness matters: if two spellings decoded to the same bytes,
 * an edit of the stored text could leave the authenticated content unchanged.
 *
 * Malformed text is outside data, not a programmer error, so it raises `SyntaxError`
 * (like `JSON.parse`); the vault decoder wraps it into `VaultError('VAULT_CORRUPT')`.
 * @param s - unpadded base64url text
 * @throws {TypeError} when `s` is not a string
 * @throws {SyntaxError} when `s` is not canonical unpadded base64url
 */
export function fromBase64Url(s: string): Uint8Array<ArrayBuffer> {
	if (typeof s !== 'string') throw new TypeError(`s must be a string, got ${typeof s}`);
	if (!BASE64URL_RE.test(s)) throw new SyntaxError('invalid base64url: unexpected character');
	// A length of 1 (mod 4) cannot encode whole bytes (RFC 4648 §4, last quantum).
	if (s.length % 4 === 1) throw new SyntaxError('invalid base64url: impossible length');
	try {
		return new Uint8Array(base64urlnopad.decode(s));
	} catch (cause) {
		throw new SyntaxError('invalid base64url: non-canonical encoding', { cause });
	}
}

/**
 * Compares two byte arrays in time that depends only on their lengths (lengths are public
 * everywhere this is used), so a comparison leaks no prefix information through timing.
 * @param a - first array
 * @param b - second array
 * @returns whether both arrays hold the same bytes
 * @throws {TypeError} when an argument is not a `Uint8Array`
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
	assertBytes(a, 'a');
	assertBytes(b, 'b');
	if (a.length !== b.length) return false;
	let diff = 0;
	for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
	return diff === 0;
}

/** `crypto.getRandomValues` fills at most 65,536 bytes per call (WebCrypto §10.1.1). */
const RANDOM_CHUNK = 65_536;

/**
 * Cryptographically secure random bytes from `crypto.getRandomValues` (WebCrypto §10.1.1).
 * @param n - how many bytes, a non-negative safe integer
 * @throws {TypeError} when `n` is not a number
 * @throws {RangeError} when `n` is negative or not an integer
 */
export function randomBytes(n: number): Uint8Array<ArrayBuffer> {
	if (typeof n !== 'number') throw new TypeError(`n must be a number, got ${typeof n}`);
	if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
	const out = new Uint8Array(n);
	for (let i = 0; i < n; i += RANDOM_CHUNK) globalThis.crypto.getRandomValues(out.subarray(i, i + RANDOM_CHUNK));
	return out;
}

/**
 * Overwrites key material with zeros once it is no longer needed. JavaScript gives no guarantee
 * that no copy survives elsewhere (engines may move buffers), so this narrows the window in
 * which a secret sits in memory; it does not close it.
 * @param bytes - the array to clear, in place
 * @throws {TypeError} when `bytes` is not a `Uint8Array`
 */
export function wipe(bytes: Uint8Array): void {
	assertBytes(bytes, 'bytes');
	bytes.fill(0);
}
