import { describe, expect, it } from 'vitest';
import { SecretBoxError } from './SecretBoxError';
import { toApiError } from '../http/toApiError';
import { deriveKey } from './deriveKey';
import { secretAad, SecretBox } from './SecretBox';
import { LookupHasher } from './LookupHasher';
import { constantTimeEqual } from './constantTimeEqual';

const master = new Uint8Array(32).fill(1);
const box = new SecretBox(deriveKey(master, 'secret-box'));
const secret = new Uint8Array(20).map((_, i) => i + 1);

describe('SecretBox (AES-256-GCM)', () => {
	it('round-trips and uses a fresh nonce every time', () => {
		const a = box.seal(secret, secretAad('T-1'));
		const b = box.seal(secret, secretAad('T-1'));
		expect(a.length).toBe(1 + 12 + 20 + 16);
		expect(a.equals(b)).toBe(false);
		expect(box.open(a, secretAad('T-1'))).toEqual(secret);
	});

	it("refuses a box moved to another trainee's row (AAD binding)", () => {
		const sealed = box.seal(secret, secretAad('T-1'));
		expect(() => box.open(sealed, secretAad('T-2'))).toThrow(SecretBoxError);
	});

	it('refuses a flipped bit anywhere, a wrong key, a truncated box and an unknown version', () => {
		const sealed = box.seal(secret, secretAad('T-1'));
		for (let i = 1; i < sealed.length; i++) {
			const t = Buffer.from(sealed);
			t[i]! ^= 1;
			expect(() => box.open(t, secretAad('T-1'))).toThrow(SecretBoxError);
		}
		const other = new SecretBox(deriveKey(new Uint8Array(32).fill(2), 'secret-box'));
		expect(() => other.open(sealed, secretAad('T-1'))).toThrow(SecretBoxError);
		expect(() => box.open(sealed.subarray(0, 20), secretAad('T-1'))).toThrow(SecretBoxError);
		const v2 = Buffer.from(sealed);
		v2[0] = 2;
		expect(() => box.open(v2, secretAad('T-1'))).toThrow(/unknown format/);
	});

	it('a box that does not open is a tampering error of its own, answered apart from a generic failure', () => {
		const sealed = Buffer.from(box.seal(secret, secretAad('T-1')));
		sealed[20]! ^= 1;
		let thrown: unknown;
		try {
			box.open(sealed, secretAad('T-1'));
		} catch (e) {
			thrown = e;
		}
		expect(thrown).toMatchObject({ name: 'SecretBoxError', code: 'AUTHENTICATION_FAILED' });
		expect(toApiError(thrown)).toMatchObject({ code: 'STORED_SECRET_INVALID', status: 500 });
	});

	it('derives independent keys per purpose and refuses wrong key sizes', () => {
		expect(deriveKey(master, 'lookup').equals(deriveKey(master, 'secret-box'))).toBe(false);
		expect(() => deriveKey(new Uint8Array(16), 'lookup')).toThrow(RangeError);
		expect(() => new SecretBox(new Uint8Array(31))).toThrow(RangeError);
	});
});

describe('LookupHasher and constantTimeEqual', () => {
	it('separates kinds and keys', () => {
		const h = new LookupHasher(deriveKey(master, 'lookup'));
		expect(h.hash('enroll-code', 'ABCDEFGH')).toMatch(/^[0-9a-f]{64}$/);
		expect(h.hash('enroll-code', 'ABCDEFGH')).toBe(h.hash('enroll-code', 'ABCDEFGH'));
		expect(h.hash('enroll-code', 'ABCDEFGH')).not.toBe(h.hash('enroll-token', 'ABCDEFGH'));
		const other = new LookupHasher(deriveKey(new Uint8Array(32), 'lookup'));
		expect(other.hash('enroll-code', 'ABCDEFGH')).not.toBe(h.hash('enroll-code', 'ABCDEFGH'));
	});

	it('compares strings of any length', () => {
		expect(constantTimeEqual('abc', 'abc')).toBe(true);
		expect(constantTimeEqual('abc', 'abcd')).toBe(false);
		expect(constantTimeEqual('', 'x')).toBe(false);
	});
});
