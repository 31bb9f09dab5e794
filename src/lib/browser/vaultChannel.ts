import type { VaultChannel, VaultMessage } from '$lib/vault/VaultStorage';

/** The BroadcastChannel name the app's tabs use to tell each other that the vault changed. */
export const VAULT_CHANNEL = 'motp-vault';

/**
 * The other tabs of this origin (the installed app and a browser tab share them too), through
 * `BroadcastChannel`. Created lazily, in the browser only. Where `BroadcastChannel` does not exist
 * nothing is sent: the other tabs then notice on their next read (every write re-reads first),
 * on focus, or not at all, and the compare-and-swap still keeps every write.
 */
export function browserVaultChannel(): VaultChannel {
	let channel: BroadcastChannel | null | undefined;
	const open = (): BroadcastChannel | null => (channel ??= typeof BroadcastChannel === 'function' ? new BroadcastChannel(VAULT_CHANNEL) : null);
	return {
		post(message: VaultMessage): void {
			open()?.postMessage(message);
		},
		listen(onMessage: (message: VaultMessage) => void): () => void {
			const c = open();
			if (!c) return () => undefined;
			const handler = (event: MessageEvent<unknown>) => {
				if (typeof event.data === 'object' && event.data !== null && (event.data as { type?: unknown }).type === 'changed') onMessage({ type: 'changed' });
			};
			c.addEventListener('message', handler);
			return () => c.removeEventListener('message', handler);
		}
	};
}
