import { toBase64Url, wipe } from '$lib/crypto/bytes';
import { forgetPasskeys } from '$lib/browser/passkey/forgetPasskeys';
import { PasskeyError, type PasskeyErrorCode } from '$lib/browser/passkey/PasskeyError';
import { registerPasskey } from '$lib/browser/passkey/registerPasskey';
import { session, type UnlockResult } from './session.svelte';

/** The outcome of a passkey action: a session result, or why the ceremony failed. */
export type PasskeyResult = UnlockResult | { ok: false; code: PasskeyErrorCode; attemptsLeft: number };

/**
 * Settings → 패스키 추가: registers a passkey, then adds its slot with the PIN typed just before.
 *
 * The ceremony runs first, straight from the PIN form's submit, because Safari allows WebAuthn only
 * close to a user gesture; the KDF run that checks the PIN comes after it. A PIN that
 * turns out wrong counts as a strike like any other (`session.addPasskey`), and the passkey just
 * made is forgotten again, so no passkey exists without its slot.
 * @param pin - the PIN the person just typed (format already checked by the form)
 */
export async function addPasskey(pin: string): Promise<PasskeyResult> {
	let passkey;
	try {
		passkey = await registerPasskey({
			userName: passkeyUserName(session.summary),
			excludeCredentialIds: session.passkeys.map((p) => p.credentialId)
		});
	} catch (e) {
		if (e instanceof PasskeyError) return { ok: false, code: e.code, attemptsLeft: session.attemptsLeft };
		throw e;
	}
	let added = false;
	try {
		const result = await session.addPasskey(pin, passkey);
		added = result.ok;
		return result;
	} finally {
		wipe(passkey.prfOutput);
		if (!added) await forgetPasskeys([toBase64Url(passkey.credentialId)]);
	}
}

/** The name the password manager shows beside the site: the first account, or the app's name. */
function passkeyUserName(accounts: readonly { issuer: string; account: string }[]): string {
	const first = accounts[0];
	const label = first ? [first.issuer, first.account].filter(Boolean).join(' · ') : '';
	return label ? `mOTP · ${label}` : 'mOTP';
}
