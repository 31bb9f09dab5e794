import { afterEach, describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from '$lib/crypto/bytes';
import { evaluatePrf, type PasskeySlotRef } from './evaluatePrf';
import { fakeCredential, stubWebAuthn } from './fakeCredential.testing';
import { PasskeyError } from './PasskeyError';

const bytes = (n: number, fill: number) => new Uint8Array(n).fill(fill);
const SLOTS: PasskeySlotRef[] = [
	{ id: 'slotA', credentialId: toBase64Url(bytes(16, 1)), prfSalt: toBase64Url(bytes(32, 0xa1)) },
	{ id: 'slotB', credentialId: toBase64Url(bytes(64, 2)), prfSalt: toBase64Url(bytes(32, 0xb2)) }
];

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

describe('evaluatePrf', () => {
	it('asks once for every slot, each credential with its own salt as bytes, UV required', async () => {
		const stub = stubWebAuthn({ get: async () => fakeCredential(bytes(64, 2), { first: bytes(32, 7) }) });
		restore = stub.restore;
		await evaluatePrf(SLOTS);
		expect(stub.calls.get).toHaveLength(1);
		const pk = stub.calls.get[0]!.publicKey!;
		expect(pk.userVerification).toBe('required');
		expect(pk.allowCredentials!.map((c) => toBase64Url(c.id as Uint8Array))).toEqual(SLOTS.map((s) => s.credentialId));
		const byCredential = pk.extensions!.prf!.evalByCredential!;
		expect(Object.keys(byCredential)).toEqual(SLOTS.map((s) => s.credentialId));
		for (const s of SLOTS) {
			const first = byCredential[s.credentialId]!.first;
			// SimpleWebAuthn and browsers want binary salts, never base64url strings.
			expect(first).toBeInstanceOf(Uint8Array);
			expect(first).toEqual(fromBase64Url(s.prfSalt));
		}
		expect((pk.challenge as Uint8Array).length).toBe(32);
	});

	it('picks the slot by the credential that answered and copies the ArrayBuffer result', async () => {
		restore = stubWebAuthn({ get: async () => fakeCredential(bytes(64, 2), { first: bytes(32, 7) }) }).restore;
		const r = await evaluatePrf(SLOTS);
		expect(r.slotId).toBe('slotB');
		expect(r.prfOutput).toEqual(bytes(32, 7));
		expect(r.prfOutput).toBeInstanceOf(Uint8Array);
	});

	it('refuses a credential that belongs to no slot (another vault) with UNKNOWN_CREDENTIAL', async () => {
		restore = stubWebAuthn({ get: async () => fakeCredential(bytes(16, 9), { first: bytes(32, 7) }) }).restore;
		expect((await failure(evaluatePrf(SLOTS))).code).toBe('UNKNOWN_CREDENTIAL');
	});

	it.each([
		['no prf output at all', undefined],
		['prf without results', { enabled: true }],
		['a result of the wrong length', { first: bytes(31, 7) }]
	])('gives NO_PRF_RESULT for %s', async (_name, prf) => {
		restore = stubWebAuthn({ get: async () => fakeCredential(bytes(16, 1), prf) }).restore;
		expect((await failure(evaluatePrf(SLOTS))).code).toBe('NO_PRF_RESULT');
	});

	it('maps a cancelled prompt (NotAllowedError) to CANCELLED', async () => {
		restore = stubWebAuthn({
			get: async () => {
				throw new DOMException('The operation either timed out or was not allowed.', 'NotAllowedError');
			}
		}).restore;
		const e = await failure(evaluatePrf(SLOTS));
		expect(e.code).toBe('CANCELLED');
		expect((e.cause as DOMException).name).toBe('NotAllowedError');
	});

	it('gives UNKNOWN when the browser resolves with nothing', async () => {
		restore = stubWebAuthn({ get: async () => null }).restore;
		expect((await failure(evaluatePrf(SLOTS))).code).toBe('UNKNOWN');
	});

	it('refuses an empty slot list as a programmer error', async () => {
		await expect(evaluatePrf([])).rejects.toThrow(RangeError);
	});
});
