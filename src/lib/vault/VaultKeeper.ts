import { assertPin } from './pin';
import { afterUnlock, attemptsLeft, FRESH_GUARD, MAX_PIN_FAILURES, parseGuard, strike, type GuardState, type Strike } from './pinStrikes';
import { recordStamp, sameStamp, type RecordStamp } from './recordStamp';
import { SlotList, type PasskeySummary } from './SlotList';
import { unlockAccount, type UnlockedAccount, type UnlockedVault } from './UnlockedVault';
import { upgradeVaultFile } from './upgradeVaultFile';
import {
	addAccount,
	addPasskeySlot,
	changePin,
	createVault,
	lockedOutSummary,
	removeAccount,
	removePasskeySlot,
	unlockWithPasskey,
	unlockWithPinUpgrading,
	type AccountInput
} from './Vault';
import type { PinKdf } from '../crypto/pinKdf';
import { VaultError, type VaultErrorCode } from './VaultError';
import { decodeVaultFile, encodeVaultFile, type VaultFile } from './VaultFile';
import type { StoredState, VaultChannel, VaultStorage } from './VaultStorage';

export { MAX_PIN_FAILURES };

export type Phase = 'loading' | 'welcome' | 'vanished' | 'locked' | 'unlocked' | 'locked-out' | 'broken';

export type UnlockResult = { ok: true } | { ok: false; code: VaultErrorCode | 'LOCKED_OUT'; attemptsLeft: number };

/** What the screens show; published after every change. */
export interface KeeperState {
	phase: Phase;
	accounts: UnlockedAccount[];
	summary: { issuer: string; account: string }[];
	brokenCode: VaultErrorCode | 'STORAGE_UNAVAILABLE' | null;
	failedPins: number;
	passkeys: PasskeySummary[];
	lockedOutAt: number | null;
}

/** What the keeper needs from the outside world; the browser's in the app, fakes in tests. */
export interface KeeperDeps {
	storage: VaultStorage;
	channel: VaultChannel;
	/** The "this browser had an enrollment" cookie (src/lib/browser/enrollmentMarker.ts). */
	marker: { present(): boolean; set(): void; clear(): void };
	newIntegrityKey(): Promise<CryptoKey>;
	now(): number;
	/**
	 * The PIN KDF: in the app, WebAssembly in a worker (src/lib/browser/pinKdfWorker.ts); by
	 * default the core's JavaScript one. Both give the same bytes.
	 */
	derive?: PinKdf;
}

/**
 * How many times a change is re-read and re-applied when another writer got in between. With
 * Web Locks nobody gets in between; without them two tabs writing in a tight loop can collide
 * several times in a row, so retries back off by a random few milliseconds (`backOff`).
 */
const ATTEMPTS = 8;

/** A random pause that grows with the attempt, so two colliding writers stop colliding. */
function backOff(attempt: number): Promise<void> {
	return attempt === 0 ? Promise.resolve() : new Promise((r) => setTimeout(r, Math.random() * 5 * 2 ** Math.min(attempt, 6)));
}

type Opened = { file: VaultFile; stamp: RecordStamp; key: CryptoKey };
type Outcome = 'done' | 'stale';

/**
 * The vault's lifecycle, with storage, the other tabs, the cookie and the clock injected: the
 * one place that reads and writes the vault records. No Svelte, no DOM, no IndexedDB (the app's
 * `Session` wraps it in runes; a framework-free lock screen can use it as it is).
 *
 * Every read-modify-write runs as the only writer (`storage.exclusive`) and ends in one
 * compare-and-swap transaction (`storage.commit`): the record must still carry the stamp
 * (generation and MAC) this tab read, or nothing is written and the change is re-read and
 * re-applied (up to 8 times), or refused with `VAULT_CHANGED` when it cannot be (a wipe, a reset,
 * a new master key). The strike counter is read and
 * written in the same transactions. After each write the other tabs are told to re-read.
 */
