import { _internals } from './webAuthn';

/**
 * Tells the browser's passkey manager that these credentials are gone (WebAuthn L3 signal methods,
 * `signalUnknownCredential`), so a removed slot, a reset vault or a half-made registration does
 * not leave a useless "mOTP" passkey behind. Best effort: where the API is missing or refuses,
 * nothing happens, and the person may delete the entry by hand.
 *
 * Only pass credentials that no slot uses any more: each registration makes a new credential
 * used by exactly one slot, so this never deletes a passkey that still unlocks something.
 * @param credentialIds - base64url credential ids
 */
export async function forgetPasskeys(credentialIds: readonly string[]): Promise<void> {
	try {
		const signal = _internals.signalUnknownCredential();
		if (!signal || credentialIds.length === 0) return;
		const rpId = _internals.rpId();
		await Promise.all(credentialIds.map((credentialId) => signal({ rpId, credentialId }).catch(() => undefined)));
	} catch {
		// Never let tidying up break the action that asked for it.
	}
}
