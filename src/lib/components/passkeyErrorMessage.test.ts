import { describe, expect, it } from 'vitest';
import { ko } from '$lib/i18n/ko';
import { en } from '$lib/i18n/en';
import { passkeyErrorMessage } from './passkeyErrorMessage';

const fail = (code: string) => ({ ok: false as const, code: code as 'CANCELLED', attemptsLeft: 3 });

describe('passkeyErrorMessage', () => {
	it('has the same specific messages in Korean and English (the Record type cannot check it)', () => {
		expect(Object.keys(en.passkey.addError).sort()).toEqual(Object.keys(ko.passkey.addError).sort());
		expect(Object.keys(en.passkey.unlockError).sort()).toEqual(Object.keys(ko.passkey.unlockError).sort());
	});

	it.each([ko, en])('tells a cancelled prompt, a PRF-less passkey and another vault apart at unlock', (t) => {
		const cancelled = passkeyErrorMessage(t, 'unlock', fail('CANCELLED'));
		const noPrf = passkeyErrorMessage(t, 'unlock', fail('NO_PRF_RESULT'));
		const otherVault = passkeyErrorMessage(t, 'unlock', fail('PASSKEY_UNWRAP_FAILED'));
		expect(new Set([cancelled, noPrf, otherVault, t.passkey.unlockFailed]).size).toBe(4);
		expect(passkeyErrorMessage(t, 'unlock', fail('UNKNOWN_CREDENTIAL'))).toBe(otherVault);
		expect(passkeyErrorMessage(t, 'unlock', fail('ABORTED'))).toBe(t.passkey.unlockFailed);
	});

	it.each([ko, en])('says why a passkey was not added, and routes PIN errors to the PIN messages', (t) => {
		for (const code of ['CANCELLED', 'ALREADY_REGISTERED', 'PRF_UNSUPPORTED', 'NO_PRF_RESULT']) {
			expect(passkeyErrorMessage(t, 'add', fail(code))).toBe(t.passkey.addError[code]);
		}
		expect(passkeyErrorMessage(t, 'add', fail('PIN_CHECK_FAILED'))).toBe(t.pinWrong(3));
		expect(passkeyErrorMessage(t, 'add', fail('LOCKED_OUT'))).toBe(t.lockedOutTitle);
		expect(passkeyErrorMessage(t, 'add', fail('UNKNOWN'))).toBe(t.passkey.addFailed);
	});
});
