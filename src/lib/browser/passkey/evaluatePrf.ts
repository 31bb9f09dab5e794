import { fromBase64Url, randomBytes, toBase64Url } from '$lib/crypto/bytes';
import { PRF_OUTPUT_LENGTH } from '$lib/vault/PasskeySlot';
import { PasskeyError, toPasskeyError } from './PasskeyError';
import { readCredential } from './readCredential';
import { _internals } from './webAuthn';

/** The public part of a passkey slot that a ceremony needs (docs/vault-format.md, "Passkey slot"). */
export interface PasskeySlotRef {
	/** Slot id. */
	readonly id: string;
	/** Credential id, base64url. */
	readonly credentialId: string;
	/** The slot's PRF input, base64url (32 bytes). */
	readonly prfSalt: string;
}

/**
 * Runs ONE assertion over all given slots and returns the PRF output for the slot whose
 * credential answered. Each credential is evaluated with its own slot's salt through
 * `prf.evalByCredential`, whose keys are base64url credential ids (WebAuthn L3 §10.1.4).
 *
 * User verification is required. CTAP2 `hmac-secret` keeps two secrets per credential, one for
 * assertions with UV and one without (CTAP 2.1 §12.5), so registration and unlock must both
 * require UV or the outputs would differ.
 *
 * The assertion's signature is not verified: there is no server, and nothing rests on it. The
 * PRF output is the secret, and the slot's AES-GCM tag tells whether it is the right one.
 * @param slots - at least one slot
 * @returns the slot id and its 32-byte PRF output (the caller wipes it)
 * @throws {PasskeyError} `CANCELLED` and the other DOMException codes; `UNKNOWN_CREDENTIAL` when
 *   the credential that answered is none of `slots`; `NO_PRF_RESULT` without a 32-byte result
 * @throws {RangeError} when `slots` is empty
 */
export async function evaluatePrf(slots: readonly PasskeySlotRef[]): Promise<{ slotId: string; prfOutput: Uint8Array<ArrayBuffer> }> {
	if (slots.length === 0) throw new RangeError('slots must not be empty');
	let answer;
	try {
		answer = readCredential(
			await _internals.get({
				publicKey: {
					challenge: randomBytes(32),
					allowCredentials: slots.map((s) => ({ type: 'public-key', id: fromBase64Url(s.credentialId) })),
					userVerification: 'required',
					extensions: { prf: { evalByCredential: Object.fromEntries(slots.map((s) => [s.credentialId, { first: fromBase64Url(s.prfSalt) }])) } }
				}
			})
		);
	} catch (e) {
		throw toPasskeyError(e);
	}
	const credentialId = toBase64Url(answer.rawId);
	const slot = slots.find((s) => s.credentialId === credentialId);
	if (!slot) throw new PasskeyError('UNKNOWN_CREDENTIAL', 'the credential that answered belongs to no slot of this vault');
	const first = answer.prf?.first;
	if (!first || first.length !== PRF_OUTPUT_LENGTH) {
		throw new PasskeyError('NO_PRF_RESULT', first ? `PRF result is ${first.length} bytes, not ${PRF_OUTPUT_LENGTH}` : 'the assertion carried no PRF result');
	}
	return { slotId: slot.id, prfOutput: first };
}
