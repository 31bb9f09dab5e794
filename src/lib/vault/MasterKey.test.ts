import { describe, expect, it } from 'vitest';
import { bytesOf } from './fixtures.testing';
import { generateMasterKey, importMasterKey, masterKeyMatches } from './MasterKey';

describe('MasterKey', () => {
	it('draws 32 random bytes', () => {
		const a = generateMasterKey();
		expect(a).toHaveLength(32);
		expect(a).not.toEqual(generateMasterKey());
		expect(() => generateMasterKey(() => new Uint8Array(16))).toThrow(RangeError);
	});

	it('imports as a non-extractable AES-CTR key', async () => {
		const key = await importMasterKey(bytesOf('mk'));
		expect(key.algorithm.name).toBe('AES-CTR');
		expect(key.extractable).toBe(false);
		await expect(globalThis.crypto.subtle.exportKey('raw', key)).rejects.toThrow();
		await expect(importMasterKey(new Uint8Array(16))).rejects.toThrow(RangeError);
	});

	it('masterKeyMatches tells the same key from another', async () => {
		const key = await importMasterKey(bytesOf('mk'));
		expect(await masterKeyMatches(key, bytesOf('mk'))).toBe(true);
		expect(await masterKeyMatches(key, bytesOf('other'))).toBe(false);
	});
});
