import { clearClipboardIf } from '$lib/browser/clipboard';
import { readRecord } from '$lib/browser/deviceStore';
import { DEFAULT_PREFS, updatePrefs } from './prefs';

/** What the clearing of a copied code came to, for the card's hint line. */
export type ClearOutcome = 'cleared' | 'kept';

/**
 * "Clear a copied code when its step ends" (issue 8). A copied code sits in the clipboard (and
 * in clipboard managers and history) long after it has expired, and a code seen with a copy of
 * the device's storage is enough to find the PIN offline (docs/threat-model.md). So when the
 * code's step ends, the clipboard is cleared — but only if it still holds that code: reading it
 * first never wipes something else the user copied meanwhile.
 *
 * Browsers let a page read the clipboard only while it has focus, and most ask for permission,
 * so this is best effort: a clear missed because the app was in the background is tried once
 * more when it comes back. Where the platform cannot read the clipboard at all the setting is
 * shown as unavailable. On by default where it is available.
 */
class ClipboardClear {
	/** The user's choice (the `clearClipboard` pref). */
	enabled = $state(DEFAULT_PREFS.clearClipboard);
	/** Whether this browser can read the clipboard at all (`readText`, secure context). */
	available = $state(false);
	/** The last outcome, for the card that copied; null until a clear was attempted. */
	outcome = $state<{ code: string; result: ClearOutcome } | null>(null);

	#pending: { code: string; timer: ReturnType<typeof setTimeout> } | null = null;
	#loaded = false;

	/** Reads the stored choice; safe to call more than once. */
	async load(): Promise<void> {
		this.available = typeof navigator !== 'undefined' && typeof navigator.clipboard?.readText === 'function' && window.isSecureContext;
		if (this.#loaded) return;
		this.#loaded = true;
		const prefs = await readRecord('prefs').catch(() => undefined);
		if (typeof prefs?.clearClipboard === 'boolean') this.enabled = prefs.clearClipboard;
	}

	async setEnabled(on: boolean): Promise<void> {
		this.enabled = on;
		if (!on) this.#cancel();
		await updatePrefs({ clearClipboard: on });
	}

	/**
	 * Called after `code` was copied: clears it from the clipboard `msLeft` from now, when its
	 * step ends. A newer copy replaces the pending one. Lives here, not in the card, so locking
	 * the app or leaving the page does not cancel it.
	 */
	afterCopy(code: string, msLeft: number): void {
		this.#cancel();
		this.outcome = null;
		if (!this.enabled || !this.available) return;
		const timer = setTimeout(() => void this.#clear(code), Math.max(0, msLeft));
		this.#pending = { code, timer };
	}

	async #clear(code: string): Promise<void> {
		if (this.#pending?.code !== code) return;
		this.#pending = null;
		if (await clearClipboardIf(code)) {
			this.outcome = { code, result: 'cleared' };
			return;
		}
		// Not focused (the trainee is pasting into the LMS): try once more on return.
		if (!document.hasFocus()) {
			addEventListener(
				'focus',
				() => void clearClipboardIf(code).then((ok) => (this.outcome = { code, result: ok ? 'cleared' : 'kept' })),
				{ once: true }
			);
		} else {
			this.outcome = { code, result: 'kept' };
		}
	}

	#cancel(): void {
		if (this.#pending) clearTimeout(this.#pending.timer);
		this.#pending = null;
	}
}

export const clipboardClear = new ClipboardClear();
