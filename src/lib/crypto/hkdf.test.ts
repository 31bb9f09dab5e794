import { hkdf as nobleHkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { hexToBytes } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hkdf } from './hkdf';

const hex = hexToBytes;

// RFC 5869 Appendix A, the SHA-256 cases (A.1–A.3).
const VECTORS = [
	{
		name: 'A.1 basic',
		ikm: '0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b',
		salt: '000102030405060708090a0b0c',
		info: 'f0f1f2f3f4f5f6f7f8f9',
		okm: '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865'
	},
	{
		name: 'A.2 long inputs',
		ikm: Array.from({ length: 80 }, (_, i) => i.toString(16).padStart(2, '0')).join(''),
		salt: Array.from({ length: 80 }, (_, i) => (0x60 + i).toString(16).padStart(2, '0')).join(''),
		info: Array.from({ length: 80 }, (_, i) => (0xb0 + i).toString(16).padStart(2, '0')).join(''),
		okm:
			'b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09' +
			'da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87'
	},
	{
		name: 'A.3 empty salt and info',
		ikm: '0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b',
		salt: '',
		info: '',
		okm: '8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8'
	}
];

describe('hkdf (RFC 5869)', () => {
	it.each(VECTORS)('$name', async ({ ikm, salt, info, okm }) => {
		const out = await hkdf(hex(ikm), hex(salt), hex(info), okm.length / 2);
		expect(out).toEqual(hex(okm));
	});

	it('UTF-8 encodes string info and agrees with @noble/hashes', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.uint8Array({ minLength: 1, maxLength: 64 }),
				fc.uint8Array({ maxLength: 64 }),
				fc.string({ maxLength: 40 }),
				fc.integer({ min: 1, max: 100 }),
				async (ikm, salt, info, length) => {
					const expected = nobleHkdf(sha256, ikm, salt, new TextEncoder().encode(info), length);
					expect(await hkdf(ikm, salt, info, length)).toEqual(expected);
				}
			),
			{ numRuns: 50 }
		);
	});

	it('gives the first byte of a longer output for length 1 (T(1) prefix, §2.3)', async () => {
		const ikm = new Uint8Array(32).fill(7);
		const long = await hkdf(ikm, new Uint8Array(0), 'label', 32);
		expect(await hkdf(ikm, new Uint8Array(0), 'label', 1)).toEqual(long.subarray(0, 1));
	});

	it.each([0, -1, 1.5, 255 * 32 + 1])('refuses length %s with RangeError', async (length) => {
		await expect(hkdf(new Uint8Array(32), new Uint8Array(0), '', length)).rejects.toThrow(RangeError);
	});

	it('refuses wrong types with TypeError', async () => {
		await expect(hkdf('k' as unknown as Uint8Array, new Uint8Array(0), '', 32)).rejects.toThrow(TypeError);
		await expect(hkdf(new Uint8Array(32), null as unknown as Uint8Array, '', 32)).rejects.toThrow(TypeError);
		await expect(hkdf(new Uint8Array(32), new Uint8Array(0), 5 as unknown as string, 32)).rejects.toThrow(TypeError);
	});
});
