import type { Messages } from '$lib/i18n/ko';
import type { PasskeyResult } from '$lib/app/addPasskey';
import { pinErrorMessage } from './pinErrorMessage';

/**
 * What to tell the trainee after a passkey action failed: adding one (`add`, where PIN errors are
 * possible too) or unlocking with one (`unlock`). Switches on the stable code only.
 */
export function passkeyErrorMessage(t: Messages, action: 'add' | 'unlock', r: Exclude<PasskeyResult, { ok: true }>): string {
	if (r.code === 'PIN_CHECK_FAILED' || r.code === 'LOCKED_OUT' || r.code === 'PIN_INVALID_FORMAT') return pinErrorMessage(t, r);
	if (action === 'add') return t.passkey.addError[r.code] ?? t.passkey.addFailed;
	return t.passkey.unlockError[r.code] ?? t.passkey.unlockFailed;
}
