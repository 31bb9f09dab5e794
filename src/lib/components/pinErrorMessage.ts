import type { Messages } from '$lib/i18n/ko';
import type { UnlockResult } from '$lib/app/session.svelte';

/** What to tell the trainee after a refused PIN. */
export function pinErrorMessage(t: Messages, r: Exclude<UnlockResult, { ok: true }>): string {
	if (r.code === 'PIN_CHECK_FAILED') return t.pinWrong(r.attemptsLeft);
	if (r.code === 'LOCKED_OUT') return t.lockedOutTitle;
	if (r.code === 'PIN_INVALID_FORMAT') return t.pinFormat;
	if (r.code === 'VAULT_CHANGED') return t.vault.changed;
	return t.errorUnknown;
}
