import { scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fromBase64Url } from '../crypto/bytes';
import { KDF_DEFAULT } from '../crypto/pinKdf';
import { SCRYPT_DEFAULT } from '../crypto/scryptKdf';
import { FIXTURE_MK, bytesOf, seededRandom } from './fixtures.testing';
import { createPinSlot, createPinSlotWithKey, openPinSlot, openPinSlotWithKey, parsePinSlot, type PinSlot } from './PinSlot';
import { VaultError } from './VaultError';

const salt = bytesOf('salt', 16);
const K = bytesOf('K');
const slotWith = (pinKey: Uint8Array, id = 'slot') => createPinSlotWithKey(FIXTURE_MK, pinKey, { kdf: KDF_DEFAULT, salt, id });

async function openOrCode(slot: PinSlot, pinKey: Uint8Array): Promise<Uint8Array | string> {
	try {
		return await openPinSlotWithKey(slot, pinKey);
	} catch (e) {
		if (e instanceof VaultError) return e.code;
		throw e;
	}
}

describe('PinSlot with a given K', () => {
	it('wraps and unwraps MK', async () => {
		const slot = await slotWith(K);
		expect(slot).toMatchObject({ type: 'pin', id: 'slot', kdf: KDF_DEFAULT });
		expect(fromBase64Url(slot.salt)).toEqual(salt);
		expect(fromBase64Url(slot.wrapped)).toHaveLength(32);
		expect(fromBase64Url(slot.wrapped)).not.toEqual(FIXTURE_MK);
		expect(slot.check).toBeGreaterThanOrEqual(0);
		expect(slot.check).toBeLessThanOrEqual(255);
		expect(await openPinSlotWithKey(slot, K)).toEqual(FIXTURE_MK);
	});

	it('lets about 1/256 of wrong keys past the check, each with a different, random-looking MK', async () => {
		const slot = await slotWith(K);
		const SAMPLES = 2048;
		const passed: Uint8Array[] = [];
		for (let i = 0; i < SAMPLES; i++) {
			const result = await openOrCode(slot, bytesOf(`wrong K ${i}`));
			if (typeof result === 'string') expect(result).toBe('PIN_CHECK_FAILED');
			else passed.push(result);
		}
		console.log(`${passed.length} of ${SAMPLES} wrong keys passed the 8-bit check (expected ≈ ${SAMPLES / 256})`);
		// Binomial(2048, 1/256): mean 8, sd 2.8. Deterministic inputs, so this never flakes.
		expect(passed.length).toBeGreaterThanOrEqual(2);
		expect(passed.length).toBeLessThanOrEqual(20);
		for (const mk of passed) {
			expect(mk).toHaveLength(32);
			expect(mk).not.toEqual(FIXTURE_MK);
		}
		expect(new Set(passed.map((m) => m.join())).size).toBe(passed.length);
	});

	it('spreads check bytes uniformly (chi-square over 2048 keys)', async () => {
		const counts = new Array<number>(256).fill(0);
		const N = 2048;
		for (let i = 0; i < N; i++) {
			const { check } = await createPinSlotWithKey(FIXTURE_MK, bytesOf(`K ${i}`), { kdf: KDF_DEFAULT, salt, id: 's' });
			counts[check]! += 1;
		}
		const expected = N / 256;
		const chi2 = counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
		// 255 degrees of freedom: mean 255, sd ≈ 22.6; 350 is beyond the 99.99th percentile.
		expect(chi2).toBeLessThan(350);
	});

	it('refuses bad arguments with RangeError', async () => {
		await expect(createPinSlotWithKey(new Uint8Array(31), K, { kdf: KDF_DEFAULT, salt, id: 's' })).rejects.toThrow(RangeError);
		await expect(createPinSlotWithKey(FIXTURE_MK, K, { kdf: KDF_DEFAULT, salt: new Uint8Array(8), id: 's' })).rejects.toThrow(RangeError);
		await expect(createPinSlotWithKey(FIXTURE_MK, K, { kdf: { name: 'argon2id', m: 19456, t: 1, p: 1 }, salt, id: 's' })).rejects.toThrow(RangeError);
		await expect(createPinSlotWithKey(FIXTURE_MK, K, { kdf: KDF_DEFAULT, salt, id: 'no spaces' })).rejects.toThrow(RangeError);
		await expect(openPinSlotWithKey(await slotWith(K), new Uint8Array(16))).rejects.toThrow(RangeError);
	});
});

