import { argon2id as nobleArgon2id } from '@noble/hashes/argon2.js';
import { scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ARGON2ID_CEILING, ARGON2ID_DEFAULT, ARGON2ID_FLOOR, argon2idFromPin, assertArgon2idParams, checkArgon2idParams } from './argon2idKdf';
import { utf8 } from './bytes';
import { KDF_DEFAULT, assertKdfParams, checkKdfParams, deriveFromPin, isCurrentKdf, type KdfVerdict } from './pinKdf';
import { SCRYPT_DEFAULT } from './scryptKdf';
import { deriveWithWasm } from './wasmPinKdf';

const A = (m: number, t: number, p: number) => ({ name: 'argon2id' as const, m, t, p });
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const fromHex = (h: string) => Uint8Array.from(Buffer.from(h.replace(/\s/g, ''), 'hex'));

describe('the default and the floor', () => {
	it('new slots get argon2id at OWASP minimum: m = 19 MiB, t = 2, p = 1', () => {
		expect(KDF_DEFAULT).toEqual({ name: 'argon2id', m: 19 * 1024, t: 2, p: 1 });
		expect(ARGON2ID_FLOOR).toEqual({ minM: 19_456, minT: 2, minP: 1 });
		expect(checkKdfParams(KDF_DEFAULT)).toBe('ok');
		expect(isCurrentKdf(KDF_DEFAULT)).toBe(true);
		expect(isCurrentKdf(SCRYPT_DEFAULT)).toBe(false);
		expect(ARGON2ID_CEILING.maxM * 1024).toBe(256 * 1024 * 1024);
	});

	it.each<[unknown, KdfVerdict]>([
		[ARGON2ID_DEFAULT, 'ok'],
		[A(19_456, 2, 1), 'ok'],
		[A(65_536, 3, 4), 'ok'],
		[A(262_144, 4, 1), 'ok'], // 256 MiB × 4 = 2^20: on the work ceiling
		[A(19_455, 2, 1), 'too-weak'],
		[A(19_456, 1, 1), 'too-weak'],
		[A(19_456, 2, 0), 'too-weak'],
		[A(0, 0, 0), 'too-weak'],
		[A(262_145, 2, 1), 'too-costly'],
		[A(262_144, 5, 1), 'too-costly'],
		[A(19_456, 65, 1), 'too-costly'],
		[A(19_456, 2, 17), 'too-costly'],
		[A(19_456.5, 2, 1), 'malformed'],
		[A(-19_456, 2, 1), 'malformed'],
		[A(2 ** 53 + 2, 2, 1), 'malformed'],
		[{ name: 'argon2id', m: '19456', t: 2, p: 1 }, 'malformed'],
		[{ name: 'argon2i', m: 19_456, t: 2, p: 1 }, 'malformed'],
		[{ name: 'argon2d', m: 19_456, t: 2, p: 1 }, 'malformed'],
		[{ name: 'pbkdf2', iterations: 600_000 }, 'malformed'],
		[SCRYPT_DEFAULT, 'ok'],
		[{ name: 'scrypt', N: 2 ** 16, r: 8, p: 1 }, 'too-weak'],
		[null, 'malformed']
	])('%j → %s', (params, verdict) => {
		expect(checkKdfParams(params)).toBe(verdict);
		if (typeof params === 'object' && params !== null && (params as { name?: unknown }).name === 'argon2id') expect(checkArgon2idParams(params)).toBe(verdict);
	});

	it('assert* throw RangeError / TypeError', () => {
		expect(() => assertKdfParams(KDF_DEFAULT)).not.toThrow();
		expect(() => assertKdfParams(A(19_456, 1, 1))).toThrow(RangeError);
		expect(() => assertKdfParams(A(1 << 20, 2, 1))).toThrow(RangeError);
		expect(() => assertArgon2idParams(A(1.5, 2, 1))).toThrow(TypeError);
		expect(() => assertKdfParams({ name: 'bcrypt' } as never)).toThrow(TypeError);
	});
});

