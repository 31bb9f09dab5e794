import { beforeAll, describe, expect, it } from 'vitest';
import { fromBase64Url } from '../crypto/bytes';
import { importHmacKey } from '../otp/importHmacKey';
import { FIXTURE_MK, accountInput, bytesOf, decodeCurrent, hmacProbe, makeFixtureVault } from './fixtures.testing';
import { generateIntegrityKey } from './IntegrityKey';
import type { PasskeySlot } from './PasskeySlot';
import type { PinSlot } from './PinSlot';
import { unlockWithMasterKey } from './UnlockedVault';
import {
	addPasskeySlot,
	changePin,
	lockedOutSummary,
	removePasskeySlot,
	unlockWithPasskey,
	unlockWithPin,
	type UnlockedVault
} from './Vault';
import { encodeVaultFile, type VaultFile } from './VaultFile';
import { masterKeyMatches } from './MasterKey';
import type { PasskeySummary } from './SlotList';
import { VaultError } from './VaultError';

/**
 * Passkey slots and PIN changes. Each PIN operation costs one scrypt run (about a second), so
 * the flow is built once, step by step, and each test checks one step.
 */

const OLD_PIN = '111111';
const NEW_PIN = '222222';
const NOW = 1_700_000_000_000;
const passkey = { credentialId: bytesOf('cred', 16), prfSalt: bytesOf('prf salt'), prfOutput: bytesOf('prf output') };
const inputs = [accountInput('a'), accountInput('b', 'SHA256', 32)];

let integrityKey: CryptoKey;
let expected: string[];
let session: UnlockedVault;
let withPasskey: VaultFile;
let changed: VaultFile;
let rekeyed: UnlockedVault;
let removed: PasskeySummary[];

const probes = (u: UnlockedVault) => Promise.all(u.accounts.map((a) => hmacProbe(a.key)));
const passkeySlotOf = (file: VaultFile) => file.header.slots.find((s): s is PasskeySlot => s.type === 'passkey')!;
const pinSlotOf = (file: VaultFile) => file.header.slots.find((s): s is PinSlot => s.type === 'pin')!;

beforeAll(async () => {
	integrityKey = await generateIntegrityKey();
	expected = await Promise.all(inputs.map(async (a) => hmacProbe(await importHmacKey(a.secret, a.algorithm))));
	// Start from a fixture with a real PIN slot (native scrypt): createVault is covered in Vault.test.ts.
	const start = await makeFixtureVault({ pin: OLD_PIN, accounts: inputs, integrityKey });
	session = await unlockWithMasterKey(start.file.db.accounts, FIXTURE_MK);
	withPasskey = await addPasskeySlot(start.file, OLD_PIN, passkey, integrityKey, NOW + 1, session);
	({ file: changed, unlocked: rekeyed, removedPasskeys: removed } = await changePin(withPasskey, OLD_PIN, NEW_PIN, integrityKey, undefined, session));
});

describe('passkey slots', () => {
	it('addPasskeySlot stores the slot and unlockWithPasskey opens it', async () => {
		const slot = passkeySlotOf(withPasskey);
		expect(slot.createdAt).toBe(NOW + 1);
		expect(fromBase64Url(slot.credentialId)).toEqual(passkey.credentialId);
		const file = decodeCurrent(encodeVaultFile(withPasskey));
		expect(await probes(await unlockWithPasskey(file, slot.id, passkey.prfOutput, integrityKey))).toEqual(expected);
	});

	it('fails clearly with another PRF output, an unknown slot, or a tampered record', async () => {
		const slot = passkeySlotOf(withPasskey);
		await expect(unlockWithPasskey(withPasskey, slot.id, bytesOf('other'), integrityKey)).rejects.toMatchObject({ code: 'PASSKEY_UNWRAP_FAILED' });
		await expect(unlockWithPasskey(withPasskey, 'nope', passkey.prfOutput, integrityKey)).rejects.toMatchObject({ code: 'SLOT_NOT_FOUND' });
		const pinId = pinSlotOf(withPasskey).id;
		await expect(unlockWithPasskey(withPasskey, pinId, passkey.prfOutput, integrityKey)).rejects.toMatchObject({ code: 'SLOT_NOT_FOUND' });
		await expect(unlockWithPasskey(withPasskey, slot.id, passkey.prfOutput, await generateIntegrityKey())).rejects.toMatchObject({
			code: 'VAULT_TAMPERED'
		});
	});

	it('refuses a second slot for the same credential, before running scrypt', async () => {
		await expect(addPasskeySlot(withPasskey, OLD_PIN, passkey, integrityKey)).rejects.toThrow(RangeError);
		await expect(addPasskeySlot(withPasskey, OLD_PIN, { ...passkey, prfOutput: new Uint8Array(8) }, integrityKey)).rejects.toThrow(RangeError);
	});

	it('removePasskeySlot removes it; the PIN slot cannot be removed', async () => {
		const slot = passkeySlotOf(withPasskey);
		const removed = await removePasskeySlot(withPasskey, slot.id, integrityKey);
		expect(removed.header.slots.map((s) => s.type)).toEqual(['pin']);
		await expect(unlockWithPasskey(removed, slot.id, passkey.prfOutput, integrityKey)).rejects.toMatchObject({ code: 'SLOT_NOT_FOUND' });
		await expect(removePasskeySlot(removed, slot.id, integrityKey)).rejects.toMatchObject({ code: 'SLOT_NOT_FOUND' });
		await expect(removePasskeySlot(withPasskey, pinSlotOf(withPasskey).id, integrityKey)).rejects.toMatchObject({ code: 'SLOT_NOT_FOUND' });
	});
});

