import { session } from './session.svelte';
import { readPrefs, updatePrefs, DEFAULT_PREFS } from './prefs';

/** Lock after this long without a touch, click or key while the codes are shown. */
export const IDLE_LOCK_MS = 5 * 60_000;

/**
 * Locks the vault when the app has been hidden longer than the setting (default 1 minute) or idle
 * for 5 minutes. Locking drops every key from memory and the codes from the screen at once
 * (`session.lock()`). Timers are throttled in background tabs, so the hidden time is also checked
 * against the wall clock when the app becomes visible again.
 */
class AutoLock {
	hiddenMs = $state(DEFAULT_PREFS.autoLockHiddenMs);
	#hiddenAt: number | null = null;
	#hiddenTimer: ReturnType<typeof setTimeout> | undefined;
	#idleTimer: ReturnType<typeof setTimeout> | undefined;
	#started = false;

	start(): void {
		if (this.#started) return;
		this.#started = true;
		void readPrefs().then((p) => (this.hiddenMs = p.autoLockHiddenMs));
		document.addEventListener('visibilitychange', () => this.#onVisibility());
		for (const type of ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const) {
			addEventListener(type, () => this.#armIdle(), { passive: true, capture: true });
		}
		this.#armIdle();
	}

	/** Changes and stores the hidden-time setting. */
	async setHiddenMs(ms: number): Promise<void> {
		this.hiddenMs = ms;
		await updatePrefs({ autoLockHiddenMs: ms });
	}

	#onVisibility(): void {
		clearTimeout(this.#hiddenTimer);
		if (document.visibilityState === 'hidden') {
			this.#hiddenAt = Date.now();
			if (this.hiddenMs === 0) session.lock();
			else this.#hiddenTimer = setTimeout(() => session.lock(), this.hiddenMs);
			return;
		}
		if (this.#hiddenAt !== null && Date.now() - this.#hiddenAt >= this.hiddenMs) session.lock();
		this.#hiddenAt = null;
		this.#armIdle();
	}

	#armIdle(): void {
		clearTimeout(this.#idleTimer);
		this.#idleTimer = setTimeout(() => session.lock(), IDLE_LOCK_MS);
	}
}

export const autoLock = new AutoLock();
