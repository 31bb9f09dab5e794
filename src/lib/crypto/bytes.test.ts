import { base64urlnopad } from '@scure/base';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatBytes, constantTimeEqual, fromBase64Url, randomBytes, toBase64Url, utf8, wipe, xorBytes } from './bytes';

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

// RFC 4648 §10 test vectors; base64url differs from base64 only in '+/' → '-_' and padding.
const BASE64URL_VECTORS: [string, string][] = [
	['', ''],
	['f', 'Zg'],
	['fo', 'Zm8'],
	['foo', 'Zm9v'],
	['foob', 'Zm9vYg'],
	['fooba', 'Zm9vYmE'],
	['foobar', 'Zm9vYmFy']
];

const BASE64URL_BAD: [string, string][] = [
	['Zg==', 'padding'],
	['Zm9v+g', "base64 '+'"],
	['Zm9v/g', "base64 '/'"],
	['Zm 9v', 'space'],
	['Zm9v\n', 'newline'],
	['Z', 'length 1 mod 4'],
	['Zm9vY', 'length 1 mod 4'],
	['Zh', 'non-zero unused bits (Zg is canonical)'],
	['Zm9', 'non-zero unused bits (Zm8 is canonical)'],
	['Zé', 'non-ASCII']
];

describe('base64url', () => {
	it.each(BASE64URL_VECTORS)('encodes %j as %j (RFC 4648 §10)', (plain, encoded) => {
		expect(toBase64Url(ascii(plain))).toBe(encoded);
		expect(fromBase64Url(encoded)).toEqual(ascii(plain));
	});

	it('uses the URL-safe alphabet', () => {
		expect(toBase64Url(Uint8Array.of(0xfb, 0xff, 0xbf))).toBe('-_-_');
		expect(fromBase64Url('-_-_')).toEqual(Uint8Array.of(0xfb, 0xff, 0xbf));
	});

	it.each(BASE64URL_BAD)('refuses %j (%s) with SyntaxError', (text) => {
		expect(() => fromBase64Url(text)).toThrow(SyntaxError);
	});

	it('refuses non-strings with TypeError', () => {
		expect(() => fromBase64Url(42 as unknown as string)).toThrow(TypeError);
		expect(() => toBase64Url('ab' as unknown as Uint8Array)).toThrow(TypeError);
	});

	it('round-trips any bytes and matches @scure/base', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
				const text = toBase64Url(bytes);
				expect(text).toBe(base64urlnopad.encode(bytes));
				expect(fromBase64Url(text)).toEqual(bytes);
			})
		);
	});

	it('gives each byte string exactly one spelling', () => {
		// Changing any one character of a canonical encoding either fails or changes the bytes.
		fc.assert(
			fc.property(fc.uint8Array({ minLength: 1, maxLength: 40 }), fc.nat(), fc.nat(63), (bytes, pos, c) => {
				const text = toBase64Url(bytes);
				const i = pos % text.length;
				const ch = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[c]!;
				if (ch === text[i]) return;
				const edited = text.slice(0, i) + ch + text.slice(i + 1);
				let decoded: Uint8Array | undefined;
				try {
					decoded = fromBase64Url(edited);
				} catch (e) {
					expect(e).toBeInstanceOf(SyntaxError);
				}
				if (decoded) expect(decoded).not.toEqual(bytes);
			})
		);
	});
});

describe('utf8', () => {
	it('encodes Hangul as 3-byte sequences', () => {
		expect(utf8('홍')).toEqual(Uint8Array.of(0xed, 0x99, 0x8d));
		expect(utf8('')).toEqual(new Uint8Array(0));
	});
	it('refuses non-strings', () => expect(() => utf8(1 as unknown as string)).toThrow(TypeError));
});

describe('concatBytes / xorBytes', () => {
	it('concatenates', () => {
		expect(concatBytes(Uint8Array.of(1), new Uint8Array(0), Uint8Array.of(2, 3))).toEqual(Uint8Array.of(1, 2, 3));
		expect(concatBytes()).toEqual(new Uint8Array(0));
		expect(() => concatBytes([1] as unknown as Uint8Array)).toThrow(TypeError);
	});

	it('xors equal-length arrays and is its own inverse', () => {
		expect(xorBytes(Uint8Array.of(0x0f, 0xf0), Uint8Array.of(0xff, 0xff))).toEqual(Uint8Array.of(0xf0, 0x0f));
		fc.assert(
			fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ minLength: 32, maxLength: 32 }), (a, b) => {
				expect(xorBytes(xorBytes(a, b), b)).toEqual(a);
			})
		);
	});

	it('refuses unequal lengths with RangeError', () => {
		expect(() => xorBytes(new Uint8Array(2), new Uint8Array(3))).toThrow(RangeError);
	});
});

describe('constantTimeEqual', () => {
	it.each([
		[[], [], true],
		[[1, 2, 3], [1, 2, 3], true],
		[[1, 2, 3], [1, 2, 4], false],
		[[1, 2, 3], [1, 2], false],
		[[0], [128], false]
	])('%j vs %j → %s', (a, b, equal) => {
		expect(constantTimeEqual(Uint8Array.from(a), Uint8Array.from(b))).toBe(equal);
	});
});

describe('randomBytes / wipe', () => {
	it('returns n fresh bytes, also above the 65,536-byte getRandomValues limit', () => {
		expect(randomBytes(0)).toHaveLength(0);
		const big = randomBytes(70_000);
		expect(big).toHaveLength(70_000);
		expect(big.subarray(65_536).some((b) => b !== 0)).toBe(true);
		expect(randomBytes(32)).not.toEqual(randomBytes(32));
	});

	it.each([-1, 1.5, Number.NaN, 2 ** 53])('refuses n = %s with RangeError', (n) => {
		expect(() => randomBytes(n)).toThrow(RangeError);
	});

	it('wipes in place', () => {
		const b = Uint8Array.of(1, 2, 3);
		wipe(b);
		expect(b).toEqual(new Uint8Array(3));
	});
});
