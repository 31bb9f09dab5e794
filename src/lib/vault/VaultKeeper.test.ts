import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fromBase64Url } from '../crypto/bytes';

import { accountInput, asVersion2Text, bytesOf, fixturePinKey, FIXTURE_PRF_OUTPUT, hmacProbe, makeFixtureVault, SCRYPT_DEFAULT } from './fixtures.testing';
import { generateIntegrityKey } from './IntegrityKey';
import { MemoryChannelBus, MemoryVaultStorage } from './memoryVaultStorage.testing';
import { openPinSlotWithKey, type PinSlot } from './PinSlot';
import { parseGuard } from './pinStrikes';
import { recordStamp } from './recordStamp';
import { encodeVaultFile, type VaultFile } from './VaultFile';
import { VaultKeeper, type KeeperDeps } from './VaultKeeper';

/**
 * The session's rules, proved in Node: several keepers on one storage are several tabs. Each
 * PIN try runs the real scrypt (about half a second here), so the tests try as few as they can.
 */

const PIN = '482913';
const NEW_PIN = '907315';
const NOW = 1_767_225_600_000;

const refusedCache = new Map<string, string[]>();

/**
 * Wrong PINs that the stored check byte refuses, found with native scrypt, so the tests are
 * deterministic (a lucky wrong PIN, 1 in 256, would open a decoy instead of counting).
 */
async function refusedPins(file: VaultFile, n: number): Promise<string[]> {
	const slot = file.header.slots.find((s): s is PinSlot => s.type === 'pin')!;
	const cached = refusedCache.get(slot.salt) ?? [];
	for (let i = 0; cached.length < n; i++) {
		const pin = String(100000 + i * 7919).padStart(6, '0');
		if (pin === PIN || pin === NEW_PIN || cached.includes(pin)) continue;
		const k = await fixturePinKey(pin, fromBase64Url(slot.salt), slot.kdf);
		if (await openPinSlotWithKey(slot, k).then(() => false, () => true)) cached.push(pin);
	}
	refusedCache.set(slot.salt, cached);
	return cached.slice(0, n);
}

let storage: MemoryVaultStorage;
let bus: MemoryChannelBus;
let file: VaultFile;
let marker: { present: () => boolean; set: () => void; clear: () => void };

function tab(store = storage): VaultKeeper {
	const deps: KeeperDeps = { storage: store, channel: bus.channel(), marker, newIntegrityKey: generateIntegrityKey, now: () => NOW };
	return new VaultKeeper(deps, () => undefined);
}

async function seed(store: MemoryVaultStorage, opts: { passkey?: boolean } = {}): Promise<void> {
	const made = await makeFixtureVault({ pin: PIN, accounts: [accountInput('a')], ...opts });
	file = made.file;
	store.records.set('vault', encodeVaultFile(made.file));
	store.records.set('integrityKey', made.integrityKey);
}

beforeEach(async () => {
	storage = new MemoryVaultStorage();
	bus = new MemoryChannelBus();
	let cookie = true;
	marker = { present: () => cookie, set: () => void (cookie = true), clear: () => void (cookie = false) };
	await seed(storage, { passkey: true });
});

