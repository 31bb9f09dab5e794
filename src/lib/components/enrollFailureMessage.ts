import type { Messages } from '$lib/i18n/ko';
import type { EnrollFailure } from '$lib/app/enrollment.svelte';
import { pinErrorMessage } from './pinErrorMessage';

/** What to tell the trainee when a step of an enrollment failed. Switches on the stable code only. */
export function enrollFailureMessage(t: Messages, f: EnrollFailure): string {
	if (f.code === 'PIN_CHECK_FAILED' || f.code === 'LOCKED_OUT' || f.code === 'PIN_INVALID_FORMAT') {
		return pinErrorMessage(t, { ok: false, code: f.code, attemptsLeft: f.attemptsLeft ?? 0 });
	}
	if (f.code === 'CREATED_ELSEWHERE') return t.vault.createdElsewhere;
	if (f.code === 'VAULT_CHANGED') return t.vault.changed;
	if (f.code === 'ACCOUNT_DUPLICATE') return t.vault.duplicate;
	return t.enrollError[f.code] ?? t.otpError[f.code] ?? t.errorUnknown;
}
