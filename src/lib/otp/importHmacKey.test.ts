import { describe, expect, it } from 'vitest';
import { importHmacKey } from './importHmacKey';
import { OTP_ALGORITHMS, webCryptoHash, type OtpAlgorithm } from './OtpAlgorithm';

describe('webCryptoHash', () => {
	it.each([
		['SHA1', 'SHA-1'],
		['SHA256', 'SHA-256'],
		['SHA512', 'SHA-512']
	] as const)('maps %s to %s', (a, hash) => {
		expect(webCryptoHash(a)).toBe(hash);
	});

	it('lists exactly the three algorithms, SHA1 (the default) first, frozen', () => {
		expect(OTP_ALGORITHMS).toEqual(['SHA1', 'SHA256', 'SHA512']);
		expect(Object.isFrozen(OTP_ALGORITHMS)).toBe(true);
	});

	it.each([
		['sha1', RangeError],
		['SHA-1', RangeError],
		['MD5', RangeError],
		['', RangeError],
		[1, TypeError],
		[undefined, TypeError]
	])('rejects %j', (a, error) => {
		expect(() => webCryptoHash(a as OtpAlgorithm)).toThrow(error);
	});
});

describe('importHmacKey', () => {
	it.each(OTP_ALGORITHMS)('makes a non-extractable, sign-only HMAC-%s key', async (algorithm) => {
		const key = await importHmacKey(new Uint8Array(20).fill(7), algorithm);
		expect(key.type).toBe('secret');
		expect(key.extractable).toBe(false);
		expect(key.usages).toEqual(['sign']);
		expect(key.algorithm).toMatchObject({ name: 'HMAC', hash: { name: webCryptoHash(algorithm) }, length: 160 });
		await expect(globalThis.crypto.subtle.exportKey('raw', key)).rejects.toThrow();
	});

	it('imports exactly the bytes of a view into a larger buffer, and leaves the caller’s bytes alone', async () => {
		const backing = new Uint8Array([9, 9, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 9, 9]);
		const view = backing.subarray(2, 12);
		const key = await importHmacKey(view, 'SHA256');
		const alone = await importHmacKey(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 'SHA256');
		const msg = new Uint8Array(8);
		const a = new Uint8Array(await globalThis.crypto.subtle.sign('HMAC', key, msg));
		const b = new Uint8Array(await globalThis.crypto.subtle.sign('HMAC', alone, msg));
		expect(a).toEqual(b);
		expect([...backing]).toEqual([9, 9, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 9, 9]);
	});

	it.each([
		['secret an array', [1, 2, 3], 'SHA1', TypeError],
		['secret a string', 'JBSWY3DPEHPK3PXP', 'SHA1', TypeError],
		['secret an ArrayBuffer', new ArrayBuffer(20), 'SHA1', TypeError],
		['secret empty', new Uint8Array(0), 'SHA1', RangeError],
		['algorithm unknown', new Uint8Array(20), 'MD5', RangeError],
		['algorithm missing', new Uint8Array(20), undefined, TypeError]
	])('rejects %s', async (_name, secret, algorithm, error) => {
		await expect(importHmacKey(secret as Uint8Array, algorithm as OtpAlgorithm)).rejects.toThrow(error);
	});
});
