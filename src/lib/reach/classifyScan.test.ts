import { describe, expect, it } from 'vitest';
import { classifyScan } from './classifyScan';

const ORIGIN = 'https://motp.example.kr';

describe('classifyScan', () => {
	it.each([
		['otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP', { kind: 'enroll', fragment: 'otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP' }],
		['  OTPAUTH://totp/x?secret=JBSWY3DPEHPK3PXP\n', { kind: 'enroll', fragment: 'OTPAUTH://totp/x?secret=JBSWY3DPEHPK3PXP' }],
		['otpauth%3A%2F%2Ftotp%2Fx', { kind: 'enroll', fragment: 'otpauth%3A%2F%2Ftotp%2Fx' }],
		[`${ORIGIN}/enroll#AbCdEfGhIjKlMnOpQrStUv`, { kind: 'enroll', fragment: 'AbCdEfGhIjKlMnOpQrStUv' }],
		['JJ9Y-2WJY', { kind: 'code', code: 'JJ9Y2WJY' }],
		['jj9y2wjy', { kind: 'code', code: 'JJ9Y2WJY' }]
	])('%s → %o', (text, expected) => {
		expect(classifyScan(text, ORIGIN)).toEqual(expected);
	});

	it.each([
		['', 'SCAN_EMPTY'],
		['   ', 'SCAN_EMPTY'],
		['https://other.example/enroll#AbCdEfGhIjKlMnOpQrStUv', 'SCAN_OTHER_SITE'],
		[`${ORIGIN}/enroll`, 'SCAN_NOT_ENROLLMENT'],
		[`${ORIGIN}/settings#x`, 'SCAN_NOT_ENROLLMENT'],
		['https://pay.example/qr?id=1', 'SCAN_NOT_ENROLLMENT'],
		['hello world', 'SCAN_NOT_ENROLLMENT'],
		// O, I, L, U and 0/1 are not in the code alphabet.
		['HELLO-WORL', 'SCAN_NOT_ENROLLMENT']
	])('refuses %j with %s', (text, code) => {
		expect(classifyScan(text, ORIGIN)).toEqual({ kind: 'refused', code });
	});

	it('refuses a non-string by name', () => {
		expect(() => classifyScan(null as unknown as string, ORIGIN)).toThrow(TypeError);
	});
});
