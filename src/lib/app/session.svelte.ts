import { VaultError, type VaultErrorCode } from '$lib/vault/VaultError';
import { decodeVaultFile, encodeVaultFile, verifyVaultFile, type VaultFile } from '$lib/vault/VaultFile';
import {
	addAccount,
	addPasskeySlot,
	changePin,
	createVault,
	removePasskeySlot,
	unlockWithPasskey,
	lockedOutSummary,
	removeAccount,
	unlockWithPin,
	type AccountInput,
	type UnlockedAccount,
	type UnlockedVault
} from '$lib/vault/Vault';
import { assertPin } from '$lib/vault/pin';
import { clearAll, readRecords, writeRecords, type GuardState } from '$lib/browser/deviceStore';
import { generateIntegrityKey } from '$lib/browser/integrityKey';
import { persistStorage } from '$lib/browser/persistStorage';
import { enrollmentMarker } from '$lib/browser/enrollmentMarker';

/** Local PIN failures tolerated before the vault is wiped (seed 001/003: 5 wrong passwords). */
export const MAX_PIN_FAILURES = 5;

export type Phase = 'loading' | 'welcome' | 'vanished' | 'locked' | 'unlocked' | 'locked-out' | 'broken';

export type UnlockResult = { ok: true } | { ok: false; code: VaultErrorCode | 'LOCKED_OUT'; attemptsLeft: number };

/**
 * The vault's lifecycle in the browser: the one place that reads and writes the device store.
 * Screens read `phase`, `accounts`, and call the methods; keys never leave this object except as
 * non-extractable CryptoKeys inside `accounts`.
 */
class Session {
	phase = $state<Phase>('loading');
	/** Unlocked accounts with their HMAC keys; empty whenever the app is locked. */
	accounts = $state.raw<UnlockedAccount[]>([]);
	/** Accounts known without unlocking (clear metadata), for the lock and locked-out screens. */
	summary = $state.raw<{ issuer: string; account: string }[]>([]);
	/** Why the vault could not be opened, when `phase === 'broken'`. */
	brokenCode = $state<VaultErrorCode | 'STORAGE_UNAVAILABLE' | null>(null);
	failedPins = $state(0);
	/** Passkey slots in the vault (public data: ids, PRF salts and dates), for the lock screen and settings. */
	passkeys = $state.raw<{ id: string; credentialId: string; prfSalt: string; createdAt: number }[]>([]);
	lockedOutAt = $state<number | null>(null);
	persistence = $state<'granted' | 'denied' | 'unsupported' | 'unknown'>('unknown');

	#file: VaultFile | null = null;
	#integrityKey: CryptoKey | null = null;
	#unlocked: UnlockedVault | null = null;
	#initialised: Promise<void> | null = null;

	get attemptsLeft(): number {
		return Math.max(0, MAX_PIN_FAILURES - this.failedPins);
	}

	/** Loads the device state once; later calls return the same promise. */
	init(): Promise<void> {
		this.#initialised ??= this.#load();
		return this.#initialised;
	}

	/** Re-reads storage (after another tab changed it, or in tests). */
	reload(): Promise<void> {
		this.#forget();
		this.#initialised = this.#load();
		return this.#initialised;
	}