describe('argon2id: the WebAssembly KDF (the worker), the JavaScript one (the fallback) and independent references agree', () => {
	// RFC 9106 §5.3: argon2id, version 0x13, with a secret and associated data; @noble/hashes is
	// what the app's fallback runs.
	it('@noble/hashes gives RFC 9106 §5.3 test vector', () => {
		const tag = nobleArgon2id(new Uint8Array(32).fill(1), new Uint8Array(16).fill(2), {
			t: 3,
			m: 32,
			p: 4,
			dkLen: 32,
			key: new Uint8Array(8).fill(3),
			personalization: new Uint8Array(12).fill(4)
		});
		expect(hex(tag)).toBe('0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659');
	});

	// The reference implementation's own test (phc-winner-argon2 src/test.c, argon2id v0x13):
	// "password", "somesalt", t = 2, m = 2^16 KiB, p = 1.
	it('both give the reference implementation test value for "password" / "somesalt"', async () => {
		const expected = '09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7';
		expect(hex(nobleArgon2id('password', 'somesalt', { t: 2, m: 65_536, p: 1, dkLen: 32 }))).toBe(expected);
		expect(hex(await deriveWithWasm(utf8('password'), utf8('somesalt'), A(65_536, 2, 1)))).toBe(expected);
	});

	it('at the default, for several PINs and salts, and with more lanes and passes', async () => {
		const cases: [string, Uint8Array, ReturnType<typeof A>][] = [
			['000000', new Uint8Array(16), ARGON2ID_DEFAULT],
			['482913', fromHex('00112233445566778899aabbccddeeff'), ARGON2ID_DEFAULT],
			['999999', crypto.getRandomValues(new Uint8Array(16)), ARGON2ID_DEFAULT],
			['135790', crypto.getRandomValues(new Uint8Array(16)), A(20_480, 3, 2)]
		];
		for (const [pin, salt, params] of cases) {
			const wasm = await deriveWithWasm(utf8(pin), salt, params);
			const js = await deriveFromPin(pin, salt, params);
			expect(hex(wasm)).toBe(hex(js));
			expect(wasm).toHaveLength(32);
		}
	});

	it('argon2idFromPin reports progress up to 1 and refuses bad input before any work', async () => {
		const progress: number[] = [];
		await argon2idFromPin('123456', new Uint8Array(16), ARGON2ID_DEFAULT, (f) => progress.push(f));
		expect(progress.length).toBeGreaterThan(1);
		expect(progress.at(-1)).toBe(1);
		await expect(argon2idFromPin('123456', new Uint8Array(16), A(1024, 2, 1))).rejects.toThrow(RangeError);
		await expect(argon2idFromPin('123456', new Uint8Array(4), ARGON2ID_DEFAULT)).rejects.toThrow(RangeError);
		await expect(argon2idFromPin(123456 as unknown as string, new Uint8Array(16), ARGON2ID_DEFAULT)).rejects.toThrow(TypeError);
		await expect(deriveWithWasm(utf8('123456'), new Uint8Array(16), A(1024, 2, 1))).rejects.toThrow(RangeError);
	});
});

describe('scrypt through the WebAssembly KDF (for slots written before version 3)', () => {
	it('equals node:crypto scrypt and the JavaScript one at the scrypt default', async () => {
		const salt = crypto.getRandomValues(new Uint8Array(16));
		const { N, r, p } = SCRYPT_DEFAULT;
		const native = new Uint8Array(scryptSync('482913', salt, 32, { N, r, p, maxmem: 2 ** 28 }));
		expect(hex(await deriveWithWasm(utf8('482913'), salt, SCRYPT_DEFAULT))).toBe(hex(native));
		expect(hex(await deriveFromPin('482913', salt, SCRYPT_DEFAULT))).toBe(hex(native));
	});
});