describe('PinSlot with scrypt', () => {
	it('createPinSlot derives K = scrypt(PIN, salt) (checked against node:crypto)', async () => {
		const slot = await createPinSlot(FIXTURE_MK, '246810', { random: seededRandom('pin slot'), kdf: SCRYPT_DEFAULT });
		if (slot.kdf.name !== 'scrypt') throw new Error('expected a scrypt slot');
		const { N, r, p } = slot.kdf;
		const k = scryptSync('246810', fromBase64Url(slot.salt), 32, { N, r, p, maxmem: 256 * 1024 * 1024 });
		expect(await openPinSlotWithKey(slot, new Uint8Array(k))).toEqual(FIXTURE_MK);
	});

	it('refuses stored parameters below the floor or above the ceiling before running scrypt', async () => {
		const slot = await slotWith(K);
		const started = performance.now();
		await expect(openPinSlot({ ...slot, kdf: { name: 'scrypt', N: 16, r: 1, p: 1 } }, '123456')).rejects.toMatchObject({
			code: 'VAULT_KDF_TOO_WEAK'
		});
		await expect(openPinSlot({ ...slot, kdf: { name: 'scrypt', N: 2 ** 30, r: 8, p: 1 } }, '123456')).rejects.toMatchObject({
			code: 'VAULT_CORRUPT'
		});
		expect(performance.now() - started).toBeLessThan(200);
	});

	it('refuses a malformed PIN before running scrypt', async () => {
		await expect(openPinSlot(await slotWith(K), '12345')).rejects.toMatchObject({ code: 'PIN_INVALID_FORMAT' });
		await expect(createPinSlot(FIXTURE_MK, 'abcdef')).rejects.toMatchObject({ code: 'PIN_INVALID_FORMAT' });
		await expect(createPinSlot(FIXTURE_MK, '123456', { kdf: { name: 'scrypt', N: 2 ** 10, r: 8, p: 1 } })).rejects.toThrow(RangeError);
	});
});

describe('parsePinSlot', () => {
	const good = {
		type: 'pin',
		id: 'slot',
		kdf: { name: 'scrypt', N: 65536, r: 8, p: 2 },
		salt: 'AAAAAAAAAAAAAAAAAAAAAA',
		wrapped: 'A'.repeat(43),
		check: 7
	};
	it('reads a good slot', () => expect(parsePinSlot(good, 's')).toEqual(good));

	it.each([
		['salt of 15 bytes', { salt: 'AAAAAAAAAAAAAAAAAAAA' }],
		['salt not base64url', { salt: 'AAAAAAAAAAAAAAAAAAAAA=' }],
		['wrapped of 31 bytes', { wrapped: 'A'.repeat(42) }],
		['check 256', { check: 256 }],
		['check -1', { check: -1 }],
		['check 1.5', { check: 1.5 }],
		['check as string', { check: '7' }],
		['id with a dot', { id: 'a.b' }],
		['empty id', { id: '' }],
		['kdf with extra field', { kdf: { name: 'scrypt', N: 65536, r: 8, p: 2, maxmem: 1 } }],
		['kdf above the ceiling', { kdf: { name: 'scrypt', N: 2 ** 24, r: 8, p: 2 } }],
		['kdf not scrypt', { kdf: { name: 'pbkdf2', N: 65536, r: 8, p: 2 } }],
		['extra field', { extra: 1 }]
	])('refuses %s as VAULT_CORRUPT', (_, patch) => {
		expect(() => parsePinSlot({ ...good, ...patch }, 's')).toThrow(expect.objectContaining({ code: 'VAULT_CORRUPT' }));
	});

	it('refuses a weak kdf as VAULT_KDF_TOO_WEAK', () => {
		expect(() => parsePinSlot({ ...good, kdf: { name: 'scrypt', N: 1024, r: 8, p: 1 } }, 's')).toThrow(
			expect.objectContaining({ code: 'VAULT_KDF_TOO_WEAK' })
		);
	});
});
