import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hotp, truncate } from './hotp';
import { importHmacKey } from './importHmacKey';
import { ascii, fromHex, RFC4226_SECRET, RFC4226_TRUNCATION_EXAMPLE, RFC4226_VECTORS } from './vectors';

describe('truncate (RFC 4226 §5.3)', () => {
	it('reproduces the §5.4 worked example', () => {
		const mac = fromHex(RFC4226_TRUNCATION_EXAMPLE.hmac);
		expect(mac[19]! & 0xf).toBe(RFC4226_TRUNCATION_EXAMPLE.offset);
		expect(truncate(mac, 6)).toBe(RFC4226_TRUNCATION_EXAMPLE.hotp);
		// 7 and 8 digits take more of the same 31-bit number (Snum = 1357872921).
		expect(truncate(mac, 7)).toBe(String(RFC4226_TRUNCATION_EXAMPLE.snum).slice(-7));
		expect(truncate(mac, 8)).toBe(String(RFC4226_TRUNCATION_EXAMPLE.snum).slice(-8));
	});

	it.each(RFC4226_VECTORS)('turns Appendix D HMAC #$counter into $hotp', ({ hmac, truncated, hotp: code }) => {
		const mac = fromHex(hmac);
		expect(truncate(mac, 6)).toBe(code);
		expect(truncate(mac, 8)).toBe(String(truncated % 1e8).padStart(8, '0'));
	});

	it('masks the top bit and zero-pads', () => {
		// Offset 0 (last byte 0x00), bytes 0x80 0x00 0x30 0x39: without the mask this would be
		// 2147496249 (> 2^31), with it 0x00003039 = 12345.
		const mac = new Uint8Array(20);
		mac.set([0x80, 0x00, 0x30, 0x39]);
		expect(truncate(mac, 8)).toBe('00012345');
		mac.set([0xff, 0x00, 0x00, 0x01]); // 0x7f000001 = 2130706433
		expect(truncate(mac, 8)).toBe('30706433');
		// All-zero MAC gives an all-zero code, still `digits` long.
		expect(truncate(new Uint8Array(64), 7)).toBe('0000000');
	});

	it('takes the offset from the last byte of longer (SHA-256/512) MACs', () => {
		const mac = new Uint8Array(32);
		mac[31] = 0x0f; // offset 15 -> bytes 15..18
		mac.set([0x00, 0x00, 0x30, 0x39], 15); // 12345
		expect(truncate(mac, 6)).toBe('012345');
	});

	it.each([
		['mac not bytes', () => truncate([1, 2, 3] as unknown as Uint8Array, 6), TypeError],
		['mac too short', () => truncate(new Uint8Array(19), 6), RangeError],
		['digits not a number', () => truncate(new Uint8Array(20), '6' as unknown as number), TypeError],
		['digits 5', () => truncate(new Uint8Array(20), 5), RangeError],
		['digits 9', () => truncate(new Uint8Array(20), 9), RangeError],
		['digits 6.5', () => truncate(new Uint8Array(20), 6.5), RangeError],
		['digits NaN', () => truncate(new Uint8Array(20), NaN), RangeError]
	])('rejects %s', (_name, call, error) => {
		expect(call).toThrow(error);
	});
});

describe('hotp (RFC 4226)', () => {
	it('matches the Appendix D HMAC values (node:crypto as the independent HMAC)', () => {
		for (const v of RFC4226_VECTORS) {
			const counter = Buffer.alloc(8);
			counter.writeBigUInt64BE(BigInt(v.counter));
			expect(createHmac('sha1', RFC4226_SECRET).update(counter).digest('hex')).toBe(v.hmac);
		}
	});

	it.each(RFC4226_VECTORS)('counter $counter gives $hotp', async ({ counter, hotp: code }) => {
		const key = await importHmacKey(ascii(RFC4226_SECRET), 'SHA1');
		expect(await hotp({ key, counter, digits: 6 })).toBe(code);
	});

	it('encodes counters above 2^32 big-endian in all 8 bytes', async () => {
		const key = await importHmacKey(ascii(RFC4226_SECRET), 'SHA1');
		for (const counter of [2 ** 32, 2 ** 32 + 1, 0x0123456789abcd, Number.MAX_SAFE_INTEGER]) {
			const msg = Buffer.alloc(8);
			msg.writeBigUInt64BE(BigInt(counter));
			const expected = truncate(createHmac('sha1', RFC4226_SECRET).update(msg).digest(), 8);
			expect(await hotp({ key, counter, digits: 8 })).toBe(expected);
		}
	});

	describe('argument errors', async () => {
		const key = await importHmacKey(ascii(RFC4226_SECRET), 'SHA1');
		const verifyOnly = await globalThis.crypto.subtle.importKey(
			'raw',
			ascii(RFC4226_SECRET),
			{ name: 'HMAC', hash: 'SHA-1' },
			false,
			['verify']
		);
		const aes = await globalThis.crypto.subtle.generateKey({ name: 'AES-GCM', length: 128 }, false, ['encrypt']);
		it.each([
			['opts missing', undefined, TypeError],
			['key missing', { counter: 0, digits: 6 }, TypeError],
			['key not a CryptoKey', { key: 'k', counter: 0, digits: 6 }, TypeError],
			['key without sign usage', { key: verifyOnly, counter: 0, digits: 6 }, TypeError],
			['key not HMAC', { key: aes, counter: 0, digits: 6 }, TypeError],
			['counter a string', { key, counter: '0', digits: 6 }, TypeError],
			['counter a bigint', { key, counter: 1n, digits: 6 }, TypeError],
			['counter negative', { key, counter: -1, digits: 6 }, RangeError],
			['counter fractional', { key, counter: 1.5, digits: 6 }, RangeError],
			['counter unsafe', { key, counter: 2 ** 53, digits: 6 }, RangeError],
			['counter NaN', { key, counter: NaN, digits: 6 }, RangeError],
			['counter Infinity', { key, counter: Infinity, digits: 6 }, RangeError],
			['digits missing', { key, counter: 0 }, TypeError],
			['digits 4', { key, counter: 0, digits: 4 }, RangeError],
			['digits 10', { key, counter: 0, digits: 10 }, RangeError]
		])('rejects %s', async (_name, opts, error) => {
			await expect(hotp(opts as unknown as Parameters<typeof hotp>[0])).rejects.toThrow(error);
		});
	});
});