export class VaultKeeper {
	readonly #deps: KeeperDeps;
	readonly #publish: (state: KeeperState) => void;
	#state: KeeperState = { phase: 'loading', accounts: [], summary: [], brokenCode: null, failedPins: 0, passkeys: [], lockedOutAt: null };
	#opened: Opened | null = null;
	#unlocked: UnlockedVault | null = null;
	/** The key id of the record the session was unlocked from: a different one means a new master key. */
	#unlockedKeyId: string | null = null;
	/** One operation at a time in this tab (messages from other tabs wait their turn too). */
	#queue: Promise<unknown> = Promise.resolve();
	#stopListening: (() => void) | null = null;

	/**
	 * @param deps - storage, channel, cookie marker, key generator, clock
	 * @param publish - called with the new state after every change
	 */
	constructor(deps: KeeperDeps, publish: (state: KeeperState) => void) {
		this.#deps = deps;
		this.#publish = publish;
	}

	get state(): Readonly<KeeperState> {
		return this.#state;
	}

	get attemptsLeft(): number {
		return Math.max(0, MAX_PIN_FAILURES - this.#state.failedPins);
	}

	/** Reads storage and starts listening to the other tabs. */
	start(): Promise<void> {
		this.#stopListening ??= this.#deps.channel.listen(() => void this.refresh());
		return this.refresh();
	}

	/** Stops listening (tests, teardown). */
	stop(): void {
		this.#stopListening?.();
		this.#stopListening = null;
	}

	/** Re-reads storage: after a message from another tab, on focus, or in tests. */
	refresh(): Promise<void> {
		return this.#serial(() => this.#reload());
	}

	/** Drops every key from memory and hides the codes at once. */
	lock(): void {
		if (this.#state.phase !== 'unlocked') return;
		this.#dropKeys();
		this.#set({ phase: this.#opened ? 'locked' : 'welcome', accounts: [] });
	}

	/** Acknowledges the "your data vanished" notice. */
	acknowledgeVanished(): void {
		this.#deps.marker.clear();
		this.#set({ phase: 'welcome' });
	}

	/**
	 * Tries the PIN against the record as stored now. A wrong PIN that the check value catches is
	 * counted in storage before the answer; the fifth deletes the vault in the same write.
	 * A PIN slot under an older KDF (scrypt) is re-wrapped under the current one (argon2id) in the
	 * same compare-and-swap that confirms the unlock: the record is replaced whole or not at all.
	 */
	unlock(pin: string, onProgress?: (f: number) => void): Promise<UnlockResult> {
		assertPin(pin);
		return this.#exclusive(async () => {
			for (let i = 0; i < ATTEMPTS; i++) {
				await backOff(i);
				const opened = await this.#fresh();
				if (!opened) return this.#notOpenable();
				let opening: { unlocked: UnlockedVault; upgraded: VaultFile | null } | null = null;
				try {
					opening = await unlockWithPinUpgrading(opened.file, pin, opened.key, onProgress, this.#deps.derive);
				} catch (e) {
					if (!(e instanceof VaultError)) throw e;
					if (e.code !== 'PIN_CHECK_FAILED') return this.#broken(e.code);
				}
				const r = opening ? await this.#confirmUnlock(opened, opening.unlocked, opening.upgraded) : await this.#strike(opened);
				if (r !== 'stale') return r;
			}
			return this.#changed();
		});
	}

	/**
	 * Unlocks with a passkey's PRF output. A wrong credential fails with `PASSKEY_UNWRAP_FAILED`
	 * and is NOT counted: it reveals nothing about the PIN.
	 */
	unlockWithPasskey(slotId: string, prfOutput: Uint8Array): Promise<UnlockResult> {
		return this.#exclusive(async () => {
			for (let i = 0; i < ATTEMPTS; i++) {
				const opened = await this.#fresh();
				if (!opened) return this.#notOpenable();
				let unlocked: UnlockedVault;
				try {
					unlocked = await unlockWithPasskey(opened.file, slotId, prfOutput, opened.key);
				} catch (e) {
					if (!(e instanceof VaultError)) throw e;
					if (e.code === 'VAULT_TAMPERED' || e.code === 'VAULT_CORRUPT') return this.#broken(e.code);
					return { ok: false, code: e.code, attemptsLeft: this.attemptsLeft };
				}
				const r = await this.#confirmUnlock(opened, unlocked);
				if (r !== 'stale') return r;
			}
			return this.#changed();
		});
	}

	/**
	 * First enrollment: a new vault under a new PIN. Refused with `VAULT_CHANGED` (nothing
	 * written) when another tab created one meanwhile: the caller then unlocks that one and adds.
	 */
	create(pin: string, accounts: AccountInput[], onProgress?: (f: number) => void): Promise<void> {
		assertPin(pin);
		return this.#exclusive(async () => {
			const integrityKey = await this.#deps.newIntegrityKey();
			const { file, unlocked } = await createVault({ pin, accounts, integrityKey, now: this.#deps.now(), onProgress: onProgress ?? (() => undefined), derive: this.#deps.derive });
			const text = encodeVaultFile(file);
			const done = await this.#deps.storage.commit((current) =>
				current.vault === undefined ? { write: { vault: text, integrityKey, guard: FRESH_GUARD }, result: true } : { result: false }
			);
			if (!done) {
				await this.#reload();
				throw new VaultError('VAULT_CHANGED', 'another tab created a vault first');
			}
			this.#deps.marker.set();
			this.#announce();
			this.#setOpened({ file, stamp: recordStamp(text)!, key: integrityKey }, FRESH_GUARD);
			this.#setUnlocked(file, unlocked);
		});
	}

	/** Adds an account to the unlocked vault (re-applied to a newer record if another tab wrote). */
	add(input: AccountInput): Promise<void> {
		return this.#change(async (o, u) => {
			const next = await addAccount(o.file, u, input, o.key, this.#deps.now());
			return { file: next.file, unlocked: next.unlocked };
		}).then(() => undefined);
	}

	/** Removes one account from the unlocked vault. */
	remove(accountId: string): Promise<void> {
		return this.#change(async (o, u) => {
			const next = await removeAccount(o.file, u, accountId, o.key);
			return { file: next.file, unlocked: next.unlocked };
		}).then(() => undefined);
	}

	/** Removes a passkey slot; the PIN slot always stays. */
	removePasskey(slotId: string): Promise<void> {
		return this.#change(async (o, u) => ({ file: await removePasskeySlot(o.file, slotId, o.key), unlocked: u })).then(() => undefined);
	}

	/**
	 * Changes the PIN and re-keys the vault in one write. A wrong current PIN counts toward the
	 * lockout like any other. Passkey slots are dropped (they wrap the old key): their credential
	 * ids come back in `removedPasskeys`, for the app to forget.
	 */
	changePin(oldPin: string, newPin: string, onProgress?: (f: number) => void): Promise<UnlockResult & { removedPasskeys?: string[] }> {
		assertPin(newPin);
		let removed: string[] = [];
		return this.#pinChange(async (o, u) => {
			const next = await changePin(o.file, oldPin, newPin, o.key, undefined, u, this.#deps.derive);
			onProgress?.(1);
			removed = next.removedPasskeys.map((p) => p.credentialId);
			return { file: next.file, unlocked: next.unlocked };
		}).then((r) => (r.ok ? { ...r, removedPasskeys: removed } : r));
	}

	/** Adds a passkey slot; the PIN confirms it (see `changePin` in Vault.ts for why the session is compared). */
	addPasskey(pin: string, passkey: { credentialId: Uint8Array; prfSalt: Uint8Array; prfOutput: Uint8Array }): Promise<UnlockResult> {
		return this.#pinChange(async (o, u) => ({ file: await addPasskeySlot(o.file, pin, passkey, o.key, this.#deps.now(), u, this.#deps.derive), unlocked: u }));
	}

	/** 등록 초기화: deletes everything on this device, in one write, and tells the other tabs. */
	reset(): Promise<void> {
		return this.#exclusive(async () => {
			await this.#deps.storage.commit(() => ({ write: { clear: true }, result: null }));
			this.#deps.marker.clear();
			this.#announce();
			this.#forget();
			this.#set({ phase: 'welcome', failedPins: 0, lockedOutAt: null, summary: [], brokenCode: null });
		});
	}

	// ——— the read-modify-write machinery ———

	/** Serialises within the tab, then takes the cross-tab lock. */
	#exclusive<T>(work: () => Promise<T>): Promise<T> {
		return this.#serial(() => this.#deps.storage.exclusive(work));
	}

	#serial<T>(work: () => Promise<T>): Promise<T> {
		const run = this.#queue.then(work, work);
		this.#queue = run.catch(() => undefined);
		return run;
	}

	/** Reads storage afresh and returns the record to work on, or `null` when there is none to open. */
	async #fresh(): Promise<Opened | null> {
		await this.#reload();
		return this.#opened;
	}

	/**
	 * Applies a change that needs the unlocked session, as compare-and-swap: re-read, re-apply,
	 * commit only onto the record that was read.
	 */
	async #change(apply: (o: Opened, u: UnlockedVault) => Promise<{ file: VaultFile; unlocked: UnlockedVault }>): Promise<void> {
		return this.#exclusive(async () => {
			for (let i = 0; i < ATTEMPTS; i++) {
				await backOff(i);
				const { opened, unlocked } = await this.#requireUnlocked();
				const next = await apply(opened, unlocked);
				if ((await this.#write(opened, next.file)) === 'done') return this.#setUnlocked(next.file, next.unlocked);
			}
			throw this.#changedError();
		});
	}

	/** Like `#change`, for changes confirmed by the PIN: a PIN the check value refuses is a strike. */
	async #pinChange(apply: (o: Opened, u: UnlockedVault) => Promise<{ file: VaultFile; unlocked: UnlockedVault }>): Promise<UnlockResult> {
		return this.#exclusive(async () => {
			for (let i = 0; i < ATTEMPTS; i++) {
				await backOff(i);
				const { opened, unlocked } = await this.#requireUnlocked();
				let next: { file: VaultFile; unlocked: UnlockedVault };
				try {
					next = await apply(opened, unlocked);
				} catch (e) {
					if (!(e instanceof VaultError)) throw e;
					if (e.code !== 'PIN_CHECK_FAILED') return { ok: false, code: e.code, attemptsLeft: this.attemptsLeft };
					const r = await this.#strike(opened);
					if (r === 'stale') continue;
					return r;
				}
				if ((await this.#write(opened, next.file)) === 'done') {
					this.#setUnlocked(next.file, next.unlocked);
					return { ok: true };
				}
			}
			return this.#changed();
		});
	}

	/** The compare-and-swap: writes `next` only if storage still holds the record `opened` was read from. */
	async #write(opened: Opened, next: VaultFile): Promise<Outcome> {
		const text = encodeVaultFile(next);
		const outcome = await this.#deps.storage.commit((current): { write?: { vault: string }; result: Outcome } =>
			sameStamp(recordStamp(current.vault), opened.stamp) && !parseGuard(current.guard).lockedOut
				? { write: { vault: text }, result: 'done' }
				: { result: 'stale' }
		);
		if (outcome === 'done') {
			this.#setOpened({ file: next, stamp: recordStamp(text)!, key: opened.key }, { failedPins: this.#state.failedPins, lockedOut: null });
			this.#announce();
		}
		return outcome;
	}

	/**
	 * A PIN that opened the record: clear the counter and, when the unlock re-wrapped the PIN slot
	 * under the current KDF, write that record, both in one transaction, if the record is still the
	 * one tried. On a mismatch nothing is written (the old slot stays, and the unlock is tried again
	 * on the newer record).
	 */
	async #confirmUnlock(opened: Opened, unlocked: UnlockedVault, upgraded: VaultFile | null = null): Promise<UnlockResult | 'stale'> {
		const text = upgraded ? encodeVaultFile(upgraded) : null;
		const r = await this.#deps.storage.commit((current): { write?: { guard?: GuardState; vault?: string }; result: 'stale' | 'wrote' | 'ok' } => {
			if (!sameStamp(recordStamp(current.vault), opened.stamp) || parseGuard(current.guard).lockedOut) return { result: 'stale' };
			const cleared = afterUnlock(parseGuard(current.guard));
			const write = { ...(cleared ? { guard: cleared } : {}), ...(text !== null ? { vault: text } : {}) };
			return cleared || text !== null ? { write, result: 'wrote' } : { result: 'ok' };
		});
		if (r === 'stale') return r;
		if (r === 'wrote') this.#announce();
		this.#set({ failedPins: 0 });
		if (upgraded && text !== null) {
			this.#setOpened({ file: upgraded, stamp: recordStamp(text)!, key: opened.key }, { failedPins: 0, lockedOut: null });
			this.#setUnlocked(upgraded, unlocked);
		} else {
			this.#setUnlocked(opened.file, unlocked);
		}
		return { ok: true };
	}

	/**
	 * A PIN the check value refused, counted in storage, if the record is still the one tried (a
	 * PIN that fails against a record another tab has replaced proves nothing). The strike that
	 * reaches the limit deletes the vault and its key in the same transaction.
	 */
	async #strike(opened: Opened): Promise<UnlockResult | 'stale'> {
		const wiped = { at: this.#deps.now(), accounts: lockedOutSummary(opened.file) };
		const s = await this.#deps.storage.commit((current): { write?: { guard: GuardState; vault?: null; integrityKey?: null }; result: Strike | 'stale' } => {
			if (!sameStamp(recordStamp(current.vault), opened.stamp)) return { result: 'stale' };
			const next = strike(parseGuard(current.guard), wiped);
			return { write: next.wipe ? { guard: next.guard, vault: null, integrityKey: null } : { guard: next.guard }, result: next };
		});
		if (s === 'stale') return s;
		this.#announce();
		if (s.wipe) {
			this.#lockedOut(s.guard);
			return { ok: false, code: 'LOCKED_OUT', attemptsLeft: 0 };
		}
		this.#set({ failedPins: s.guard.failedPins });
		return { ok: false, code: 'PIN_CHECK_FAILED', attemptsLeft: s.attemptsLeft };
	}

	async #requireUnlocked(): Promise<{ opened: Opened; unlocked: UnlockedVault }> {
		if (this.#state.phase !== 'unlocked' || !this.#unlocked) throw new Error('The vault is locked.');
		await this.#reload();
		// The reload locks the session when the record changed under it in a way it cannot follow.
		if (!this.#opened || !this.#unlocked || this.#state.phase !== 'unlocked') throw this.#changedError();
		return { opened: this.#opened, unlocked: this.#unlocked };
	}

	// ——— reading and reconciling ———

	/** Reads the stored records and brings this tab's state in line with them. */
	async #reload(): Promise<void> {
		let stored: StoredState;
		try {
			stored = await this.#deps.storage.read();
		} catch {
			this.#broken('STORAGE_UNAVAILABLE');
			return;
		}
		const guard = parseGuard(stored.guard);
		if (guard.lockedOut) return this.#lockedOut(guard);
		if (stored.vault === undefined) {
			// Empty. If this browser had enrolled before, the browser evicted it. (A reset in another tab
			// removes the marker before it tells this tab.)
			this.#forget();
			this.#set({ phase: this.#deps.marker.present() ? 'vanished' : 'welcome', failedPins: 0, summary: [], lockedOutAt: null });
			return;
		}
		const stamp = recordStamp(stored.vault)!;
		this.#set({ failedPins: guard.failedPins, lockedOutAt: null });
		if (this.#opened && sameStamp(stamp, this.#opened.stamp) && this.#state.phase !== 'broken') return;
		let file: VaultFile;
		try {
			if (!stored.integrityKey) throw new VaultError('VAULT_TAMPERED', 'The integrity key is missing.');
			file = await upgradeVaultFile(decodeVaultFile(stored.vault), stored.integrityKey);
		} catch (e) {
			this.#broken(e instanceof VaultError ? e.code : 'VAULT_CORRUPT');
			return;
		}
		const unlocked = this.#unlocked;
		this.#setOpened({ file, stamp, key: stored.integrityKey }, guard);
		if (unlocked && this.#state.phase === 'unlocked' && file.header.keyId === this.#unlockedKeyId) {
			// Same master key: follow the other tab's change without asking for the PIN again.
			this.#setUnlocked(file, await followAccounts(unlocked, file));
		} else if (this.#state.phase === 'unlocked') {
			// A new master key (a PIN change elsewhere) or another vault: these keys open nothing now.
			this.#dropKeys();
			this.#set({ phase: 'locked', accounts: [] });
		} else {
			this.#set({ phase: 'locked' });
		}
	}

	#setOpened(opened: Opened, guard: GuardState): void {
		this.#opened = opened;
		const slots = new SlotList(opened.file.header.slots);
		this.#set({ summary: lockedOutSummary(opened.file), passkeys: slots.summaries(), failedPins: guard.failedPins, brokenCode: null });
	}

	#setUnlocked(file: VaultFile, unlocked: UnlockedVault): void {
		this.#unlocked = unlocked;
		this.#unlockedKeyId = file.header.keyId;
		this.#set({ phase: 'unlocked', accounts: unlocked.accounts });
	}

	#lockedOut(guard: GuardState): void {
		this.#forget();
		this.#set({ phase: 'locked-out', failedPins: guard.failedPins, summary: guard.lockedOut?.accounts ?? [], lockedOutAt: guard.lockedOut?.at ?? null });
	}

	#notOpenable(): UnlockResult {
		if (this.#state.phase === 'locked-out') return { ok: false, code: 'LOCKED_OUT', attemptsLeft: 0 };
		return { ok: false, code: this.#state.phase === 'broken' ? (this.#state.brokenCode as VaultErrorCode) : 'SLOT_NOT_FOUND', attemptsLeft: this.attemptsLeft };
	}

	#broken(code: VaultErrorCode | 'STORAGE_UNAVAILABLE'): UnlockResult {
		this.#forget();
		this.#set({ phase: 'broken', brokenCode: code });
		return { ok: false, code: code === 'STORAGE_UNAVAILABLE' ? 'VAULT_CORRUPT' : code, attemptsLeft: this.attemptsLeft };
	}

	#changed(): UnlockResult {
		return { ok: false, code: 'VAULT_CHANGED', attemptsLeft: this.attemptsLeft };
	}

	#changedError(): VaultError {
		return new VaultError('VAULT_CHANGED', 'the stored vault changed in another tab');
	}

	#announce(): void {
		this.#deps.channel.post({ type: 'changed' });
	}

	#dropKeys(): void {
		this.#unlocked = null;
		this.#unlockedKeyId = null;
	}

	#forget(): void {
		this.#opened = null;
		this.#dropKeys();
		this.#set({ accounts: [], passkeys: [] });
	}

	#set(change: Partial<KeeperState>): void {
		this.#state = { ...this.#state, ...change };
		this.#publish(this.#state);
	}
}

/**
 * The session after another tab changed the accounts under the same master key: kept accounts
 * keep their HMAC keys, new ones are opened with the session's master key, removed ones go.
 */
async function followAccounts(unlocked: UnlockedVault, file: VaultFile): Promise<UnlockedVault> {
	const known = new Map(unlocked.accounts.map((a) => [a.id, a]));
	const accounts = await Promise.all(file.db.accounts.map((s) => known.get(s.id) ?? unlockAccount(unlocked.masterKey, s)));
	return { masterKey: unlocked.masterKey, accounts };
}