describe('changePin', () => {
	it('re-keys: a new PIN slot, a new key id, every secret re-sealed, in one new record', async () => {
		const [before, after] = [pinSlotOf(withPasskey), pinSlotOf(changed)];
		expect(after.salt).not.toBe(before.salt);
		expect(after.id).not.toBe(before.id);
		expect(after.wrapped).not.toBe(before.wrapped);
		expect(changed.header.keyId).not.toBe(withPasskey.header.keyId);
		expect(changed.generation).toBe(withPasskey.generation + 1);
		// Same accounts (ids, names, dates), new counter blocks and ciphertexts.
		expect(changed.db.accounts.map(({ id, issuer, account, addedAt }) => ({ id, issuer, account, addedAt }))).toEqual(
			withPasskey.db.accounts.map(({ id, issuer, account, addedAt }) => ({ id, issuer, account, addedAt }))
		);
		changed.db.accounts.forEach((a, i) => {
			expect(a.iv).not.toBe(withPasskey.db.accounts[i]!.iv);
			expect(a.secret).not.toBe(withPasskey.db.accounts[i]!.secret);
		});
	});

	it('the old master key opens nothing in the new record: the two copies share no key', async () => {
		expect(await masterKeyMatches(rekeyed.masterKey, FIXTURE_MK)).toBe(false);
		// The old session's key decrypts the new ciphertexts to something else.
		expect(await probes(await unlockWithMasterKey(changed.db.accounts, FIXTURE_MK))).not.toEqual(expected);
		// The returned session is the new key's, with the same codes.
		expect(await probes(rekeyed)).toEqual(expected);
	});

	it('drops the passkey slots (they wrap the old key) and reports them, so the app can forget them', () => {
		expect(changed.header.slots.map((s) => s.type)).toEqual(['pin']);
		expect(removed.map((p) => p.credentialId)).toEqual([passkeySlotOf(withPasskey).credentialId]);
	});

	it('opens with the new PIN', async () => {
		expect(await probes(await unlockWithPin(decodeCurrent(encodeVaultFile(changed)), NEW_PIN, integrityKey))).toEqual(expected);
	});

	it('no longer opens with the old PIN', async () => {
		try {
			const unlocked = await unlockWithPin(changed, OLD_PIN, integrityKey);
			(await probes(unlocked)).forEach((p, i) => expect(p).not.toBe(expected[i]));
		} catch (e) {
			expect(e).toBeInstanceOf(VaultError);
			expect((e as VaultError).code).toBe('PIN_CHECK_FAILED');
		}
	});

	it('refuses malformed PINs and a tampered record before running scrypt', async () => {
		await expect(changePin(changed, NEW_PIN, '12', integrityKey)).rejects.toMatchObject({ code: 'PIN_INVALID_FORMAT' });
		await expect(changePin(changed, 'x', NEW_PIN, integrityKey)).rejects.toMatchObject({ code: 'PIN_INVALID_FORMAT' });
		await expect(changePin(changed, NEW_PIN, OLD_PIN, await generateIntegrityKey())).rejects.toMatchObject({ code: 'VAULT_TAMPERED' });
		await expect(changePin(changed, NEW_PIN, OLD_PIN, integrityKey, { name: 'scrypt', N: 1024, r: 8, p: 1 })).rejects.toThrow(RangeError);
	});

	it('with a session, refuses an old PIN whose MK differs from the session’s', async () => {
		// A session under another MK: exactly what a wrong PIN that passed the check would produce.
		const other = await unlockWithMasterKey([], bytesOf('another master key'));
		await expect(changePin(changed, NEW_PIN, OLD_PIN, integrityKey, undefined, other)).rejects.toMatchObject({
			code: 'PIN_CHECK_FAILED'
		});
	});
});

it('lockedOutSummary needs no key', () => {
	expect(lockedOutSummary(changed).map((a) => a.issuer)).toEqual(['HRDK', 'HRDK']);
});
