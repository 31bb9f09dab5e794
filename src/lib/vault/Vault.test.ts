import { base32, base32nopad, base64, base64nopad, base64url, hex } from '@scure/base';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromBase64Url } from '../crypto/bytes';
import { KDF_DEFAULT } from '../crypto/pinKdf';
import { totp } from '../otp/totp';
import { importHmacKey } from '../otp/importHmacKey';
import type { AccountInput } from './AccountInput';
import { FIXTURE_PIN_KEY, accountInput, bytesOf, decodeCurrent, hmacProbe, makeFixtureVault } from './fixtures.testing';
import { generateIntegrityKey } from './IntegrityKey';
import { createPinSlotWithKey, openPinSlotWithKey } from './PinSlot';
import { unlockWithMasterKey } from './UnlockedVault';
import { addAccount, createVault, lockedOutSummary, removeAccount, unlockWithPin, type UnlockedVault } from './Vault';
import { encodeVaultFile, signVaultFile, type VaultFile } from './VaultFile';
import { VaultError } from './VaultError';

/**
 * The scrypt-backed flows. Every PIN operation runs scrypt at real, floor-meeting cost (about a
 * second in Node), so this file creates one vault and runs as few PIN operations as it can;
 * everything else goes through fixtures or the unlocked session.
 */

const PIN = '246810';
const NOW = 1_700_000_000_000;
const inputs: AccountInput[] = [
	{ issuer: 'HRDK', account: '홍길동', secret: bytesOf('s1', 20), algorithm: 'SHA1', digits: 6, period: 60 },
	{ issuer: 'Example', account: 'hong@example.com', secret: bytesOf('s2', 32), algorithm: 'SHA256', digits: 8, period: 30 }
];

/** HMAC probes of the original secrets: what correctly unlocked keys must reproduce. */
let expected: string[];
let integrityKey: CryptoKey;
let created: { file: VaultFile; unlocked: UnlockedVault };
let text: string;

async function probes(unlocked: UnlockedVault): Promise<string[]> {
	return Promise.all(unlocked.accounts.map((a) => hmacProbe(a.key)));
}

beforeAll(async () => {
	integrityKey = await generateIntegrityKey();
	expected = await Promise.all(inputs.map(async (a) => hmacProbe(await importHmacKey(a.secret, a.algorithm))));
	const started = performance.now();
	created = await createVault({ pin: PIN, accounts: inputs, integrityKey, now: NOW });
	console.log(`createVault with KDF_DEFAULT: ${(performance.now() - started).toFixed(0)} ms`);
	text = encodeVaultFile(created.file);
});

describe('createVault → encode → decode → unlockWithPin', () => {
	it('uses the default KDF and returns a working session', async () => {
		const slot = created.file.header.slots[0]!;
		expect(slot.type === 'pin' && slot.kdf).toEqual(KDF_DEFAULT);
		expect(await probes(created.unlocked)).toEqual(expected);
		expect(created.unlocked.masterKey.extractable).toBe(false);
		expect(created.unlocked.accounts.every((a) => !a.key.extractable)).toBe(true);
		expect(created.unlocked.accounts.map(({ id, issuer, digits }) => ({ id, issuer, digits }))).toEqual(
			created.file.db.accounts.map(({ id, issuer, digits }) => ({ id, issuer, digits }))
		);
	});

	it('unlocks the stored text with the right PIN, giving the same codes as the original secrets', async () => {
		const unlocked = await unlockWithPin(decodeCurrent(text), PIN, integrityKey);
		expect(await probes(unlocked)).toEqual(expected);
		const [a] = unlocked.accounts;
		const reference = await importHmacKey(inputs[0]!.secret, 'SHA1');
		for (const timestamp of [0, NOW, NOW + 59_999, NOW + 60_000]) {
			expect(await totp({ key: a!.key, timestamp, period: 60, digits: 6 })).toBe(await totp({ key: reference, timestamp, period: 60, digits: 6 }));
		}
	});

	it('on a wrong PIN either fails the check or yields keys with different codes — nothing else', async () => {
		let outcome: string;
		try {
			const unlocked = await unlockWithPin(decodeCurrent(text), '135790', integrityKey);
			const got = await probes(unlocked);
			got.forEach((p, i) => expect(p).not.toBe(expected[i]));
			outcome = 'plausible wrong keys';
		} catch (e) {
			expect(e).toBeInstanceOf(VaultError);
			expect((e as VaultError).code).toBe('PIN_CHECK_FAILED');
			outcome = 'PIN_CHECK_FAILED';
		}
		console.log(`wrong PIN → ${outcome}`);
	});
});

