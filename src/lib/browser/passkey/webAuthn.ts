/**
 * The browser calls the passkey edge makes, behind one object so unit tests can replace them
 * without a mocking framework (the `_internals` seam SimpleWebAuthn uses). Nothing else here.
 */
export const _internals = {
	/** `navigator.credentials.create` (WebAuthn L3 §5.1.3). */
	create: (options: CredentialCreationOptions): Promise<Credential | null> => navigator.credentials.create(options),
	/** `navigator.credentials.get` (WebAuthn L3 §5.1.4). */
	get: (options: CredentialRequestOptions): Promise<Credential | null> => navigator.credentials.get(options),
	/** The RP ID we register under: the default one, this page's host (we never set `rp.id`). */
	rpId: (): string => location.hostname,
	/** `PublicKeyCredential.signalUnknownCredential` (WebAuthn L3 signal methods), or `null` where missing. */
	signalUnknownCredential: (): ((o: { rpId: string; credentialId: string }) => Promise<void>) | null => {
		const pkc = globalThis.PublicKeyCredential as unknown as { signalUnknownCredential?: (o: { rpId: string; credentialId: string }) => Promise<void> } | undefined;
		return typeof pkc?.signalUnknownCredential === 'function' ? pkc.signalUnknownCredential.bind(pkc) : null;
	}
};
