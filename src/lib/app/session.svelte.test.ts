import { describe, expect, it } from 'vitest';
import { Session, type SessionDeps } from './session.svelte';
import { MemoryChannelBus, MemoryVaultStorage } from '$lib/vault/memoryVaultStorage.testing';
import { generateIntegrityKey } from '$lib/vault/IntegrityKey';
import { accountInput } from '$lib/vault/fixtures.testing';

function deps(storage: MemoryVaultStorage, bus: MemoryChannelBus): SessionDeps & { persisted: number } {
	let cookie = false;
	const d = {
		storage,
		channel: bus.channel(),
		marker: { present: () => cookie, set: () => void (cookie = true), clear: () => void (cookie = false) },
		newIntegrityKey: generateIntegrityKey,
		now: () => 1_767_225_600_000,
		persisted: 0,
		persist: async () => {
			d.persisted++;
			return 'granted' as const;
		},
		onVisible: () => undefined
	};
	return d;
}

describe('Session (runes over VaultKeeper, with injected dependencies)', () => {
	it('mirrors the keeper: welcome → unlocked on create → locked → unlocked, and asks to persist storage once', async () => {
		const storage = new MemoryVaultStorage();
		const d = deps(storage, new MemoryChannelBus());
		const session = new Session(d);
		await session.init();
		expect(session.phase).toBe('welcome');
		await session.create('482913', [accountInput('a')]);
		expect(session.phase).toBe('unlocked');
		expect(session.accounts.map((a) => a.account)).toEqual(['홍길동 a']);
		expect(session.hasVault).toBe(true);
		await expect.poll(() => session.persistence).toBe('granted');
		expect(d.persisted).toBe(1);
		session.lock();
		expect(session.phase).toBe('locked');
		expect(session.accounts).toEqual([]);
		expect(session.summary).toEqual([{ issuer: 'HRDK', account: '홍길동 a' }]);
	});

	it('a second tab sees the first one’s vault, and follows its reset', async () => {
		const storage = new MemoryVaultStorage();
		const bus = new MemoryChannelBus();
		const a = new Session(deps(storage, bus));
		const b = new Session(deps(storage, bus));
		await Promise.all([a.init(), b.init()]);
		await a.create('482913', [accountInput('a')]);
		await expect.poll(() => b.phase).toBe('locked');
		await a.reset();
		await expect.poll(() => b.phase).toBe('welcome');
	});
});
