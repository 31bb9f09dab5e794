import { VaultKeeper, MAX_PIN_FAILURES, type KeeperDeps, type KeeperState, type Phase, type UnlockResult } from '$lib/vault/VaultKeeper';
import type { AccountInput, UnlockedAccount } from '$lib/vault/Vault';
import type { VaultErrorCode } from '$lib/vault/VaultError';
import type { PasskeySummary } from '$lib/vault/SlotList';
import { persistStorage } from '$lib/browser/persistStorage';
import { browserKeeper, browserKeeperDeps } from './browserKeeper';

export { MAX_PIN_FAILURES };
export type { Phase, UnlockResult };

/** What the session needs from the outside world; the browser's in the app, fakes in tests. */
export interface SessionDeps extends KeeperDeps {
	/** Asks the browser to keep the storage (after the first enrollment). */
	persist(): Promise<'granted' | 'denied' | 'unsupported'>;
	/** Calls `refresh` when the app comes back into view (no BroadcastChannel: the only signal). */
	onVisible(refresh: () => void): void;
}

/** The browser's implementation of `SessionDeps`. Nothing in it touches the browser until used. */
export function browserSessionDeps(): SessionDeps {
	return {
		...browserKeeperDeps(),
		persist: persistStorage,
		onVisible(refresh) {
			document.addEventListener('visibilitychange', () => {
				if (document.visibilityState === 'visible') refresh();
			});
		}
	};
}

/**
 * The vault's lifecycle for the screens: `VaultKeeper` (storage, other tabs, strikes, the
 * compare-and-swap; no Svelte) with its state mirrored into runes. Screens read `phase`,
 * `accounts`, … and call the methods; keys never leave it except as non-extractable CryptoKeys
 * inside `accounts`.
 */
export class Session {
	phase = $state<Phase>('loading');
	/** Unlocked accounts with their HMAC keys; empty whenever the app is locked. */
	accounts = $state.raw<UnlockedAccount[]>([]);
	/** Accounts known without unlocking (clear metadata), for the lock and locked-out screens. */
	summary = $state.raw<{ issuer: string; account: string }[]>([]);
	/** Why the vault could not be opened, when `phase === 'broken'`. */
	brokenCode = $state<VaultErrorCode | 'STORAGE_UNAVAILABLE' | null>(null);
	/** Detected wrong PINs so far, as stored (shared by every tab). */
	failedPins = $state(0);
	/** Passkey slots in the vault (public data: ids, PRF salts and dates), for the lock screen and settings. */
	passkeys = $state.raw<PasskeySummary[]>([]);
	lockedOutAt = $state<number | null>(null);
	persistence = $state<'granted' | 'denied' | 'unsupported' | 'unknown'>('unknown');

	#deps: SessionDeps | undefined;
	#made: VaultKeeper | undefined;
	#initialised: Promise<void> | null = null;

	/** @param deps - the outside world; by default the browser's, made on first use (the module is also evaluated while pages are prerendered in Node) */
	constructor(deps?: SessionDeps) {
		this.#deps = deps;
	}

	get #keeper(): VaultKeeper {
		if (!this.#made) {
			if (this.#deps) {
				this.#made = new VaultKeeper(this.#deps, (s) => this.#mirror(s));
			} else {
				// In the browser: the page's one keeper, which the light lock screen may already have
				// read or even unlocked before the framework started (src/lib/app/browserKeeper.ts).
				const shared = browserKeeper();
				shared.follow((s) => this.#mirror(s));
				this.#made = shared.keeper;
				this.#mirror(shared.keeper.state);
			}
		}
		return this.#made;
	}

	#browserWorld: SessionDeps | undefined;

	get #world(): SessionDeps {
		return this.#deps ?? (this.#browserWorld ??= browserSessionDeps());
	}

	get attemptsLeft(): number {
		return Math.max(0, MAX_PIN_FAILURES - this.failedPins);
	}

	/** True when a vault exists on this device (locked or not). */
	get hasVault(): boolean {
		return this.phase === 'locked' || this.phase === 'unlocked';
	}

	/** Loads the device state once and starts following the other tabs; later calls return the same promise. */
	init(): Promise<void> {
		if (!this.#initialised) {
			this.#initialised = this.#keeper.start();
			this.#world.onVisible(() => void this.#keeper.refresh());
		}
		return this.#initialised;
	}

	/** Re-reads storage (after another tab changed it, or in tests). */
	reload(): Promise<void> {
		return this.#keeper.refresh();
	}

	/** Tries the PIN; see `VaultKeeper.unlock`. */
	unlock(pin: string, onProgress?: (f: number) => void): Promise<UnlockResult> {
		return this.#keeper.unlock(pin, onProgress);
	}

	/** Unlocks with a passkey's PRF output; failures are not PIN strikes. */
	unlockWithPasskey(slotId: string, prfOutput: Uint8Array): Promise<UnlockResult> {
		return this.#keeper.unlockWithPasskey(slotId, prfOutput);
	}

	/** Changes the PIN and re-keys, in one write; see `VaultKeeper.changePin`. */
	changePin(oldPin: string, newPin: string, onProgress?: (f: number) => void): Promise<UnlockResult & { removedPasskeys?: string[] }> {
		return this.#keeper.changePin(oldPin, newPin, onProgress);
	}

	/** Adds a passkey slot, confirmed by the PIN. */
	addPasskey(pin: string, passkey: { credentialId: Uint8Array; prfSalt: Uint8Array; prfOutput: Uint8Array }): Promise<UnlockResult> {
		return this.#keeper.addPasskey(pin, passkey);
	}

	/** Removes a passkey slot; the PIN slot always stays. */
	removePasskey(slotId: string): Promise<void> {
		return this.#keeper.removePasskey(slotId);
	}

	/** First enrollment: creates the vault under a new PIN with the given accounts. */
	async create(pin: string, accounts: AccountInput[], onProgress?: (f: number) => void): Promise<void> {
		await this.#keeper.create(pin, accounts, onProgress);
		void this.#world.persist().then((p) => (this.persistence = p));
	}

	/** Adds an account to the unlocked vault. */
	add(input: AccountInput): Promise<void> {
		return this.#keeper.add(input);
	}

	/** Removes one account from the unlocked vault. */
	remove(accountId: string): Promise<void> {
		return this.#keeper.remove(accountId);
	}

	/** Drops every key from memory and hides the codes at once. */
	lock(): void {
		this.#made?.lock();
	}

	/** 등록 초기화: wipes everything on this device and returns to the first-run screen. */
	reset(): Promise<void> {
		return this.#keeper.reset();
	}

	/** Acknowledges the "your data vanished" notice and starts fresh. */
	acknowledgeVanished(): void {
		this.#keeper.acknowledgeVanished();
	}

	#mirror(s: KeeperState): void {
		this.phase = s.phase;
		this.accounts = s.accounts;
		this.summary = s.summary;
		this.brokenCode = s.brokenCode;
		this.failedPins = s.failedPins;
		this.passkeys = s.passkeys;
		this.lockedOutAt = s.lockedOutAt;
	}
}

export const session = new Session();
