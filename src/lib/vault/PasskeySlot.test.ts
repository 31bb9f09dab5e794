import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from '../crypto/bytes';
import { FIXTURE_CREDENTIAL_ID, FIXTURE_MK, FIXTURE_PRF_OUTPUT, FIXTURE_PRF_SALT, bytesOf, seededRandom } from './fixtures.testing';
import { createPasskeySlot, openPasskeySlot, parsePasskeySlot, type PasskeySlot } from './PasskeySlot';

const passkey = { credentialId: FIXTURE_CREDENTIAL_ID, prfSalt: FIXTURE_PRF_SALT, prfOutput: FIXTURE_PRF_OUTPUT };
const make = () => createPasskeySlot(FIXTURE_MK, passkey, { now: 1_700_000_000_000, random: seededRandom('passkey') });

/** Flips one bit of a base64url field. */
function flip(field: string): string {
	const bytes = fromBase64Url(field);
	bytes[0]! ^= 1;
	return toBase64Url(bytes);
}

describe('PasskeySlot', () => {
	it('wraps MK with AES-GCM and unwraps it with the same PRF output', async () => {
		const slot = await make();
		expect(slot).toMatchObject({ type: 'passkey', createdAt: 1_700_000_000_000, credentialId: toBase64Url(FIXTURE_CREDENTIAL_ID) });
		expect(fromBase64Url(slot.iv)).toHaveLength(12);
		expect(fromBase64Url(slot.wrapped)).toHaveLength(48);
		expect(await openPasskeySlot(slot, FIXTURE_PRF_OUTPUT)).toEqual(FIXTURE_MK);
	});

	it('draws a fresh iv per slot', async () => {
		const a = await createPasskeySlot(FIXTURE_MK, passkey, { now: 0 });
		const b = await createPasskeySlot(FIXTURE_MK, passkey, { now: 0 });
		expect(a.iv).not.toBe(b.iv);
		expect(a.id).not.toBe(b.id);
	});

	it.each<[string, (s: PasskeySlot) => PasskeySlot]>([
		['another prfSalt', (s) => ({ ...s, prfSalt: flip(s.prfSalt) })],
		['another iv', (s) => ({ ...s, iv: flip(s.iv) })],
		['a flipped ciphertext bit', (s) => ({ ...s, wrapped: flip(s.wrapped) })],
		['another slot id (the AAD)', (s) => ({ ...s, id: 'someone-else' })]
	])('fails clearly with %s', async (_, edit) => {
		await expect(openPasskeySlot(edit(await make()), FIXTURE_PRF_OUTPUT)).rejects.toMatchObject({ code: 'PASSKEY_UNWRAP_FAILED' });
	});

	it('fails clearly with another PRF output (another credential or vault)', async () => {
		await expect(openPasskeySlot(await make(), bytesOf('other prf'))).rejects.toMatchObject({ code: 'PASSKEY_UNWRAP_FAILED' });
	});

	it('refuses bad arguments with TypeError / RangeError', async () => {
		await expect(createPasskeySlot(FIXTURE_MK, { ...passkey, prfOutput: new Uint8Array(16) }, { now: 0 })).rejects.toThrow(RangeError);
		await expect(createPasskeySlot(FIXTURE_MK, { ...passkey, prfSalt: new Uint8Array(31) }, { now: 0 })).rejects.toThrow(RangeError);
		await expect(createPasskeySlot(FIXTURE_MK, { ...passkey, credentialId: new Uint8Array(0) }, { now: 0 })).rejects.toThrow(RangeError);
		await expect(createPasskeySlot(FIXTURE_MK, { ...passkey, credentialId: new Uint8Array(1024) }, { now: 0 })).rejects.toThrow(RangeError);
		await expect(createPasskeySlot(new Uint8Array(16), passkey, { now: 0 })).rejects.toThrow(RangeError);
		await expect(createPasskeySlot(FIXTURE_MK, passkey, { now: -1 })).rejects.toThrow(RangeError);
		await expect(createPasskeySlot(FIXTURE_MK, { ...passkey, prfOutput: 'x' as unknown as Uint8Array }, { now: 0 })).rejects.toThrow(TypeError);
		await expect(openPasskeySlot(await make(), new Uint8Array(31))).rejects.toThrow(RangeError);
	});
});

describe('parsePasskeySlot', () => {
	it('reads what createPasskeySlot wrote', async () => {
		const slot = await make();
		expect(parsePasskeySlot(JSON.parse(JSON.stringify(slot)), 's')).toEqual(slot);
	});

	it.each([
		['iv of 16 bytes (GCM wants 12)', { iv: 'A'.repeat(22) }],
		['wrapped of 32 bytes (no tag)', { wrapped: 'A'.repeat(43) }],
		['prfSalt of 16 bytes', { prfSalt: 'A'.repeat(22) }],
		['empty credentialId', { credentialId: '' }],
		['credentialId of 1024 bytes', { credentialId: toBase64Url(new Uint8Array(1024)) }],
		['createdAt negative', { createdAt: -1 }],
		['createdAt beyond the time value range', { createdAt: 8.64e15 + 1 }],
		['createdAt as a date string', { createdAt: '2024-01-01' }],
		['type pin', { type: 'pin' }],
		['extra field', { rpId: 'example.com' }]
	])('refuses %s as VAULT_CORRUPT', async (_, patch) => {
		const good = JSON.parse(JSON.stringify(await make()));
		expect(() => parsePasskeySlot({ ...good, ...patch }, 's')).toThrow(expect.objectContaining({ code: 'VAULT_CORRUPT' }));
	});
});
