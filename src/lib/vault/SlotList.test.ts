import { describe, expect, it } from 'vitest';
import { FIXTURE_CREDENTIAL_ID, makeFixtureVault } from './fixtures.testing';
import { toBase64Url } from '../crypto/bytes';
import { SlotList } from './SlotList';
import type { PasskeySlot } from './PasskeySlot';

describe('SlotList', () => {
	it('answers the slot questions of Vault, VaultFile and the session', async () => {
		const { file } = await makeFixtureVault({ passkey: true });
		const slots = new SlotList(file.header.slots);
		expect(slots.pin().id).toBe('pin-slot');
		expect(slots.passkeys().map((s) => s.id)).toEqual(['passkey-slot']);
		expect(slots.passkey('passkey-slot').type).toBe('passkey');
		expect(() => slots.passkey('nope')).toThrow(expect.objectContaining({ code: 'SLOT_NOT_FOUND' }));
		expect(slots.hasCredential(toBase64Url(FIXTURE_CREDENTIAL_ID))).toBe(true);
		expect(slots.summaries()).toEqual([{ id: 'passkey-slot', credentialId: toBase64Url(FIXTURE_CREDENTIAL_ID), prfSalt: expect.any(String), createdAt: 1_700_000_000_000 }]);
	});

	it('builds new lists without changing the old one', async () => {
		const { file } = await makeFixtureVault({ passkey: true });
		const slots = new SlotList(file.header.slots);
		const passkey = slots.passkey('passkey-slot');
		expect(slots.withoutPasskey('passkey-slot').map((s) => s.type)).toEqual(['pin']);
		expect(() => slots.withPasskey(passkey)).toThrow(RangeError);
		const other: PasskeySlot = { ...passkey, id: 'other', credentialId: 'AAAA' };
		expect(slots.withPasskey(other)).toHaveLength(3);
		expect(slots.all).toHaveLength(2);
		expect(slots.withPin({ ...slots.pin(), id: 'new-pin' })[0]!.id).toBe('new-pin');
	});

	it('refuses lists that break the format rules', async () => {
		const { file } = await makeFixtureVault({ passkey: true });
		const [pin, passkey] = file.header.slots as [never, PasskeySlot];
		expect(() => new SlotList([passkey]).assertValid()).toThrow(expect.objectContaining({ code: 'VAULT_CORRUPT' }));
		expect(() => new SlotList([pin, pin]).assertValid()).toThrow(expect.objectContaining({ code: 'VAULT_CORRUPT' }));
		expect(() => new SlotList([pin, passkey, { ...passkey, id: 'x' }]).assertValid()).toThrow(expect.objectContaining({ code: 'VAULT_CORRUPT' }));
		expect(() => new SlotList([pin, passkey]).assertValid()).not.toThrow();
	});
});
