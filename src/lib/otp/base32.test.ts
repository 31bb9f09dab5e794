import fc from 'fast-check';
import * as OTPAuth from 'otpauth';
import { describe, expect, it } from 'vitest';
import { decodeBase32, encodeBase32 } from './base32';
import { OtpError } from './OtpError';
import { ascii, RFC4648_BASE32_VECTORS } from './vectors';

/** `Hello!` 0xDE 0xAD 0xBE 0xEF, the Key URI wiki's example secret `JBSWY3DPEHPK3PXP`. */
const HELLO = Uint8Array.from([0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]);

function codeOf(call: () => unknown): string {
	try {
		call();
	} catch (e) {
		return e instanceof OtpError ? e.code : `not an OtpError: ${String(e)}`;
	}
	return 'no error';
}

describe('base32 (RFC 4648 §6)', () => {
	it.each(RFC4648_BASE32_VECTORS)('§10: "$ascii" <-> $base32', ({ ascii: text, base32 }) => {
		expect(decodeBase32(base32)).toEqual(ascii(text));
		expect(decodeBase32(base32.replace(/=+$/, ''))).toEqual(ascii(text));
		expect(encodeBase32(ascii(text))).toBe(base32.replace(/=+$/, ''));
	});

	it.each([
		['canonical', 'JBSWY3DPEHPK3PXP'],
		['lower case', 'jbswy3dpehpk3pxp'],
		['mixed case', 'JbSwY3dPeHpK3pXp'],
		['spaced in groups of 4', 'jbsw y3dp ehpk 3pxp'],
		['hyphenated', 'JBSW-Y3DP-EHPK-3PXP'],
		['tabs, newlines and surrounding space', '\tJBSWY3DP\nEHPK3PXP \r\n'],
		['ideographic and no-break spaces', 'JBSW\u3000Y3DP\u00a0EHPK 3PXP'],
		['separators everywhere', ' -J-B-S-W- y3dp--ehpk 3pxp- ']
	])('decodes the %s form', (_name, text) => {
		expect(decodeBase32(text)).toEqual(HELLO);
	});

	it('accepts exact RFC padding, and padding after separators', () => {
		expect(decodeBase32('MZXW6===')).toEqual(ascii('foo'));
		expect(decodeBase32('mzxw 6 = = =')).toEqual(ascii('foo'));
	});

	it('ignores non-zero trailing bits (RFC 4648 §3.5 lets decoders choose)', () => {
		// 'MY' is 'f' with zero trailing bits; 'MZ' and 'M3' set one and both of its 2 spare bits.
		expect(decodeBase32('MZ')).toEqual(ascii('f'));
		expect(decodeBase32('M3')).toEqual(ascii('f'));
		expect(decodeBase32('MZXW7')).toEqual(ascii('foo'));
		// 26 symbols = 130 bits: 16 bytes and 2 spare bits, as issuers with "26 random symbols" produce.
		expect(decodeBase32('A'.repeat(25) + '7')).toHaveLength(16);
	});

	it('returns a fresh array on its own ArrayBuffer', () => {
		const a = decodeBase32('JBSWY3DPEHPK3PXP');
		const b = decodeBase32('JBSWY3DPEHPK3PXP');
		expect(a.buffer).not.toBe(b.buffer);
		expect(a.buffer).toBeInstanceOf(ArrayBuffer);
		expect(a.byteOffset).toBe(0);
		expect(a.buffer.byteLength).toBe(10);
	});

	it.each([
		['empty', '', 'BASE32_EMPTY'],
		['only spaces', '   ', 'BASE32_EMPTY'],
		['only separators', ' - -\n', 'BASE32_EMPTY'],
		['only padding', '========', 'BASE32_INVALID'],
		['digit 0', 'JBSWY3DPEHPK3PX0', 'BASE32_INVALID'],
		['digit 1', 'JBSWY3DPEHPK3PX1', 'BASE32_INVALID'],
		['digit 8', 'JBSWY3DPEHPK3PX8', 'BASE32_INVALID'],
		['digit 9', 'JBSWY3DPEHPK3PX9', 'BASE32_INVALID'],
		['punctuation', '12345!', 'BASE32_INVALID'],
		['underscore', 'JBSW_Y3DP', 'BASE32_INVALID'],
		['dot separators', 'JBSW.Y3DP', 'BASE32_INVALID'],
		['base64 characters', 'JBSWY3DP+/', 'BASE32_INVALID'],
		['full-width letters', 'ＪＢＳＷＹ３ＤＰ', 'BASE32_INVALID'],
		['dotless i (upper-cases to I)', 'ıBSWY3DP', 'BASE32_INVALID'],
		['long s (upper-cases to S)', 'JBſWY3DP', 'BASE32_INVALID'],
		['Hangul', '홍길동', 'BASE32_INVALID'],
		['zero-width space', 'JBSW\u200bY3DP', 'BASE32_INVALID'],
		['NUL', 'JBSW\u0000Y3DP', 'BASE32_INVALID'],
		['1 symbol', 'A', 'BASE32_INVALID'],
		['3 symbols', 'AAA', 'BASE32_INVALID'],
		['6 symbols', 'AAAAAA', 'BASE32_INVALID'],
		['9 symbols', 'AAAAAAAAA', 'BASE32_INVALID'],
		['padding in the middle', 'MY======MY', 'BASE32_INVALID'],
		['padding then data', 'MZXW6=YQ', 'BASE32_INVALID'],
		['too little padding', 'MY==', 'BASE32_INVALID'],
		['too much padding', 'MZXW6YQ==', 'BASE32_INVALID'],
		['padding on a full quantum', 'MZXW6YTB========', 'BASE32_INVALID'],
		['padding making an impossible length', 'A=======', 'BASE32_INVALID']
	])('rejects %s', (_name, text, code) => {
		expect(codeOf(() => decodeBase32(text))).toBe(code);
	});

	it.each([
		['decodeBase32', () => decodeBase32(undefined as unknown as string)],
		['decodeBase32', () => decodeBase32(new Uint8Array(1) as unknown as string)],
		['encodeBase32', () => encodeBase32('JBSW' as unknown as Uint8Array)],
		['encodeBase32', () => encodeBase32([1, 2] as unknown as Uint8Array)]
	])('%s rejects a wrong argument type with TypeError', (_fn, call) => {
		expect(call).toThrow(TypeError);
	});

	it('encodes the empty array as the empty string', () => {
		expect(encodeBase32(new Uint8Array(0))).toBe('');
	});

	it('property: decode(encode(bytes)) is the identity, also lower-cased and spaced', () => {
		fc.assert(
			fc.property(fc.uint8Array({ minLength: 1, maxLength: 100 }), fc.integer({ min: 1, max: 8 }), (bytes, group) => {
				const text = encodeBase32(bytes);
				expect(text).toMatch(/^[A-Z2-7]+$/);
				expect(decodeBase32(text)).toEqual(bytes);
				expect(decodeBase32(text.toLowerCase())).toEqual(bytes);
				const spaced = text.replace(new RegExp(`(.{${group}})`, 'g'), '$1 ').toLowerCase();
				expect(decodeBase32(spaced)).toEqual(bytes);
				const padded = text + '='.repeat((8 - (text.length % 8)) % 8);
				expect(decodeBase32(padded)).toEqual(bytes);
			}),
			{ seed: 4648, numRuns: 500 }
		);
	});

	it('property: agrees with the otpauth package in both directions', () => {
		fc.assert(
			fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), (bytes) => {
				const ours = encodeBase32(bytes);
				expect(ours).toBe(new OTPAuth.Secret({ buffer: new Uint8Array(bytes).buffer }).base32);
				expect(decodeBase32(ours)).toEqual(new Uint8Array(OTPAuth.Secret.fromBase32(ours).bytes));
			}),
			{ seed: 6238, numRuns: 300 }
		);
	});
});
