import { toBase64Url } from '$lib/crypto/bytes';
import { _internals } from './webAuthn';

/**
 * A stand-in for what `navigator.credentials.create/get` resolves with, for unit tests in Node
 * (no WebAuthn there). Results come back as ArrayBuffers, as browsers return them.
 */
export function fakeCredential(rawId: Uint8Array, prf?: { enabled?: boolean; first?: Uint8Array }): Credential {
	const buffer = (b: Uint8Array) => b.slice().buffer;
	return {
		type: 'public-key',
		id: toBase64Url(rawId),
		rawId: buffer(rawId),
		getClientExtensionResults: () =>
			prf === undefined ? {} : { prf: { ...(prf.enabled === undefined ? {} : { enabled: prf.enabled }), ...(prf.first ? { results: { first: buffer(prf.first) } } : {}) } }
	} as unknown as Credential;
}

/** Replaces the browser calls for one test; returns what was asked and a restore function. */
export function stubWebAuthn(stubs: Partial<typeof _internals>): { calls: { create: CredentialCreationOptions[]; get: CredentialRequestOptions[]; signalled: string[] }; restore: () => void } {
	const saved = { ..._internals };
	const calls = { create: [] as CredentialCreationOptions[], get: [] as CredentialRequestOptions[], signalled: [] as string[] };
	_internals.rpId = () => 'motp.example';
	_internals.signalUnknownCredential = () => async (o) => {
		calls.signalled.push(o.credentialId);
	};
	_internals.create = async () => {
		throw new Error('create not stubbed');
	};
	_internals.get = async () => {
		throw new Error('get not stubbed');
	};
	Object.assign(_internals, stubs);
	const create = _internals.create;
	const get = _internals.get;
	_internals.create = (o) => (calls.create.push(o), create(o));
	_internals.get = (o) => (calls.get.push(o), get(o));
	return { calls, restore: () => Object.assign(_internals, saved) };
}
