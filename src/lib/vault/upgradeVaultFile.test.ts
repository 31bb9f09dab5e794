import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeBase32 } from '../otp/base32';
import { importHmacKey } from '../otp/importHmacKey';
import { totp } from '../otp/totp';
import type { OtpAlgorithm } from '../otp/OtpAlgorithm';
import { hmacProbe } from './fixtures.testing';
import { recordStamp } from './recordStamp';
import { upgradeVaultFile } from './upgradeVaultFile';
import { addAccount, unlockWithPasskey, unlockWithPin } from './Vault';
import { decodeVaultFile, encodeVaultFile, verifyVaultFile, VAULT_VERSION } from './VaultFile';

/** A version-1 record written by main's code at bbdfe46 (tests/fixtures/vault-v1.json). */
const fixture = JSON.parse(readFileSync('tests/fixtures/vault-v1.json', 'utf8')) as {
	pin: string;
	integrityKeyHex: string;
	passkey: { credentialIdHex: string; prfOutputHex: string };
	accounts: { issuer: string; account: string; secret: string; algorithm: OtpAlgorithm; digits: number; period: number }[];
	record: string;
};
const hex = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));
const integrityKey = () => globalThis.crypto.subtle.importKey('raw', hex(fixture.integrityKeyHex), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
const expectedProbes = () => Promise.all(fixture.accounts.map(async (a) => hmacProbe(await importHmacKey(decodeBase32(a.secret), a.algorithm))));

describe('a version-1 vault from main still opens, and nothing is lost', () => {
	it('decodes as version 1 and verifies under its own canonical form', async () => {
		const v1 = decodeVaultFile(fixture.record);
		expect(v1.version).toBe(1);
		await verifyVaultFile(v1, await integrityKey());
		expect(recordStamp(fixture.record)).toEqual({ generation: 0, mac: v1.mac });
	});

	it('upgrades in memory: same slots and accounts, generation 0, a key id both tabs agree on', async () => {
		const key = await integrityKey();
		const v1 = decodeVaultFile(fixture.record);
		const v2 = await upgradeVaultFile(v1, key);
		expect(v2.version).toBe(VAULT_VERSION);
		expect(v2.generation).toBe(0);
		expect(v2.header.slots).toEqual(v1.header.slots);
		expect(v2.db).toEqual(v1.db);
		expect((await upgradeVaultFile(decodeVaultFile(fixture.record), key)).header.keyId).toBe(v2.header.keyId);
		await verifyVaultFile(decodeVaultFile(encodeVaultFile(v2)), key);
		expect(await upgradeVaultFile(v2, key)).toBe(v2);
	});

	it('opens with the PIN and gives the codes of the original secrets (RFC 6238, cross-checked by HMAC)', async () => {
		const key = await integrityKey();
		const unlocked = await unlockWithPin(await upgradeVaultFile(decodeVaultFile(fixture.record), key), fixture.pin, key);
		expect(await Promise.all(unlocked.accounts.map((a) => hmacProbe(a.key)))).toEqual(await expectedProbes());
		expect(unlocked.accounts.map(({ issuer, account, digits, period }) => ({ issuer, account, digits, period }))).toEqual(
			fixture.accounts.map(({ issuer, account, digits, period }) => ({ issuer, account, digits, period }))
		);
		const [a] = unlocked.accounts;
		const reference = await importHmacKey(decodeBase32(fixture.accounts[0]!.secret), 'SHA1');
		expect(await totp({ key: a!.key, timestamp: 1_767_225_600_000, period: 60, digits: 6 })).toBe(
			await totp({ key: reference, timestamp: 1_767_225_600_000, period: 60, digits: 6 })
		);
	});

	it('keeps its passkey slot working', async () => {
		const key = await integrityKey();
		const v2 = await upgradeVaultFile(decodeVaultFile(fixture.record), key);
		const slot = v2.header.slots.find((s) => s.type === 'passkey')!;
		const unlocked = await unlockWithPasskey(v2, slot.id, hex(fixture.passkey.prfOutputHex), key);
		expect(await Promise.all(unlocked.accounts.map((a) => hmacProbe(a.key)))).toEqual(await expectedProbes());
	});

	it('the first write after the upgrade is a version-2 record at generation 1', async () => {
		const key = await integrityKey();
		const v2 = await upgradeVaultFile(decodeVaultFile(fixture.record), key);
		const session = await unlockWithPin(v2, fixture.pin, key);
		const next = await addAccount(v2, session, { issuer: 'X', account: 'y', secret: new Uint8Array(20).fill(7), algorithm: 'SHA1', digits: 6, period: 30 }, key);
		const text = encodeVaultFile(next.file);
		expect(text.startsWith('{"version":2,"generation":1,')).toBe(true);
		expect(recordStamp(text)).toEqual({ generation: 1, mac: next.file.mac });
	});

	it('refuses an edited version-1 record, and never re-signs it', async () => {
		const key = await integrityKey();
		const edited = fixture.record.replace('"issuer":"HRDK"', '"issuer":"HRDX"');
		await expect(upgradeVaultFile(decodeVaultFile(edited), key)).rejects.toMatchObject({ code: 'VAULT_TAMPERED' });
	});
});
