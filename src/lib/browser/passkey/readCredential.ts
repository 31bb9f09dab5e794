import { PasskeyError } from './PasskeyError';

/** What the passkey edge needs from a ceremony's result, as plain bytes. */
export interface CredentialResult {
	/** The credential's raw id. */
	rawId: Uint8Array<ArrayBuffer>;
	/**
	 * The `prf` client extension output (WebAuthn L3 §10.1.4), or `undefined` when the browser
	 * returned none, i.e. it does not implement the extension. `first` is a copy of
	 * `results.first` (browsers return an ArrayBuffer).
	 */
	prf: { enabled?: boolean; first?: Uint8Array<ArrayBuffer> } | undefined;
}

/**
 * Reads the result of `navigator.credentials.create/get` into plain bytes.
 * @param credential - what the browser resolved with
 * @throws {PasskeyError} `UNKNOWN` when it is not a public-key credential
 */
export function readCredential(credential: Credential | null): CredentialResult {
	// Duck-typed: `PublicKeyCredential` is not a global in every runtime the tests use.
	const c = credential as PublicKeyCredential | null;
	if (!c || c.type !== 'public-key' || !(c.rawId instanceof ArrayBuffer) || typeof c.getClientExtensionResults !== 'function') {
		throw new PasskeyError('UNKNOWN', 'the browser returned no public-key credential');
	}
	const prf = c.getClientExtensionResults().prf;
	const first = prf?.results?.first;
	return {
		rawId: new Uint8Array(c.rawId.slice(0)),
		prf: prf === undefined ? undefined : { enabled: prf.enabled, first: first === undefined ? undefined : copyBytes(first) }
	};
}

function copyBytes(source: BufferSource): Uint8Array<ArrayBuffer> {
	if (source instanceof ArrayBuffer) return new Uint8Array(source.slice(0));
	return new Uint8Array(new Uint8Array(source.buffer, source.byteOffset, source.byteLength));
}
