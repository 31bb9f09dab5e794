import { readRecord, updateRecord, type Prefs } from '$lib/browser/deviceStore';

/** Defaults for every preference (docs/decisions.md, "Auto-lock" and "Clock"). */
export const DEFAULT_PREFS: Prefs = { clockCorrection: true, autoLockHiddenMs: 60_000, clearClipboard: true };

/** Auto-lock choices offered in settings, in ms after the app is hidden (0 = at once). */
export const AUTO_LOCK_CHOICES = [0, 30_000, 60_000, 300_000] as const;

/** Stored preferences merged over the defaults; storage is untrusted, so each field is checked. */
export async function readPrefs(): Promise<Prefs> {
	return validPrefs((await readRecord('prefs').catch(() => undefined)) as Partial<Prefs> | undefined);
}

function validPrefs(stored: Partial<Prefs> | undefined): Prefs {
	const p = { ...DEFAULT_PREFS };
	if (typeof stored?.clockCorrection === 'boolean') p.clockCorrection = stored.clockCorrection;
	if (typeof stored?.clearClipboard === 'boolean') p.clearClipboard = stored.clearClipboard;
	if (AUTO_LOCK_CHOICES.includes(stored?.autoLockHiddenMs as (typeof AUTO_LOCK_CHOICES)[number])) {
		p.autoLockHiddenMs = stored!.autoLockHiddenMs!;
	}
	return p;
}

/** Changes some preferences, keeping the others (one transaction: no lost update). */
export function updatePrefs(change: Partial<Prefs>): Promise<Prefs> {
	return updateRecord('prefs', (current) => ({ ...validPrefs(current), ...change }));
}