describe('the 5-strike rule, shared by every tab', () => {
	it('counts in storage across tabs; the fifth wipes in one write; a stale tab cannot unlock after it', async () => {
		const [a, b, c] = [tab(), tab(), tab()];
		await Promise.all([a.start(), b.start(), c.start()]);
		const wrong = await refusedPins(file, 5);
		const results = [];
		for (const [i, pin] of wrong.entries()) results.push(await [a, b, c][i % 3]!.unlock(pin));
		expect(results.map((r) => (r.ok ? 'ok' : `${r.code}:${r.attemptsLeft}`))).toEqual([
			'PIN_CHECK_FAILED:4',
			'PIN_CHECK_FAILED:3',
			'PIN_CHECK_FAILED:2',
			'PIN_CHECK_FAILED:1',
			'LOCKED_OUT:0'
		]);
		// The wipe and the lockout are one write.
		expect(storage.writes.at(-1)!.sort()).toEqual(['guard', 'integrityKey', 'vault']);
		expect(storage.records.has('vault')).toBe(false);
		expect(parseGuard(storage.records.get('guard'))).toMatchObject({ failedPins: 5, lockedOut: { at: NOW, accounts: [{ issuer: 'HRDK', account: '홍길동 a' }] } });
		// Tab c still held the record in memory: the right PIN no longer opens anything.
		expect(await c.unlock(PIN)).toEqual({ ok: false, code: 'LOCKED_OUT', attemptsLeft: 0 });
		expect(c.state.phase).toBe('locked-out');
		expect(c.state.accounts).toEqual([]);
	});

	it('three tabs trying at once get exactly 5 wrong PINs between them', async () => {
		const tabs = [tab(), tab(), tab()];
		await Promise.all(tabs.map((t) => t.start()));
		const wrong = await refusedPins(file, 7);
		const results = await Promise.all(wrong.map((pin, i) => tabs[i % 3]!.unlock(pin)));
		expect(results.filter((r) => !r.ok && r.code === 'PIN_CHECK_FAILED')).toHaveLength(4);
		expect(results.filter((r) => !r.ok && r.code === 'LOCKED_OUT')).toHaveLength(3);
		expect(storage.records.has('vault')).toBe(false);
	});

	it('the right PIN starts the count over, in storage', async () => {
		const [a, b] = [tab(), tab()];
		await Promise.all([a.start(), b.start()]);
		const [w1, w2] = await refusedPins(file, 2);
		await a.unlock(w1!);
		await b.unlock(w2!);
		expect(parseGuard(storage.records.get('guard')).failedPins).toBe(2);
		expect(await a.unlock(PIN)).toEqual({ ok: true });
		expect(parseGuard(storage.records.get('guard')).failedPins).toBe(0);
		await b.refresh();
		expect(b.attemptsLeft).toBe(5);
	});

	it('a failed passkey is not a strike', async () => {
		const a = tab();
		await a.start();
		const slotId = a.state.passkeys[0]!.id;
		const r = await a.unlockWithPasskey(slotId, bytesOf('some other PRF output'));
		expect(r).toEqual({ ok: false, code: 'PASSKEY_UNWRAP_FAILED', attemptsLeft: 5 });
		expect(storage.records.has('guard')).toBe(false);
		expect(await a.unlockWithPasskey(slotId, FIXTURE_PRF_OUTPUT)).toEqual({ ok: true });
		expect(a.state.accounts).toHaveLength(1);
	});
});

describe('compare-and-swap: no write is lost', () => {
	for (const locks of [true, false]) {
		it(`two tabs racing 20 writes each keep all 40 (${locks ? 'with' : 'without'} Web Locks)`, async () => {
			storage = new MemoryVaultStorage({ locks });
			await seed(storage);
			const [a, b] = [tab(), tab()];
			await Promise.all([a.start(), b.start()]);
			expect(await a.unlock(PIN)).toEqual({ ok: true });
			expect(await b.unlock(PIN)).toEqual({ ok: true });
			const adds = (t: VaultKeeper, who: string) =>
				(async () => {
					for (let i = 0; i < 20; i++) await t.add({ ...accountInput(`${who}${i}`), secret: bytesOf(`${who}${i}`, 20) });
				})();
			await Promise.all([adds(a, 'a'), adds(b, 'b')]);
			const stored = JSON.parse(storage.records.get('vault') as string) as { generation: number; db: { accounts: unknown[] } };
			expect(stored.db.accounts).toHaveLength(41);
			expect(stored.generation).toBe(file.generation + 40);
			await Promise.all([a.refresh(), b.refresh()]);
			expect(a.state.accounts).toHaveLength(41);
			expect(b.state.accounts).toHaveLength(41);
		});
	}

	it('a stale tab that adds after a PIN change elsewhere neither restores the old PIN slot nor loses the account', async () => {
		storage = new MemoryVaultStorage({ locks: false });
		await seed(storage);
		const [a, b] = [tab(), tab()];
		await Promise.all([a.start(), b.start()]);
		await a.unlock(PIN);
		await b.unlock(PIN);
		expect(await a.changePin(PIN, NEW_PIN)).toMatchObject({ ok: true });
		const afterChange = storage.records.get('vault') as string;
		// b never heard of it (no channel message handled yet) and writes.
		await expect(b.add(accountInput('late'))).rejects.toMatchObject({ code: 'VAULT_CHANGED' });
		expect(storage.records.get('vault')).toBe(afterChange);
		expect(b.state.phase).toBe('locked');
		// The new PIN is the right PIN in the stale tab too (not a strike), and the account can be added now.
		expect(await b.unlock(NEW_PIN)).toEqual({ ok: true });
		await b.add(accountInput('late'));
		expect(parseGuard(storage.records.get('guard')).failedPins).toBe(0);
		expect((JSON.parse(storage.records.get('vault') as string) as { db: { accounts: unknown[] } }).db.accounts).toHaveLength(2);
	});

	it('a stale locked tab given the new PIN unlocks instead of counting a strike', async () => {
		const [a, b] = [tab(), tab()];
		await Promise.all([a.start(), b.start()]);
		await a.unlock(PIN);
		await a.changePin(PIN, NEW_PIN);
		expect(await b.unlock(NEW_PIN)).toEqual({ ok: true });
		expect(storage.records.has('guard') ? parseGuard(storage.records.get('guard')).failedPins : 0).toBe(0);
	});

	it('two tabs creating a vault at once: one wins, the other writes nothing and is told', async () => {
		storage = new MemoryVaultStorage({ locks: false });
		const [a, b] = [tab(), tab()];
		await Promise.all([a.start(), b.start()]);
		const results = await Promise.allSettled([a.create(PIN, [accountInput('a')]), b.create(NEW_PIN, [accountInput('b')])]);
		expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
		expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ code: 'VAULT_CHANGED' });
		const loser = results[0]!.status === 'rejected' ? a : b;
		expect(loser.state.phase).toBe('locked');
	});

	it('a refused write (full disk) changes nothing, in storage or in the tab', async () => {
		const a = tab();
		await a.start();
		await a.unlock(PIN);
		const before = storage.records.get('vault');
		storage.failNext = new DOMException('full', 'QuotaExceededError');
		await expect(a.add(accountInput('x'))).rejects.toMatchObject({ name: 'QuotaExceededError' });
		expect(storage.records.get('vault')).toBe(before);
		expect(a.state.accounts).toHaveLength(1);
		await a.add(accountInput('x'));
		expect(a.state.accounts).toHaveLength(2);
	});
});

