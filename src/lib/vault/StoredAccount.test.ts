import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from '../crypto/bytes';
import { importHmacKey } from '../otp/importHmacKey';
import { assertAccountInput, type AccountInput } from './AccountInput';
import { FIXTURE_MK, accountInput, bytesOf, hmacProbe } from './fixtures.testing';
import { importMasterKey } from './MasterKey';
import { openAccountSecret, parseStoredAccount, sealAccount } from './StoredAccount';

describe('sealAccount / openAccountSecret', () => {
	it.each([
		['SHA1', 20],
		['SHA256', 32],
		['SHA512', 64]
	] as const)('round-trips a %s secret of %i bytes; ciphertext has the same length', async (algorithm, length) => {
		const mk = await importMasterKey(FIXTURE_MK);
		const input = accountInput('x', algorithm, length);
		const stored = await sealAccount(mk, input, { now: 1 });
		expect(stored).toMatchObject({ issuer: input.issuer, account: input.account, algorithm, digits: 6, period: 60, addedAt: 1 });
		expect(fromBase64Url(stored.iv)).toHaveLength(16);
		expect(fromBase64Url(stored.secret)).toHaveLength(length);
		expect(fromBase64Url(stored.secret)).not.toEqual(input.secret);
		expect(await openAccountSecret(mk, stored)).toEqual(input.secret);
	});

	it('uses a fresh counter block per record', async () => {
		const mk = await importMasterKey(FIXTURE_MK);
		const input = accountInput('x');
		const [a, b] = [await sealAccount(mk, input, { now: 1 }), await sealAccount(mk, input, { now: 1 })];
		expect(a.iv).not.toBe(b.iv);
		expect(a.secret).not.toBe(b.secret);
	});

	it('decrypts to plausible wrong bytes under a wrong MK (no error, same length, different HMAC)', async () => {
		const input = accountInput('x');
		const stored = await sealAccount(await importMasterKey(FIXTURE_MK), input, { now: 1 });
		const wrong = await openAccountSecret(await importMasterKey(bytesOf('wrong mk')), stored);
		expect(wrong).toHaveLength(input.secret.length);
		expect(wrong).not.toEqual(input.secret);
		expect(await hmacProbe(await importHmacKey(wrong, 'SHA1'))).not.toBe(await hmacProbe(await importHmacKey(input.secret, 'SHA1')));
	});

	it('does not touch the caller’s secret', async () => {
		const input = accountInput('x');
		const copy = new Uint8Array(input.secret);
		await sealAccount(await importMasterKey(FIXTURE_MK), input, { now: 1 });
		expect(input.secret).toEqual(copy);
	});
});

describe('assertAccountInput', () => {
	const good = accountInput('x');
	it('accepts a good account', () => expect(() => assertAccountInput(good)).not.toThrow());
	it.each<[string, Partial<AccountInput>, ErrorConstructor]>([
		['secret of 9 bytes', { secret: new Uint8Array(9) }, RangeError],
		['secret of 129 bytes', { secret: new Uint8Array(129) }, RangeError],
		['secret as base32 text', { secret: 'JBSWY3DPEHPK3PXP' as unknown as Uint8Array }, TypeError],
		['digits 5', { digits: 5 }, RangeError],
		['digits 9', { digits: 9 }, RangeError],
		['period 0', { period: 0 }, RangeError],
		['period 86401', { period: 86_401 }, RangeError],
		['period 30.5', { period: 30.5 }, RangeError],
		['algorithm sha1', { algorithm: 'sha1' as 'SHA1' }, RangeError],
		['issuer of 129 characters', { issuer: 'x'.repeat(129) }, RangeError],
		['issuer with a newline', { issuer: 'a\nb' }, RangeError],
		['account with a lone surrogate', { account: 'a\uD800' }, RangeError],
		['account not a string', { account: 1 as unknown as string }, TypeError]
	])('refuses %s', (_, patch, type) => {
		expect(() => assertAccountInput({ ...good, ...patch })).toThrow(type);
	});
});

describe('parseStoredAccount', () => {
	const good = {
		id: 'acc',
		issuer: 'HRDK',
		account: '홍길동',
		algorithm: 'SHA1',
		digits: 6,
		period: 60,
		iv: toBase64Url(new Uint8Array(16)),
		secret: toBase64Url(new Uint8Array(20)),
		addedAt: 0
	};
	it('reads a good account', () => expect(parseStoredAccount(good, 'a')).toEqual(good));
	it('accepts an empty issuer and emoji names', () => {
		expect(parseStoredAccount({ ...good, issuer: '', account: '👩‍🎓 학생' }, 'a').account).toBe('👩‍🎓 학생');
	});
	it.each([
		['algorithm MD5', { algorithm: 'MD5' }],
		['algorithm lower-case', { algorithm: 'sha256' }],
		['digits 10', { digits: 10 }],
		['digits "6"', { digits: '6' }],
		['period 0', { period: 0 }],
		['period 1e6', { period: 1e6 }],
		['iv of 12 bytes', { iv: toBase64Url(new Uint8Array(12)) }],
		['secret of 9 bytes', { secret: toBase64Url(new Uint8Array(9)) }],
		['secret of 129 bytes', { secret: toBase64Url(new Uint8Array(129)) }],
		['secret of 100k characters', { secret: 'A'.repeat(100_000) }],
		['issuer of 129 characters', { issuer: 'x'.repeat(129) }],
		['issuer with U+0000', { issuer: 'a\u0000' }],
		['account with a lone low surrogate', { account: '\uDC00x' }],
		['account null', { account: null }],
		['missing addedAt', { addedAt: undefined }],
		['extra field', { note: 'hi' }]
	])('refuses %s as VAULT_CORRUPT', (_, patch) => {
		const value = JSON.parse(JSON.stringify({ ...good, ...patch }));
		expect(() => parseStoredAccount(value, 'a')).toThrow(expect.objectContaining({ code: 'VAULT_CORRUPT' }));
	});
});
