import { fromBase64Url, randomBytes, toBase64Url, wipe } from '$lib/crypto/bytes';
import { PRF_OUTPUT_LENGTH, PRF_SALT_LENGTH } from '$lib/vault/PasskeySlot';
import { evaluatePrf } from './evaluatePrf';
import { forgetPasskeys } from './forgetPasskeys';
import { PasskeyError, toPasskeyError } from './PasskeyError';
import { readCredential } from './readCredential';
import { _internals } from './webAuthn';

/** What a new passkey slot is made of (`session.addPasskey`). */
export interface RegisteredPasskey {
	credentialId: Uint8Array<ArrayBuffer>;
	prfSalt: Uint8Array<ArrayBuffer>;
	/** 32 bytes; the caller wipes it once the slot is written. */
	prfOutput: Uint8Array<ArrayBuffer>;
}

/** COSE algorithms: ES256 first (every passkey provider), RS256 for older Windows Hello. */
const ALGORITHMS: PublicKeyCredentialParameters[] = [
	{ type: 'public-key', alg: -7 },
	{ type: 'public-key', alg: -257 }
];

/**
 * Registers a new passkey with the PRF extension and returns its PRF output for a fresh salt
 * (docs/decisions.md, "Passkeys"):
 *
 * - `userVerification: 'required'`: a fingerprint, face or device PIN every time, never bare
 *   presence; and the PRF output depends on it (see `evaluatePrf`).
 * - `residentKey: 'preferred'`: platforms make a real passkey, which the person can see (and
 *   delete) in their password manager; a security key that is out of discoverable slots still
 *   works. The app always names the credential (`allowCredentials`), so it never needs discovery.
 * - No `authenticatorAttachment`: `hints: ['client-device']` asks for this device's fingerprint
 *   or face first, without refusing a security key or a phone, which `'platform'` would.
 * - A fresh random `user.id` per registration: CTAP2 replaces a discoverable credential with the
 *   same RP and user id, so a shared id would silently kill the previous slot's passkey.
 * - `excludeCredentials`: this vault's passkeys, so one authenticator is not registered twice.
 *
 * If the authenticator returns no PRF result at registration (CTAP 2.1 `hmac-secret` only
 * evaluates in assertions), ONE assertion for the new credential gets it. If it cannot do PRF at
 * all, the new credential is forgotten again and nothing is returned: a passkey that does not
 * hold the key never becomes a way in.
 * @param opts.userName - shown next to the site in the password manager
 * @param opts.excludeCredentialIds - base64url ids of the vault's passkeys
 * @param opts.random - randomness for salt, user id and challenge (tests)
 * @throws {PasskeyError} `PRF_UNSUPPORTED`, `NO_PRF_RESULT`, and the DOMException codes
 */
export async function registerPasskey(opts: {
	userName: string;
	excludeCredentialIds: readonly string[];
	random?: (n: number) => Uint8Array<ArrayBuffer>;
}): Promise<RegisteredPasskey> {
	const random = opts.random ?? randomBytes;
	const prfSalt = random(PRF_SALT_LENGTH);
	if (prfSalt.length !== PRF_SALT_LENGTH) throw new RangeError(`random(${PRF_SALT_LENGTH}) returned ${prfSalt.length} bytes`);
	// `hints` (WebAuthn L3, `PublicKeyCredentialCreationOptions.hints`) is not in TypeScript's DOM types yet for the binary options.
	const publicKey: PublicKeyCredentialCreationOptions & { hints: string[] } = {
		rp: { name: 'mOTP' },
		user: { id: random(16), name: opts.userName, displayName: opts.userName },
		challenge: random(32),
		pubKeyCredParams: ALGORITHMS,
		excludeCredentials: opts.excludeCredentialIds.map((id) => ({ type: 'public-key', id: fromBase64Url(id) })),
		authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
		hints: ['client-device'],
		attestation: 'none',
		extensions: { prf: { eval: { first: prfSalt } } }
	};
	let created;
	try {
		created = readCredential(await _internals.create({ publicKey }));
	} catch (e) {
		throw toPasskeyError(e);
	}
	const credentialId = created.rawId;
	try {
		if (created.prf === undefined) throw new PasskeyError('PRF_UNSUPPORTED', 'the browser ignored the prf extension');
		if (created.prf.enabled === false) throw new PasskeyError('PRF_UNSUPPORTED', 'the authenticator cannot evaluate the PRF');
		let prfOutput = created.prf.first;
		if (prfOutput === undefined) {
			const slot = { id: 'new', credentialId: toBase64Url(credentialId), prfSalt: toBase64Url(prfSalt) };
			prfOutput = (await evaluatePrf([slot])).prfOutput;
		} else if (prfOutput.length !== PRF_OUTPUT_LENGTH) {
			wipe(prfOutput);
			throw new PasskeyError('NO_PRF_RESULT', `PRF result is ${prfOutput.length} bytes, not ${PRF_OUTPUT_LENGTH}`);
		}
		return { credentialId, prfSalt, prfOutput };
	} catch (e) {
		await forgetPasskeys([toBase64Url(credentialId)]);
		throw toPasskeyError(e);
	}
}
