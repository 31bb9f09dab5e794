import type { GuardState } from './pinStrikes';

/**
 * What the vault logic needs from storage, so it can run (and be proved) without a browser. The
 * browser edge implements it with IndexedDB and the Web Locks API
 * (`src/lib/browser/vaultStorage.ts`); tests use `memoryVaultStorage.testing.ts`.
 */

/** The records the vault logic reads, as stored (untrusted: decoded and checked by the caller). */
export interface StoredState {
	/** The encoded vault record. */
	vault?: string;
	/** The device integrity key. */
	integrityKey?: CryptoKey;
	/** The strike counter (`pinStrikes.parseGuard` reads it). */
	guard?: unknown;
}

/** What one commit writes. `null` deletes a record; an absent key leaves it alone. */
export interface StorageWrite {
	vault?: string | null;
	integrityKey?: CryptoKey | null;
	guard?: GuardState | null;
	/** Delete every record of the app (등록 초기화), before the puts above. */
	clear?: true;
}

/** A commit's decision: what to write (nothing, when absent) and what to tell the caller. */
export interface Decision<T> {
	write?: StorageWrite;
	result: T;
}

export interface VaultStorage {
	/** A consistent snapshot of the vault, its key and the counter (one read transaction). */
	read(): Promise<StoredState>;

	/**
	 * One read-write transaction: reads the current records, calls `decide` with them
	 * synchronously (so nothing can slip in between), and writes what it returns, all or nothing.
	 * This is where the compare-and-swap happens: `decide` compares the stored record's stamp with
	 * the one the caller read, and writes nothing on a mismatch.
	 * @throws whatever the storage throws (a full disk: `QuotaExceededError`); nothing is written then
	 */
	commit<T>(decide: (current: StoredState) => Decision<T>): Promise<T>;

	/**
	 * Runs `work` as the only vault writer of this origin: across tabs with the Web Locks API,
	 * and without it at least within this tab. Never call it from inside `work` (not re-entrant).
	 */
	exclusive<T>(work: () => Promise<T>): Promise<T>;
}

/** Told to the other tabs after every write: re-read storage (a change, a strike, a wipe, a reset). */
export interface VaultMessage {
	type: 'changed';
}

export interface VaultChannel {
	/** Tells every other tab of this origin. */
	post(message: VaultMessage): void;
	/** Listens to the other tabs; returns the way to stop. */
	listen(onMessage: (message: VaultMessage) => void): () => void;
}
