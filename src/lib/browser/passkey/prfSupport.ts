/**
 * Whether a passkey can unlock the vault here, as far as the browser can tell before a ceremony:
 * - `unsupported`: no WebAuthn, not a secure context, or the browser says it has no PRF
 *   (`getClientCapabilities()['extension:prf'] === false`). Say so; do not offer passkeys.
 * - `available`: the browser implements PRF. The authenticator may still lack it; registration
 *   finds out (`prf.enabled`) and refuses to add a slot then.
 * - `unknown`: WebAuthn exists but the browser cannot say (no `getClientCapabilities`, which came
 *   with WebAuthn L3). Offer it; a ceremony without a PRF result adds no slot.
 */
export type PrfSupport = 'available' | 'unknown' | 'unsupported';

/** Reads the capability once per page; it does not change while the page lives. */
let cached: Promise<PrfSupport> | null = null;

/** Detects PRF support (WebAuthn L3 `PublicKeyCredential.getClientCapabilities`, and the `prf` extension, §10.1.4). */
export function prfSupport(): Promise<PrfSupport> {
	cached ??= detect();
	return cached;
}

async function detect(): Promise<PrfSupport> {
	if (typeof window === 'undefined' || !window.isSecureContext) return 'unsupported';
	const pkc = window.PublicKeyCredential;
	if (typeof pkc !== 'function' || typeof navigator.credentials?.create !== 'function') return 'unsupported';
	if (typeof pkc.getClientCapabilities !== 'function') return 'unknown';
	try {
		const prf = (await pkc.getClientCapabilities())['extension:prf'];
		return prf === true ? 'available' : prf === false ? 'unsupported' : 'unknown';
	} catch {
		return 'unknown';
	}
}
