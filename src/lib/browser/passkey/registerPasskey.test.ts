import { afterEach, describe, expect, it } from 'vitest';
import { toBase64Url } from '$lib/crypto/bytes';
import { fakeCredential, stubWebAuthn } from './fakeCredential.testing';
import { PasskeyError } from './PasskeyError';
import { registerPasskey } from './registerPasskey';

const bytes = (n: number, fill: number) => new Uint8Array(n).fill(fill);
const CREDENTIAL = bytes(32, 0xc1);
const OPTS = { userName: 'mOTP · HRDK · 홍길동', excludeCredentialIds: [toBase64Url(bytes(16, 5))] };

let restore = () => {};
afterEach(() => restore());

async function failure(p: Promise<unknown>): Promise<PasskeyError> {
	const e = await p.then(
		() => null,
		(x: unknown) => x
	);
	expect(e).toBeInstanceOf(PasskeyError);
	return e as PasskeyError;
}

describe('registerPasskey', () => {
	it('asks for a UV-required passkey with PRF on a fresh 32-byte salt, without forcing the platform', async () => {
		const stub = stubWebAuthn({ create: async () => fakeCredential(CREDENTIAL, { enabled: true, first: bytes(32, 7) }) });
		restore = stub.restore;
		const r = await registerPasskey(OPTS);
		expect(stub.calls.create).toHaveLength(1);
		const pk = stub.calls.create[0]!.publicKey! as PublicKeyCredentialCreationOptions & { hints?: string[] };
		expect(pk.authenticatorSelection).toEqual({ residentKey: 'preferred', userVerification: 'required' });
		expect(pk.hints).toEqual(['client-device']);
		expect(pk.rp.id).toBeUndefined(); // the page's own host
		expect(pk.user.name).toBe(OPTS.userName);
		expect((pk.user.id as Uint8Array).length).toBe(16);
		expect(pk.excludeCredentials!.map((c) => toBase64Url(c.id as Uint8Array))).toEqual(OPTS.excludeCredentialIds);
		const salt = pk.extensions!.prf!.eval!.first;
		expect(salt).toBeInstanceOf(Uint8Array);
		expect(salt).toEqual(r.prfSalt);
		expect(r.prfSalt.length).toBe(32);
		expect(r.credentialId).toEqual(CREDENTIAL);
		expect(r.prfOutput).toEqual(bytes(32, 7));
		expect(stub.calls.get).toHaveLength(0);
	});

	it('draws a new salt and user id every time', async () => {
		const stub = stubWebAuthn({ create: async () => fakeCredential(CREDENTIAL, { enabled: true, first: bytes(32, 7) }) });
		restore = stub.restore;
		const a = await registerPasskey(OPTS);
		const b = await registerPasskey(OPTS);
		expect(a.prfSalt).not.toEqual(b.prfSalt);
		expect(stub.calls.create[0]!.publicKey!.user.id).not.toEqual(stub.calls.create[1]!.publicKey!.user.id);
	});

	it('runs ONE assertion for the new credential when the PRF only answers there (hmac-secret)', async () => {
		const stub = stubWebAuthn({
			create: async () => fakeCredential(CREDENTIAL, { enabled: true }),
			get: async () => fakeCredential(CREDENTIAL, { first: bytes(32, 8) })
		});
		restore = stub.restore;
		const r = await registerPasskey(OPTS);
		expect(stub.calls.get).toHaveLength(1);
		const pk = stub.calls.get[0]!.publicKey!;
		expect(pk.allowCredentials!.map((c) => toBase64Url(c.id as Uint8Array))).toEqual([toBase64Url(CREDENTIAL)]);
		expect(pk.userVerification).toBe('required');
		expect(pk.extensions!.prf!.evalByCredential![toBase64Url(CREDENTIAL)]!.first).toEqual(r.prfSalt);
		expect(r.prfOutput).toEqual(bytes(32, 8));
		expect(stub.calls.signalled).toEqual([]);
	});

	it.each([
		['the browser ignores the extension', undefined, 'PRF_UNSUPPORTED'],
		['the authenticator cannot do PRF', { enabled: false }, 'PRF_UNSUPPORTED'],
		['a result of the wrong length', { enabled: true, first: bytes(16, 7) }, 'NO_PRF_RESULT']
	] as const)('refuses when %s, and forgets the new credential', async (_name, prf, code) => {
		const stub = stubWebAuthn({ create: async () => fakeCredential(CREDENTIAL, prf) });
		restore = stub.restore;
		expect((await failure(registerPasskey(OPTS))).code).toBe(code);
		expect(stub.calls.get).toHaveLength(0);
		expect(stub.calls.signalled).toEqual([toBase64Url(CREDENTIAL)]);
	});

	it.each([
		['no PRF result in the assertion either', async () => fakeCredential(CREDENTIAL, {}), 'NO_PRF_RESULT'],
		[
			'the second prompt is cancelled',
			async () => {
				throw new DOMException('cancelled', 'NotAllowedError');
			},
			'CANCELLED'
		]
	] as const)('refuses when %s, and forgets the new credential', async (_name, get, code) => {
		const stub = stubWebAuthn({ create: async () => fakeCredential(CREDENTIAL, { enabled: true }), get });
		restore = stub.restore;
		expect((await failure(registerPasskey(OPTS))).code).toBe(code);
		expect(stub.calls.signalled).toEqual([toBase64Url(CREDENTIAL)]);
	});

	it.each([
		['NotAllowedError', 'CANCELLED'],
		['InvalidStateError', 'ALREADY_REGISTERED'],
		['SecurityError', 'INSECURE_CONTEXT']
	] as const)('maps %s at creation to %s (no credential to forget)', async (name, code) => {
		const stub = stubWebAuthn({
			create: async () => {
				throw new DOMException('x', name);
			}
		});
		restore = stub.restore;
		expect((await failure(registerPasskey(OPTS))).code).toBe(code);
		expect(stub.calls.signalled).toEqual([]);
	});
});
