import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { GuardState } from '$lib/vault/pinStrikes';

/**
 * What the app keeps in IndexedDB. The vault record is the only thing that holds key material,
 * and it holds it wrapped (docs/vault-format.md). Everything lives in one object store so that a
 * change that touches several keys commits in one transaction: all or nothing.
 */
export interface DeviceRecords {
	/** The encoded vault file (JSON text, see `src/lib/vault/VaultFile.ts`). */
	vault: string;
	/** Non-extractable HMAC key that authenticates the vault record (never derived from the PIN). */
	integrityKey: CryptoKey;
	/** Local PIN-failure counter and lockout (docs/threat-model.md), written only by `vaultStorage`. */
	guard: GuardState;
	/** The last clock measurement, so offline codes stay corrected (src/lib/clock). */
	clock: StoredClockMeasurement;
	/** Small user preferences (auto-lock, clock correction). */
	prefs: Prefs;
}

export type { GuardState };

export interface StoredClockMeasurement {
	offsetMs: number;
	rttMs: number;
	uncertaintyMs: number;
	/** True (server) time at which it was measured. */
	measuredAt: number;
}

export interface Prefs {
	clockCorrection: boolean;
	autoLockHiddenMs: number;
	clearClipboard: boolean;
}

type Key = keyof DeviceRecords;

interface MotpDb extends DBSchema {
	kv: { key: Key; value: DeviceRecords[Key] };
}

const DB_NAME = 'motp';
export const STORE = 'kv';
let dbPromise: Promise<IDBPDatabase<MotpDb>> | null = null;

/** The app's database (one object store, `kv`); shared with the vault storage edge. */
export function db(): Promise<IDBPDatabase<MotpDb>> {
	dbPromise ??= openDB<MotpDb>(DB_NAME, 1, {
		upgrade(d) {
			d.createObjectStore(STORE);
		},
		terminated() {
			dbPromise = null;
		}
	});
	return dbPromise;
}

/** Reads one record, or `undefined`. */
export async function readRecord<K extends Key>(key: K): Promise<DeviceRecords[K] | undefined> {
	return (await (await db()).get(STORE, key)) as DeviceRecords[K] | undefined;
}

/** Reads several records in one read transaction (a consistent snapshot). */
export async function readRecords<K extends Key>(keys: readonly K[]): Promise<{ [P in K]?: DeviceRecords[P] }> {
	const tx = (await db()).transaction(STORE, 'readonly');
	const values = await Promise.all(keys.map((k) => tx.store.get(k)));
	await tx.done;
	const out: { [P in K]?: DeviceRecords[P] } = {};
	keys.forEach((k, i) => {
		if (values[i] !== undefined) (out as Record<string, unknown>)[k] = values[i];
	});
	return out;
}

/**
 * Writes and deletes several records in ONE readwrite transaction. IndexedDB commits a transaction
 * atomically, so a crash, a closed tab or a quota error leaves either all of it or none of it:
 * this is what makes "change PIN" and the lockout wipe safe to interrupt.
 */
export async function writeRecords(
	puts: { [P in Key]?: DeviceRecords[P] },
	deletes: readonly Key[] = []
): Promise<void> {
	const tx = (await db()).transaction(STORE, 'readwrite', { durability: 'strict' });
	const ops: Promise<unknown>[] = [];
	for (const [k, v] of Object.entries(puts)) ops.push(tx.store.put(v as DeviceRecords[Key], k as Key));
	for (const k of deletes) ops.push(tx.store.delete(k));
	await Promise.all([...ops, tx.done]);
}

/**
 * Reads one record and writes what `change` makes of it, in ONE readwrite transaction, so two
 * settings changed at the same moment cannot overwrite each other.
 */
export async function updateRecord<K extends Key>(
	key: K,
	change: (current: DeviceRecords[K] | undefined) => DeviceRecords[K]
): Promise<DeviceRecords[K]> {
	const tx = (await db()).transaction(STORE, 'readwrite', { durability: 'strict' });
	const next = change((await tx.store.get(key)) as DeviceRecords[K] | undefined);
	await Promise.all([tx.store.put(next, key), tx.done]);
	return next;
}
