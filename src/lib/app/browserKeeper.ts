import { VaultKeeper, type KeeperDeps, type KeeperState, type UnlockResult } from '$lib/vault/VaultKeeper';
import { browserVaultStorage } from '$lib/browser/vaultStorage';
import { browserVaultChannel } from '$lib/browser/vaultChannel';
import { generateIntegrityKey } from '$lib/browser/integrityKey';
import { enrollmentMarker } from '$lib/browser/enrollmentMarker';
import { browserPinKdf } from '$lib/browser/pinKdfWorker';

/** The browser's storage, other tabs, cookie, key generator and clock for the vault. */
export function browserKeeperDeps(): KeeperDeps {
	return {
		storage: browserVaultStorage,
		channel: browserVaultChannel(),
		marker: enrollmentMarker,
		newIntegrityKey: generateIntegrityKey,
		now: () => Date.now(),
		derive: browserPinKdf // argon2id in WebAssembly in a worker; JavaScript when it cannot run
	};
}

export interface SharedKeeper {
	keeper: VaultKeeper;
	/** Calls `listener` with every new state from now on. */
	follow(listener: (state: KeeperState) => void): void;
}

let shared: SharedKeeper | null = null;

/**
 * The page's one `VaultKeeper`, without Svelte. The light lock screen (src/lib/light/lockStart.ts)
 * may open the vault before the framework has started; the app's `Session` then takes over this
 * same keeper, already unlocked, instead of making a second one (issue 14).
 */
export function browserKeeper(): SharedKeeper {
	if (!shared) {
		const listeners: ((state: KeeperState) => void)[] = [];
		const keeper = new VaultKeeper(browserKeeperDeps(), (state) => {
			for (const listener of listeners) listener(state);
		});
		shared = { keeper, follow: (listener) => void listeners.push(listener) };
	}
	return shared;
}

type Failed = Exclude<UnlockResult, { ok: true }>;
let handedOver: Failed | null = null;

/** The light lock screen's failed unlock, for the app's PIN form to say what its own would have. */
export function handOverUnlockResult(result: UnlockResult): void {
	handedOver = result.ok ? null : (result as Failed);
}

/** Takes (once) the failed unlock the light lock screen handed over, if any. */
export function takeHandedOverUnlockResult(): Failed | null {
	const r = handedOver;
	handedOver = null;
	return r;
}