describe('unlockWithPin refuses before running scrypt', () => {
	it('a malformed PIN', async () => {
		await expect(unlockWithPin(created.file, '12345', integrityKey)).rejects.toMatchObject({ code: 'PIN_INVALID_FORMAT' });
	});

	it('a tampered record (MAC first)', async () => {
		const tampered = { ...created.file, db: { accounts: created.file.db.accounts.map((a) => ({ ...a, digits: 8 })) } };
		const started = performance.now();
		await expect(unlockWithPin(tampered, PIN, integrityKey)).rejects.toMatchObject({ code: 'VAULT_TAMPERED' });
		await expect(unlockWithPin(created.file, PIN, await generateIntegrityKey())).rejects.toMatchObject({ code: 'VAULT_TAMPERED' });
		expect(performance.now() - started).toBeLessThan(300);
	});

	it('a downgraded KDF, even in memory and with a valid MAC', async () => {
		const pin = created.file.header.slots[0]!;
		const weak = { ...pin, kdf: { name: 'scrypt' as const, N: 2 ** 12, r: 8, p: 1 } };
		const file = await signVaultFile({ ...created.file, header: { keyId: created.file.header.keyId, slots: [weak] } }, integrityKey);
		await expect(unlockWithPin(file, PIN, integrityKey)).rejects.toMatchObject({ code: 'VAULT_KDF_TOO_WEAK' });
	});
});

describe('what storage reveals', () => {
	it('never contains a secret, in bytes, hex, base64, base64url or base32', () => {
		const latin1 = (b: Uint8Array) => String.fromCharCode(...b);
		const stored = new TextEncoder().encode(text);
		for (const { secret } of inputs) {
			const forms = [
				latin1(secret),
				hex.encode(secret),
				hex.encode(secret).toUpperCase(),
				base64.encode(secret),
				base64nopad.encode(secret),
				base64url.encode(secret),
				base32.encode(secret),
				base32nopad.encode(secret),
				base32nopad.encode(secret).toLowerCase()
			];
			for (const form of forms) expect(text).not.toContain(form);
			// Nor any 8-byte window of the raw secret inside the UTF-8 record or any decoded field.
			const fields = [stored, ...created.file.db.accounts.flatMap((a) => [fromBase64Url(a.secret), fromBase64Url(a.iv)])];
			for (let i = 0; i + 8 <= secret.length; i++) {
				const window = latin1(secret.subarray(i, i + 8));
				for (const field of fields) expect(latin1(field)).not.toContain(window);
			}
		}
		expect(text).not.toContain(PIN);
	});

	it('keeps issuer and account readable for the lockout screen', () => {
		expect(lockedOutSummary(decodeCurrent(text))).toEqual([
			{ issuer: 'HRDK', account: '홍길동' },
			{ issuer: 'Example', account: 'hong@example.com' }
		]);
	});
});

describe('accounts in a session', () => {
	it('adds and removes accounts, and the stored record reflects it', async () => {
		const extra = accountInput('extra', 'SHA512', 64);
		const added = await addAccount(created.file, created.unlocked, extra, integrityKey, NOW + 1);
		expect(added.file.db.accounts).toHaveLength(3);
		expect(added.unlocked.accounts).toHaveLength(3);
		const newId = added.file.db.accounts[2]!.id;
		expect(added.unlocked.accounts[2]!.id).toBe(newId);
		expect(await hmacProbe(added.unlocked.accounts[2]!.key)).toBe(await hmacProbe(await importHmacKey(extra.secret, 'SHA512')));
		// The new record is sealed under the same MK: its secret is readable with the session key.
		const sealed = fromBase64Url(added.file.db.accounts[2]!.secret);
		expect(sealed).toHaveLength(64);
		expect(decodeCurrent(encodeVaultFile(added.file))).toEqual(added.file);

		const removed = await removeAccount(added.file, added.unlocked, newId, integrityKey);
		expect(removed.file.db.accounts.map((a) => a.id)).toEqual(created.file.db.accounts.map((a) => a.id));
		expect(removed.unlocked.accounts.map((a) => a.id)).toEqual(created.unlocked.accounts.map((a) => a.id));
		await expect(removeAccount(removed.file, removed.unlocked, newId, integrityKey)).rejects.toMatchObject({ code: 'ACCOUNT_NOT_FOUND' });
		// The input file is untouched (operations return new objects).
		expect(encodeVaultFile(created.file)).toBe(text);
	});

	it('refuses a 51st account with ACCOUNT_LIMIT', async () => {
		const fifty = Array.from({ length: 50 }, (_, i) => accountInput(`${i}`));
		const { file, integrityKey: key } = await makeFixtureVault({ accounts: fifty });
		await expect(addAccount(file, created.unlocked, accountInput('51'), key)).rejects.toMatchObject({ code: 'ACCOUNT_LIMIT' });
		await expect(createVault({ pin: PIN, accounts: [...fifty, accountInput('51')], integrityKey })).rejects.toMatchObject({
			code: 'ACCOUNT_LIMIT'
		});
	});

	it('refuses to re-sign a tampered record', async () => {
		const tampered = { ...created.file, db: { accounts: created.file.db.accounts.slice(1) } };
		await expect(addAccount(tampered, created.unlocked, accountInput('x'), integrityKey)).rejects.toMatchObject({ code: 'VAULT_TAMPERED' });
		const id = created.file.db.accounts[1]!.id;
		await expect(removeAccount(tampered, created.unlocked, id, integrityKey)).rejects.toMatchObject({ code: 'VAULT_TAMPERED' });
	});
});