describe('the other tabs follow', () => {
	it('an unlocked tab follows another tab’s new account without the PIN, and locks on a wipe', async () => {
		const [a, b] = [tab(), tab()];
		await Promise.all([a.start(), b.start()]);
		await a.unlock(PIN);
		await b.unlock(PIN);
		await a.add(accountInput('new'));
		await vi.waitFor(() => expect(b.state.accounts).toHaveLength(2));
		await a.reset();
		await vi.waitFor(() => expect(b.state.phase).toBe('welcome'));
		expect(b.state.accounts).toEqual([]);
	});

	it('a PIN change elsewhere locks an unlocked tab (its keys open nothing now)', async () => {
		const [a, b] = [tab(), tab()];
		await Promise.all([a.start(), b.start()]);
		await a.unlock(PIN);
		await b.unlock(PIN);
		await a.changePin(PIN, NEW_PIN);
		await vi.waitFor(() => expect(b.state.phase).toBe('locked'));
		expect(b.state.accounts).toEqual([]);
		expect(b.state.passkeys).toEqual([]);
	});
});

describe('a version-1 record from main', () => {
	it('opens, and the same unlock re-wraps it under argon2id as version 3, in the write that clears the strikes', async () => {
		const fixture = JSON.parse(readFileSync('tests/fixtures/vault-v1.json', 'utf8')) as { pin: string; integrityKeyHex: string; record: string };
		storage = new MemoryVaultStorage();
		storage.records.set('vault', fixture.record);
		storage.records.set(
			'integrityKey',
			await globalThis.crypto.subtle.importKey('raw', Buffer.from(fixture.integrityKeyHex, 'hex'), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify'])
		);
		storage.records.set('guard', { failedPins: 1, lockedOut: null });
		const a = tab();
		await a.start();
		expect(a.state.phase).toBe('locked');
		expect(a.state.failedPins).toBe(1);
		expect(a.state.summary.map((s) => s.issuer)).toEqual(['HRDK', '테스트훈련원']);
		const before = JSON.parse(fixture.record);
		const progress: number[] = [];
		expect(await a.unlock(fixture.pin, (f) => progress.push(f))).toEqual({ ok: true });
		expect(a.state.accounts).toHaveLength(2);
		expect(progress.at(-1)).toBe(1);
		expect(progress.some((f) => f > 0 && f <= 0.5) && progress.some((f) => f > 0.5 && f < 1)).toBe(true); // both KDFs report
		// One commit wrote both the record and the cleared counter.
		expect(storage.writes).toEqual([['guard', 'vault']]);
		expect(parseGuard(storage.records.get('guard')).failedPins).toBe(0);
		const text = storage.records.get('vault') as string;
		const upgraded = JSON.parse(text);
		expect(upgraded).toMatchObject({ version: 3, generation: 1, db: before.db });
		const [pinSlot, passkeySlot] = upgraded.header.slots;
		expect(pinSlot).toMatchObject({ type: 'pin', id: before.header.slots[0].id, kdf: { name: 'argon2id', m: 19456, t: 2, p: 1 } });
		expect(pinSlot.salt).not.toBe(before.header.slots[0].salt); // a fresh salt, so the new pad is never the old one
		expect(passkeySlot).toEqual(before.header.slots[1]);
		// A new tab opens the upgraded record with the same PIN (argon2id now), and the codes are the same keys.
		const b = tab();
		await b.start();
		expect(await b.unlock(fixture.pin)).toEqual({ ok: true });
		expect(await Promise.all(b.state.accounts.map((x) => hmacProbe(x.key)))).toEqual(await Promise.all(a.state.accounts.map((x) => hmacProbe(x.key))));
		expect(storage.writes).toHaveLength(1); // an argon2id slot is current: the second unlock writes nothing
		await a.add(accountInput('after upgrade'));
		expect(JSON.parse(storage.records.get('vault') as string)).toMatchObject({ version: 3, generation: 2 });
	});

	it('a wrong PIN on a scrypt record upgrades nothing and counts one strike', async () => {
		const made = await makeFixtureVault({ pin: PIN, accounts: [accountInput('a')], kdf: SCRYPT_DEFAULT });
		storage.records.set('vault', await asVersion2Text(made.file, made.integrityKey));
		storage.records.set('integrityKey', made.integrityKey);
		const original = storage.records.get('vault');
		const a = tab();
		await a.start();
		const [wrong] = await refusedPins(made.file, 1);
		expect(await a.unlock(wrong!)).toMatchObject({ ok: false, code: 'PIN_CHECK_FAILED', attemptsLeft: 4 });
		expect(storage.records.get('vault')).toBe(original);
		expect(storage.writes).toEqual([['guard']]);
	});
});

describe('the KDF upgrade (scrypt → argon2id) at unlock', () => {
	async function seedScrypt(): Promise<string> {
		const made = await makeFixtureVault({ pin: PIN, accounts: [accountInput('a'), accountInput('b')], kdf: SCRYPT_DEFAULT, passkey: true });
		const text = await asVersion2Text(made.file, made.integrityKey);
		storage.records.set('vault', text);
		storage.records.set('integrityKey', made.integrityKey);
		return text;
	}

	it('two tabs unlocking a version-2 scrypt record at once (no Web Locks): one upgrade is written, both unlock, the PIN still opens it', async () => {
		storage = new MemoryVaultStorage({ locks: false });
		await seedScrypt();
		const a = tab();
		const b = tab();
		await Promise.all([a.start(), b.start()]);
		expect(await Promise.all([a.unlock(PIN), b.unlock(PIN)])).toEqual([{ ok: true }, { ok: true }]);
		const stored = JSON.parse(storage.records.get('vault') as string);
		expect(stored.header.slots[0].kdf.name).toBe('argon2id');
		expect(stored.generation).toBe(2); // one upgrade (generation 2 from version 2's 1); the loser re-read, found argon2id, wrote nothing
		expect(storage.writes.filter((w) => w.includes('vault'))).toHaveLength(1);
		const c = tab();
		await c.start();
		expect(await c.unlock(PIN)).toEqual({ ok: true });
		expect(c.state.accounts).toHaveLength(2);
	});

	it('an account added by another tab between the read and the write is kept: the upgrade is re-applied to the newer record', async () => {
		await seedScrypt();
		const writer = tab();
		await writer.start();
		// The writer unlocks first (upgrading), then adds; the slow tab read the version-2 record before both.
		const slow = tab();
		await slow.start();
		expect(await writer.unlock(PIN)).toEqual({ ok: true });
		await writer.add(accountInput('c'));
		expect(await slow.unlock(PIN)).toEqual({ ok: true });
		expect(slow.state.accounts.map((x) => x.account)).toEqual(['홍길동 a', '홍길동 b', '홍길동 c']);
		expect(JSON.parse(storage.records.get('vault') as string).db.accounts).toHaveLength(3);
	});

	it('a write that fails (full disk) leaves the scrypt record as it was, and the next unlock upgrades', async () => {
		const text = await seedScrypt();
		const a = tab();
		await a.start();
		storage.failNext = new Error('QuotaExceededError');
		await expect(a.unlock(PIN)).rejects.toThrow('QuotaExceededError');
		expect(storage.records.get('vault')).toBe(text);
		expect(await a.unlock(PIN)).toEqual({ ok: true });
		expect(JSON.parse(storage.records.get('vault') as string).header.slots[0].kdf.name).toBe('argon2id');
	});

	it('uses the injected KDF (the app\'s worker) for both the old slot and the new one', async () => {
		await seedScrypt();
		const seen: string[] = [];
		const deps: KeeperDeps = {
			storage,
			channel: bus.channel(),
			marker,
			newIntegrityKey: generateIntegrityKey,
			now: () => NOW,
			derive: async (pin, salt, params) => {
				seen.push(params.name);
				return fixturePinKey(pin, salt, params);
			}
		};
		const a = new VaultKeeper(deps, () => undefined);
		await a.start();
		expect(await a.unlock(PIN)).toEqual({ ok: true });
		expect(seen).toEqual(['scrypt', 'argon2id']);
		expect(await a.unlock(PIN)).toEqual({ ok: true });
		expect(seen).toEqual(['scrypt', 'argon2id', 'argon2id']);
	});
});
