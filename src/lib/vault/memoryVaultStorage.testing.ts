/**
 * In-memory stand-ins for the browser's vault storage and BroadcastChannel, for tests in Node.
 * Several keepers sharing one `MemoryVaultStorage` are several tabs of one origin. Commits are
 * atomic as IndexedDB's are (decide and write happen in one synchronous step after a yield), and
 * `exclusive` is a real mutex shared by every tab, unless `locks: false` (a browser without the
 * Web Locks API), when only the compare-and-swap protects the data.
 */
import type { Decision, StoredState, VaultChannel, VaultMessage, VaultStorage } from './VaultStorage';

export class MemoryVaultStorage implements VaultStorage {
	readonly records = new Map<'vault' | 'integrityKey' | 'guard', unknown>();
	/** Every commit that wrote something, in order: `Object.keys` of its write. */
	readonly writes: string[][] = [];
	/** Set to make the next commit throw, as a full disk would (nothing written). */
	failNext: Error | null = null;
	readonly #locks: boolean;
	#tail: Promise<unknown> = Promise.resolve();

	constructor(opts: { locks?: boolean } = {}) {
		this.#locks = opts.locks ?? true;
	}

	async read(): Promise<StoredState> {
		await Promise.resolve();
		return this.#snapshot();
	}

	async commit<T>(decide: (current: StoredState) => Decision<T>): Promise<T> {
		await new Promise((r) => setTimeout(r, 0));
		if (this.failNext) {
			const e = this.failNext;
			this.failNext = null;
			throw e;
		}
		const d = decide(this.#snapshot());
		const w = d.write;
		if (w) {
			this.writes.push(Object.keys(w));
			if (w.clear) this.records.clear();
			for (const key of ['vault', 'integrityKey', 'guard'] as const) {
				const v = w[key];
				if (v === null) this.records.delete(key);
				else if (v !== undefined) this.records.set(key, key === 'guard' ? structuredClone(v) : v);
			}
		}
		return d.result;
	}

	exclusive<T>(work: () => Promise<T>): Promise<T> {
		if (!this.#locks) return work();
		const run = this.#tail.then(work, work);
		this.#tail = run.catch(() => undefined);
		return run;
	}

	#snapshot(): StoredState {
		const s: StoredState = {};
		if (this.records.has('vault')) s.vault = this.records.get('vault') as string;
		if (this.records.has('integrityKey')) s.integrityKey = this.records.get('integrityKey') as CryptoKey;
		if (this.records.has('guard')) s.guard = structuredClone(this.records.get('guard'));
		return s;
	}
}

/** A BroadcastChannel for tests: `channel()` per tab; a post reaches every other tab, asynchronously. */
export class MemoryChannelBus {
	readonly #listeners = new Set<{ owner: object; fn: (m: VaultMessage) => void }>();
	posts = 0;

	channel(): VaultChannel {
		const owner = {};
		return {
			post: (m) => {
				this.posts++;
				for (const l of this.#listeners) if (l.owner !== owner) setTimeout(() => l.fn(m), 0);
			},
			listen: (fn) => {
				const l = { owner, fn };
				this.#listeners.add(l);
				return () => this.#listeners.delete(l);
			}
		};
	}
}