	async #load(): Promise<void> {
		let records;
		try {
			records = await readRecords(['vault', 'integrityKey', 'guard']);
		} catch {
			this.#broken('STORAGE_UNAVAILABLE');
			return;
		}
		const guard: GuardState = records.guard ?? { failedPins: 0, lockedOut: null };
		this.failedPins = guard.failedPins;
		if (guard.lockedOut) {
			this.summary = guard.lockedOut.accounts;
			this.lockedOutAt = guard.lockedOut.at;
			this.phase = 'locked-out';
			return;
		}
		if (records.vault === undefined) {
			// Storage is empty. If this browser had enrolled before, the browser evicted it.
			this.phase = enrollmentMarker.present() ? 'vanished' : 'welcome';
			return;
		}
		try {
			const file = decodeVaultFile(records.vault);
			if (!records.integrityKey) throw new VaultError('VAULT_TAMPERED', 'The integrity key is missing.');
			await verifyVaultFile(file, records.integrityKey);
			this.#setFile(file);
			this.#integrityKey = records.integrityKey;
			this.phase = 'locked';
		} catch (e) {
			this.#broken(e instanceof VaultError ? e.code : 'VAULT_CORRUPT');
		}
	}

	/** True when a vault exists on this device (locked or not). */
	get hasVault(): boolean {
		return this.#file !== null;
	}

	/** Tries the PIN. Wrong PINs that the check value catches are counted and persisted first. */
	async unlock(pin: string, onProgress?: (f: number) => void): Promise<UnlockResult> {
		assertPin(pin);
		if (!this.#file || !this.#integrityKey) return { ok: false, code: 'SLOT_NOT_FOUND', attemptsLeft: this.attemptsLeft };
		try {
			return await this.#opened(await unlockWithPin(this.#file, pin, this.#integrityKey, onProgress));
		} catch (e) {
			if (!(e instanceof VaultError)) throw e;
			if (e.code !== 'PIN_CHECK_FAILED') {
				this.#broken(e.code);
				return { ok: false, code: e.code, attemptsLeft: this.attemptsLeft };
			}
			return this.#countFailure();
		}
	}

	/** Any successful unlock: the failure count starts over (persisted first), then the codes show. */
	async #opened(unlocked: UnlockedVault): Promise<UnlockResult> {
		if (this.failedPins !== 0) {
			await writeRecords({ guard: { failedPins: 0, lockedOut: null } });
			this.failedPins = 0;
		}
		this.#setUnlocked(unlocked);
		return { ok: true };
	}

	async #countFailure(): Promise<UnlockResult> {
		const failedPins = this.failedPins + 1;
		if (failedPins >= MAX_PIN_FAILURES) {
			// Wipe the secrets in the same transaction that records the lockout: nothing in between.
			const accounts = this.#file ? lockedOutSummary(this.#file) : this.summary;
			const lockedOut = { at: Date.now(), accounts };
			await writeRecords({ guard: { failedPins, lockedOut } }, ['vault', 'integrityKey']);
			this.#forget();
			this.failedPins = failedPins;
			this.summary = accounts;
			this.lockedOutAt = lockedOut.at;
			this.phase = 'locked-out';
			return { ok: false, code: 'LOCKED_OUT', attemptsLeft: 0 };
		}
		// Persist BEFORE answering, so a reload cannot reset the count.
		await writeRecords({ guard: { failedPins, lockedOut: null } });
		this.failedPins = failedPins;
		return { ok: false, code: 'PIN_CHECK_FAILED', attemptsLeft: this.attemptsLeft };
	}

	/**
	 * Unlocks with a passkey's PRF output for one slot. A wrong credential fails with
	 * `PASSKEY_UNWRAP_FAILED` and is NOT counted as a PIN failure (it reveals nothing about the PIN).
	 */
	async unlockWithPasskey(slotId: string, prfOutput: Uint8Array): Promise<UnlockResult> {
		if (!this.#file || !this.#integrityKey) return { ok: false, code: 'SLOT_NOT_FOUND', attemptsLeft: this.attemptsLeft };
		try {
			return await this.#opened(await unlockWithPasskey(this.#file, slotId, prfOutput, this.#integrityKey));
		} catch (e) {
			if (!(e instanceof VaultError)) throw e;
			if (e.code === 'VAULT_TAMPERED' || e.code === 'VAULT_CORRUPT') this.#broken(e.code);
			return { ok: false, code: e.code, attemptsLeft: this.attemptsLeft };
		}
	}

	/**
	 * Changes the PIN. The new vault record replaces the old one in ONE IndexedDB transaction, so an
	 * interruption at any point leaves a vault that opens with the old PIN or the new one.
	 * A wrong current PIN counts toward the lockout like any other.
	 */
	async changePin(oldPin: string, newPin: string, onProgress?: (f: number) => void): Promise<UnlockResult> {
		const { file, unlocked, key } = this.#requireUnlocked();
		assertPin(newPin);
		return this.#rewrap(async () => {
			const next = await changePin(file, oldPin, newPin, key, undefined, unlocked);
			onProgress?.(1);
			return next;
		});
	}

	/** Adds a passkey slot (the PIN confirms it; see `changePin` for why the session is compared). */
	async addPasskey(pin: string, passkey: { credentialId: Uint8Array; prfSalt: Uint8Array; prfOutput: Uint8Array }): Promise<UnlockResult> {
		const { file, unlocked, key } = this.#requireUnlocked();
		return this.#rewrap(() => addPasskeySlot(file, pin, passkey, key, Date.now(), unlocked));
	}

	/**
	 * Runs a PIN-confirmed change of the key slots and stores the new record in one write. A PIN
	 * the check value refuses counts toward the lockout; a storage error (quota) is thrown as is,
	 * leaving the stored record untouched.
	 */
	async #rewrap(make: () => Promise<VaultFile>): Promise<UnlockResult> {
		let next: VaultFile;
		try {
			next = await make();
		} catch (e) {
			if (e instanceof VaultError && e.code === 'PIN_CHECK_FAILED') return this.#countFailure();
			if (e instanceof VaultError) return { ok: false, code: e.code, attemptsLeft: this.attemptsLeft };
			throw e;
		}
		await writeRecords({ vault: encodeVaultFile(next) });
		this.#setFile(next);
		return { ok: true };
	}

	/** Removes a passkey slot; the PIN slot always stays. */
	async removePasskey(slotId: string): Promise<void> {
		if (!this.#file || !this.#integrityKey) throw new Error('No vault.');
		const next = await removePasskeySlot(this.#file, slotId, this.#integrityKey);
		await writeRecords({ vault: encodeVaultFile(next) });
		this.#setFile(next);
	}

	/** First enrollment: creates the vault under a new PIN with the given accounts. */
	async create(pin: string, accounts: AccountInput[], onProgress?: (f: number) => void): Promise<void> {
		assertPin(pin);
		const integrityKey = await generateIntegrityKey();
		const { file, unlocked } = await createVault({ pin, accounts, integrityKey, onProgress });
		await writeRecords({ vault: encodeVaultFile(file), integrityKey, guard: { failedPins: 0, lockedOut: null } });
		enrollmentMarker.set();
		this.#setFile(file);
		this.#integrityKey = integrityKey;
		this.failedPins = 0;
		this.lockedOutAt = null;
		this.#setUnlocked(unlocked);
		void persistStorage().then((p) => (this.persistence = p));
	}

	/** Adds an account to the unlocked vault. */
	async add(input: AccountInput): Promise<void> {
		const { file, unlocked, key } = this.#requireUnlocked();
		const next = await addAccount(file, unlocked, input, key);
		await writeRecords({ vault: encodeVaultFile(next.file) });
		this.#setFile(next.file);
		this.#setUnlocked(next.unlocked);
	}

	/** Removes one account from the unlocked vault. */
	async remove(accountId: string): Promise<void> {
		const { file, unlocked, key } = this.#requireUnlocked();
		const next = await removeAccount(file, unlocked, accountId, key);
		await writeRecords({ vault: encodeVaultFile(next.file) });
		this.#setFile(next.file);
		this.#setUnlocked(next.unlocked);
	}

	/** Drops every key from memory and hides the codes at once. */
	lock(): void {
		if (this.phase !== 'unlocked') return;
		this.#unlocked = null;
		this.accounts = [];
		this.phase = this.#file ? 'locked' : 'welcome';
	}

	/** 등록 초기화: wipes everything on this device and returns to the first-run screen. */
	async reset(): Promise<void> {
		await clearAll();
		enrollmentMarker.clear();
		this.#forget();
		this.failedPins = 0;
		this.lockedOutAt = null;
		this.summary = [];
		this.brokenCode = null;
		this.phase = 'welcome';
	}

	/** Acknowledges the "your data vanished" notice and starts fresh. */
	acknowledgeVanished(): void {
		enrollmentMarker.clear();
		this.phase = 'welcome';
	}

	#requireUnlocked(): { file: VaultFile; unlocked: UnlockedVault; key: CryptoKey } {
		if (this.phase !== 'unlocked' || !this.#file || !this.#unlocked || !this.#integrityKey) {
			throw new Error('The vault is locked.');
		}
		return { file: this.#file, unlocked: this.#unlocked, key: this.#integrityKey };
	}

	#setUnlocked(unlocked: UnlockedVault): void {
		this.#unlocked = unlocked;
		this.accounts = unlocked.accounts;
		this.phase = 'unlocked';
	}

	#setFile(file: VaultFile): void {
		this.#file = file;
		this.summary = lockedOutSummary(file);
		this.passkeys = file.header.slots.flatMap((s) =>
			s.type === 'passkey' ? [{ id: s.id, credentialId: s.credentialId, prfSalt: s.prfSalt, createdAt: s.createdAt }] : []
		);
	}

	#broken(code: VaultErrorCode | 'STORAGE_UNAVAILABLE'): void {
		this.#forget();
		this.brokenCode = code;
		this.phase = 'broken';
	}

	#forget(): void {
		this.#file = null;
		this.passkeys = [];
		this.#integrityKey = null;
		this.#unlocked = null;
		this.accounts = [];
	}
}

export const session = new Session();
