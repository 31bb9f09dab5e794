/**
 * Chrome, Edge and Samsung Internet announce that the app can be installed with
 * `beforeinstallprompt` (not a standard; Safari and Firefox never fire it). The event is kept so a
 * button can call `prompt()` later, from a user gesture, which the browser requires.
 */
interface BeforeInstallPromptEvent extends Event {
	prompt(): Promise<void>;
	userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

class InstallPrompt {
	/** True while the browser offers installation. */
	available = $state(false);
	/** True once installed from this page (the `appinstalled` event). */
	installed = $state(false);
	#event: BeforeInstallPromptEvent | null = null;
	#listening = false;

	/** Starts listening; call once, as early as possible (the event may come right after load). */
	listen(): void {
		if (this.#listening || typeof window === 'undefined') return;
		this.#listening = true;
		window.addEventListener('beforeinstallprompt', (e) => {
			// Keep the browser's own mini-infobar from competing with our button.
			e.preventDefault();
			this.#event = e as BeforeInstallPromptEvent;
			this.available = true;
		});
		window.addEventListener('appinstalled', () => {
			this.installed = true;
			this.available = false;
			this.#event = null;
		});
	}

	/** Shows the browser's install dialog. Resolves to what the trainee chose. */
	async prompt(): Promise<'accepted' | 'dismissed' | 'unavailable'> {
		const e = this.#event;
		if (!e) return 'unavailable';
		// A prompt event can be used once.
		this.#event = null;
		this.available = false;
		await e.prompt();
		const { outcome } = await e.userChoice;
		if (outcome === 'accepted') this.installed = true;
		return outcome;
	}
}

export const installPrompt = new InstallPrompt();
