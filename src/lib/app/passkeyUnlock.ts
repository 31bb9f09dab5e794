import { wipe } from '$lib/crypto/bytes';
import { evaluatePrf } from '$lib/browser/passkey/evaluatePrf';
import { PasskeyError } from '$lib/browser/passkey/PasskeyError';
import type { PasskeyResult } from './addPasskey';
import { session } from './session.svelte';

/**
 * The lock screen's passkey button: one assertion over every passkey slot, each credential
 * evaluated with its own slot's salt, then the slot of the credential that answered unwraps the
 * vault. Any failure leaves the PIN path exactly as it was: nothing is counted as a PIN strike.
 */
export async function passkeyUnlock(): Promise<PasskeyResult> {
	const slots = session.passkeys;
	if (slots.length === 0) return { ok: false, code: 'SLOT_NOT_FOUND', attemptsLeft: session.attemptsLeft };
	let evaluated;
	try {
		evaluated = await evaluatePrf(slots);
	} catch (e) {
		if (e instanceof PasskeyError) return { ok: false, code: e.code, attemptsLeft: session.attemptsLeft };
		throw e;
	}
	try {
		return await session.unlockWithPasskey(evaluated.slotId, evaluated.prfOutput);
	} finally {
		wipe(evaluated.prfOutput);
	}
}