describe('createVault argument checks (before scrypt)', () => {
	it('refuses a KDF below the floor, bad accounts and bad keys', async () => {
		await expect(createVault({ pin: PIN, accounts: [], integrityKey, kdf: { name: 'scrypt', N: 2 ** 14, r: 8, p: 1 } })).rejects.toThrow(RangeError);
		await expect(createVault({ pin: '1234', accounts: [], integrityKey })).rejects.toMatchObject({ code: 'PIN_INVALID_FORMAT' });
		await expect(createVault({ pin: PIN, accounts: [{ ...inputs[0]!, digits: 4 }], integrityKey })).rejects.toThrow(RangeError);
		const aes = await globalThis.crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt']);
		await expect(createVault({ pin: PIN, accounts: [], integrityKey: aes })).rejects.toThrow(TypeError);
	});
});

describe('a wrong PIN that passes the check (simulated with a fixed K)', () => {
	it('unlocks to keys that give plausible, wrong codes', async () => {
		const { file, inputs: fixtureInputs } = await makeFixtureVault();
		const slot = file.header.slots[0]!;
		if (slot.type !== 'pin') throw new Error('fixture');
		let wrongKey: Uint8Array | undefined;
		for (let i = 0; !wrongKey; i++) {
			const k = bytesOf(`lucky ${i}`);
			const probe = await createPinSlotWithKey(new Uint8Array(32), k, { kdf: slot.kdf, salt: fromBase64Url(slot.salt), id: 'x' });
			if (probe.check === slot.check) wrongKey = k;
		}
		expect(wrongKey).not.toEqual(FIXTURE_PIN_KEY);
		const mk = await openPinSlotWithKey(slot, wrongKey!);
		const unlocked = await unlockWithMasterKey(file.db.accounts, mk);
		for (const [i, account] of unlocked.accounts.entries()) {
			const right = await importHmacKey(fixtureInputs[i]!.secret, fixtureInputs[i]!.algorithm);
			const code = await totp({ key: account.key, timestamp: NOW, period: 60, digits: 6 });
			expect(code).toMatch(/^\d{6}$/);
			expect(await hmacProbe(account.key)).not.toBe(await hmacProbe(right));
		}
	});
});

describe('duplicate secrets (an offline PIN oracle)', () => {
	it('refuses a secret the vault already holds, whatever its name or algorithm', async () => {
		const same = { ...inputs[0]!, issuer: 'Again', account: 'same QR', algorithm: 'SHA256' as const };
		await expect(addAccount(created.file, created.unlocked, same, integrityKey)).rejects.toMatchObject({ code: 'ACCOUNT_DUPLICATE' });
		// A different secret of the same length is fine.
		const other = { ...inputs[0]!, secret: bytesOf('another', 20) };
		const added = await addAccount(created.file, created.unlocked, other, integrityKey);
		expect(added.file.db.accounts).toHaveLength(3);
		expect(added.file.generation).toBe(created.file.generation + 1);
	});

	it('refuses the same secret twice in a new vault', async () => {
		await expect(createVault({ pin: PIN, accounts: [inputs[0]!, { ...inputs[0]! }], integrityKey })).rejects.toMatchObject({ code: 'ACCOUNT_DUPLICATE' });
	});
});

