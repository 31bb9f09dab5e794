import type { Decision, StoredState, VaultStorage } from '$lib/vault/VaultStorage';
import { db, STORE } from './deviceStore';

/** The Web Locks name every tab of this origin takes before it writes the vault. */
export const VAULT_LOCK = 'motp-vault';

/**
 * The vault's storage in the browser: the `vault`, `integrityKey` and `guard` records of the
 * app's IndexedDB, each commit one `readwrite` transaction (durability `strict`), and one writer
 * at a time through the Web Locks API.
 *
 * Where `navigator.locks` does not exist (old Samsung Internet, some in-app WebViews) `exclusive`
 * runs the work directly: the compare-and-swap inside `commit` alone then keeps writes from
 * being lost (docs/vault-format.md, "Generation").
 */
export const browserVaultStorage: VaultStorage = {
	async read(): Promise<StoredState> {
		const tx = (await db()).transaction(STORE, 'readonly');
		const [vault, integrityKey, guard] = await Promise.all([tx.store.get('vault'), tx.store.get('integrityKey'), tx.store.get('guard')]);
		await tx.done;
		return snapshot(vault, integrityKey, guard);
	},

	async commit<T>(decide: (current: StoredState) => Decision<T>): Promise<T> {
		const tx = (await db()).transaction(STORE, 'readwrite', { durability: 'strict' });
		const [vault, integrityKey, guard] = await Promise.all([tx.store.get('vault'), tx.store.get('integrityKey'), tx.store.get('guard')]);
		let decision: Decision<T>;
		try {
			// Synchronous: nothing can run between the read above and the writes below.
			decision = decide(snapshot(vault, integrityKey, guard));
		} catch (e) {
			tx.abort();
			await tx.done.catch(() => undefined);
			throw e;
		}
		const w = decision.write;
		const ops: Promise<unknown>[] = [];
		if (w?.clear) ops.push(tx.store.clear());
		for (const key of ['vault', 'integrityKey', 'guard'] as const) {
			const value = w?.[key];
			if (value === null) ops.push(tx.store.delete(key));
			else if (value !== undefined) ops.push(tx.store.put(value, key));
		}
		await Promise.all([...ops, tx.done]);
		return decision.result;
	},

	exclusive<T>(work: () => Promise<T>): Promise<T> {
		const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
		if (!locks || typeof locks.request !== 'function') return work();
		return locks.request(VAULT_LOCK, { mode: 'exclusive' }, () => work()) as Promise<T>;
	}
};

function snapshot(vault: unknown, integrityKey: unknown, guard: unknown): StoredState {
	const s: StoredState = {};
	if (typeof vault === 'string') s.vault = vault;
	else if (vault !== undefined) s.vault = String(vault);
	if (integrityKey !== undefined) s.integrityKey = integrityKey as CryptoKey;
	if (guard !== undefined) s.guard = guard;
	return s;
}
