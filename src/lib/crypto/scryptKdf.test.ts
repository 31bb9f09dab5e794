import { scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SCRYPT_CEILING, SCRYPT_DEFAULT, SCRYPT_FLOOR, assertScryptParams, checkScryptParams, scryptFromPin, type KdfVerdict } from './scryptKdf';

const P = (N: number, r: number, p: number) => ({ name: 'scrypt' as const, N, r, p });

const VERDICTS: [unknown, KdfVerdict][] = [
	[SCRYPT_DEFAULT, 'ok'],
	[P(2 ** 17, 8, 1), 'ok'], // OWASP's first set: exactly on the work line
	[P(2 ** 13, 8, 16), 'ok'], // N at the floor, work on the line
	[P(2 ** 14, 16, 4), 'ok'],
	[P(2 ** 15, 8, 4), 'ok'],
	[P(2 ** 18, 8, 1), 'ok'], // 128·N·r = 256 MiB: on the memory ceiling
	[P(2 ** 20, 2, 1), 'too-weak'], // N at the ceiling does not excuse r below 8
	[P(2 ** 20, 8, 1), 'too-costly'], // 128·N·r = 1 GiB
	[P(2 ** 16, 8, 1), 'too-weak'], // N·r·p = 2^19 < 2^20
	[P(2 ** 12, 8, 32), 'too-costly'], // p above the ceiling is refused first
	[P(2 ** 12, 8, 16), 'too-weak'], // N below 2^13
	[P(2 ** 18, 4, 1), 'too-weak'], // r below 8
	[P(2 ** 16, 8, 0), 'too-weak'], // p = 0: no work at all
	[P(2 ** 16, 0, 2), 'too-weak'],
	[P(16, 1, 1), 'too-weak'], // RFC 7914 §12's first vector: fine for tests of scrypt, never for PINs
	[P(2 ** 21, 8, 1), 'too-costly'], // N above 2^20
	[P(2 ** 16, 64, 1), 'too-costly'], // r above 32
	[P(2 ** 16, 8, 17), 'too-costly'], // p above 16
	[P(2 ** 19, 8, 1), 'too-costly'], // 128·N·r = 512 MiB
	[P(2 ** 16, 32, 16), 'too-costly'], // N·r·p = 2^25
	[P(65535, 8, 2), 'malformed'], // not a power of two
	[P(1, 8, 2), 'malformed'],
	[P(2 ** 16, 8.5, 2), 'malformed'],
	[P(2 ** 16, -8, 2), 'malformed'],
	[P(2 ** 53 + 2, 8, 2), 'malformed'], // not a safe integer
	[{ name: 'argon2id', N: 2 ** 16, r: 8, p: 2 }, 'malformed'],
	[{ name: 'scrypt', N: '65536', r: 8, p: 2 }, 'malformed'],
	[null, 'malformed'],
	['scrypt', 'malformed']
];

describe('checkScryptParams', () => {
	it.each(VERDICTS)('%j → %s', (params, verdict) => {
		expect(checkScryptParams(params)).toBe(verdict);
	});

	it('puts the default on the floor and under the ceiling', () => {
		const { N, r, p } = SCRYPT_DEFAULT;
		expect(N * r * p).toBe(SCRYPT_FLOOR.minWork);
		expect(N * r).toBeLessThanOrEqual(SCRYPT_CEILING.maxMemoryBlocks);
		expect(128 * N * r).toBe(64 * 1024 * 1024); // 64 MiB
	});

	it('assertScryptParams throws RangeError / TypeError', () => {
		expect(() => assertScryptParams(SCRYPT_DEFAULT)).not.toThrow();
		expect(() => assertScryptParams(P(2 ** 16, 8, 1))).toThrow(RangeError);
		expect(() => assertScryptParams(P(2 ** 21, 8, 1))).toThrow(RangeError);
		expect(() => assertScryptParams(P(1000, 8, 2))).toThrow(TypeError);
	});
});

describe('scryptFromPin', () => {
	it('equals node:crypto scrypt at the default parameters, and reports progress', async () => {
		const salt = Uint8Array.from({ length: 16 }, (_, i) => i);
		const progress: number[] = [];
		const started = performance.now();
		const key = await scryptFromPin('123456', salt, SCRYPT_DEFAULT, (f) => progress.push(f));
		const ms = performance.now() - started;
		console.log(`scrypt N=2^16 r=8 p=2 (default) via @noble/hashes scryptAsync in Node: ${ms.toFixed(0)} ms`);
		const { N, r, p } = SCRYPT_DEFAULT;
		const expected = scryptSync('123456', salt, 32, { N, r, p, maxmem: 256 * 1024 * 1024 });
		expect(key).toEqual(new Uint8Array(expected));
		expect(progress.length).toBeGreaterThan(0);
		expect(progress.at(-1)).toBe(1);
	});

	it('refuses parameters below the floor before doing any work', async () => {
		await expect(scryptFromPin('123456', new Uint8Array(16), P(16, 1, 1))).rejects.toThrow(RangeError);
		await expect(scryptFromPin('123456', new Uint8Array(0), SCRYPT_DEFAULT)).rejects.toThrow(RangeError);
		await expect(scryptFromPin(123456 as unknown as string, new Uint8Array(16), SCRYPT_DEFAULT)).rejects.toThrow(TypeError);
	});
});
