/**
 * Service-worker registration through workbox-window (vite-plugin-pwa's `virtual:pwa-register`).
 * A new version is never forced on a trainee in the middle of a code: the app offers it and the
 * trainee taps "update" (`registerType: 'prompt'` in vite.config.ts).
 */
class PwaUpdate {
	needRefresh = $state(false);
	offlineReady = $state(false);
	#update: ((reload?: boolean) => Promise<void>) | null = null;

	async register(): Promise<void> {
		if (!('serviceWorker' in navigator)) return;
		const { registerSW } = await import('virtual:pwa-register');
		this.#update = registerSW({
			immediate: true,
			onNeedRefresh: () => (this.needRefresh = true),
			onOfflineReady: () => (this.offlineReady = true)
		});
	}

	/** Activates the waiting service worker and reloads into the new version. */
	async apply(): Promise<void> {
		this.needRefresh = false;
		await this.#update?.(true);
	}

	dismiss(): void {
		this.needRefresh = false;
		this.offlineReady = false;
	}
}

export const pwaUpdate = new PwaUpdate();
