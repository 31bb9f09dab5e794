import fc from 'fast-check';
import * as OTPAuth from 'otpauth';
import { describe, expect, it } from 'vitest';
import { formatKeyUri, parseKeyUri, type KeyUri } from './keyUri';
import { keyUri } from './keyUri.arbitraries';
import { OtpError } from './OtpError';
import { ascii, fromHex } from './vectors';

/** `JBSWY3DPEHPK3PXP`, the Key URI wiki's example secret: `Hello!` 0xDE 0xAD 0xBE 0xEF. */
const HELLO = fromHex('48656c6c6f21deadbeef');
const S = 'secret=JBSWY3DPEHPK3PXP';
const TOTP_DEFAULTS = { type: 'totp', issuer: '', secret: HELLO, algorithm: 'SHA1', digits: 6, period: 30 } as const;

function codeOf(call: () => unknown): string {
	try {
		call();
	} catch (e) {
		return e instanceof OtpError ? e.code : `not an OtpError: ${String(e)}`;
	}
	return 'no error';
}

describe('parseKeyUri: good input', () => {
	it.each<[string, string, KeyUri]>([
		[
			'the Korean HRDK example',
			'otpauth://totp/HRDK:%ED%99%8D%EA%B8%B8%EB%8F%99?secret=JBSWY3DPEHPK3PXP&issuer=HRDK&period=60',
			{ ...TOTP_DEFAULTS, issuer: 'HRDK', account: '홍길동', period: 60 }
		],
		['defaults (SHA1, 6 digits, 30 s)', `otpauth://totp/alice@example.com?${S}`, { ...TOTP_DEFAULTS, account: 'alice@example.com' }],
		[
			'the Key URI wiki example',
			'otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30',
			{
				...TOTP_DEFAULTS,
				issuer: 'ACME Co',
				account: 'john.doe@email.com',
				secret: fromHex('3dc6caa4824a6d288767b2331e20b43166cb85d9')
			}
		],
		['lower-case secret with %20 spaces', 'otpauth://totp/a?secret=jbsw%20y3dp%20ehpk%203pxp', { ...TOTP_DEFAULTS, account: 'a' }],
		['lower-case secret with + spaces', 'otpauth://totp/a?secret=jbsw+y3dp+ehpk+3pxp', { ...TOTP_DEFAULTS, account: 'a' }],
		['padded secret', 'otpauth://totp/a?secret=NBSWY3DPEB3W64TMMQ======', { ...TOTP_DEFAULTS, account: 'a', secret: ascii('hello world') }],
		['%3D-encoded padding', 'otpauth://totp/a?secret=NBSWY3DPEB3W64TMMQ%3D%3D%3D%3D%3D%3D', { ...TOTP_DEFAULTS, account: 'a', secret: ascii('hello world') }],
		['issuer parameter overriding the label prefix', `otpauth://totp/Old:bob?${S}&issuer=New`, { ...TOTP_DEFAULTS, issuer: 'New', account: 'bob' }],
		['empty issuer parameter falling back to the prefix', `otpauth://totp/Old:bob?${S}&issuer=`, { ...TOTP_DEFAULTS, issuer: 'Old', account: 'bob' }],
		['label without issuer', `otpauth://totp/bob?${S}`, { ...TOTP_DEFAULTS, account: 'bob' }],
		['issuer parameter only', `otpauth://totp/bob?${S}&issuer=Acme`, { ...TOTP_DEFAULTS, issuer: 'Acme', account: 'bob' }],
		['%3A-encoded colon', `otpauth://totp/ACME%3Ajohn?${S}`, { ...TOTP_DEFAULTS, issuer: 'ACME', account: 'john' }],
		['lower-case %3a and an encoded space', `otpauth://totp/ACME%3a%20john?${S}`, { ...TOTP_DEFAULTS, issuer: 'ACME', account: 'john' }],
		['spaces after the colon', `otpauth://totp/ACME:%20%20john?${S}`, { ...TOTP_DEFAULTS, issuer: 'ACME', account: 'john' }],
		['colons in the account', `otpauth://totp/ACME:a:b?${S}`, { ...TOTP_DEFAULTS, issuer: 'ACME', account: 'a:b' }],
		['empty prefix before a colon', `otpauth://totp/:a%3Ab?${S}`, { ...TOTP_DEFAULTS, account: 'a:b' }],
		['an issuer with a colon, by parameter', `otpauth://totp/bob?${S}&issuer=A%3AB`, { ...TOTP_DEFAULTS, issuer: 'A:B', account: 'bob' }],
		['raw (unencoded) Hangul and spaces', `otpauth://totp/HRDK:홍 길동?${S}`, { ...TOTP_DEFAULTS, issuer: 'HRDK', account: '홍 길동' }],
		['+ literal in the label, space in a parameter', `otpauth://totp/a+b?${S}&issuer=A+B`, { ...TOTP_DEFAULTS, issuer: 'A B', account: 'a+b' }],
		['algorithm SHA256, digits 8', `otpauth://totp/a?${S}&algorithm=SHA256&digits=8`, { ...TOTP_DEFAULTS, account: 'a', algorithm: 'SHA256', digits: 8 }],
		['algorithm sha512 in lower case', `otpauth://totp/a?${S}&algorithm=sha512`, { ...TOTP_DEFAULTS, account: 'a', algorithm: 'SHA512' }],
		['digits 7', `otpauth://totp/a?${S}&digits=7`, { ...TOTP_DEFAULTS, account: 'a', digits: 7 }],
		['period 1 and 86400', `otpauth://totp/a?${S}&period=86400`, { ...TOTP_DEFAULTS, account: 'a', period: 86_400 }],
		['period 1', `otpauth://totp/a?${S}&period=1`, { ...TOTP_DEFAULTS, account: 'a', period: 1 }],
		['upper-case scheme, type and parameter names', `OTPAUTH://TOTP/a?Secret=JBSWY3DPEHPK3PXP&DIGITS=8`, { ...TOTP_DEFAULTS, account: 'a', digits: 8 }],
		['unknown and duplicated unknown parameters', `otpauth://totp/a?${S}&image=https%3A%2F%2Fx.test%2Fi.png&foo=1&foo=%ZZ&&bare`, { ...TOTP_DEFAULTS, account: 'a' }],
		['a trailing newline and a fragment', `otpauth://totp/a?${S}#frag\n`, { ...TOTP_DEFAULTS, account: 'a' }],
		['a counter on a TOTP URI (ignored)', `otpauth://totp/a?${S}&counter=x`, { ...TOTP_DEFAULTS, account: 'a' }],
		['HOTP with counter 0', `otpauth://hotp/X?${S}&counter=0`, { ...TOTP_DEFAULTS, type: 'hotp', account: 'X', counter: 0 }],
		[
			'HOTP with the largest safe counter',
			`otpauth://hotp/X?${S}&counter=9007199254740991&period=60`,
			{ ...TOTP_DEFAULTS, type: 'hotp', account: 'X', counter: Number.MAX_SAFE_INTEGER, period: 60 }
		]
	])('reads %s', (_name, uri, expected) => {
		expect(parseKeyUri(uri)).toStrictEqual(expected);
	});
});

describe('parseKeyUri: bad input', () => {
	it.each([
		['URI_TOO_LONG', `otpauth://totp/a?${S}&x=${'a'.repeat(4096)}`],
		['URI_TOO_LONG', ' '.repeat(4097)],
		['URI_MALFORMED', `otpauth://totp/a?${S}&issuer=%E0%A4%A`],
		['URI_MALFORMED', `otpauth://totp/a?${S}&digits=%`],
		['URI_MALFORMED', `otpauth://totp/a?${S}&secret=JBSWY3DPEHPK3PXP`],
		['URI_MALFORMED', `otpauth://totp/a?${S}&Digits=6&digits=6`],
		['URI_NOT_OTPAUTH', 'not a uri at all'],
		['URI_NOT_OTPAUTH', ''],
		['URI_NOT_OTPAUTH', `https://example.com/totp/a?${S}`],
		['URI_NOT_OTPAUTH', `otpauth:/totp/a?${S}`],
		['URI_NOT_OTPAUTH', `otpauth:totp/a?${S}`],
		['URI_NOT_OTPAUTH', `otpauth%3A%2F%2Ftotp%2Fa%3F${S}`],
		['URI_BAD_TYPE', `otpauth://motp/a?${S}`],
		['URI_BAD_TYPE', `otpauth://?${S}`],
		['URI_BAD_TYPE', `otpauth://totp2/a?${S}`],
		['URI_NO_SECRET', 'otpauth://totp/a?issuer=B'],
		['URI_NO_SECRET', 'otpauth://totp/a'],
		['URI_NO_SECRET', 'otpauth://totp/a?secret='],
		['URI_NO_SECRET', 'otpauth://totp/a?secret=%20-%20'],
		['URI_BAD_SECRET', 'otpauth://totp/a?secret=12345!'],
		['URI_BAD_SECRET', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXPA'],
		['URI_BAD_SECRET', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP='],
		['URI_BAD_SECRET', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PX%3D%3D'],
		['URI_SECRET_TOO_SHORT', 'otpauth://totp/a?secret=JBSWY3DP'],
		['URI_SECRET_TOO_SHORT', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PX'],
		['URI_BAD_ALGORITHM', `otpauth://totp/a?${S}&algorithm=MD5`],
		['URI_BAD_ALGORITHM', `otpauth://totp/a?${S}&algorithm=SHA-256`],
		['URI_BAD_ALGORITHM', `otpauth://totp/a?${S}&algorithm=`],
		['URI_BAD_ALGORITHM', `otpauth://totp/a?${S}&algorithm=%C5%BFha1`],
		['URI_BAD_DIGITS', `otpauth://totp/a?${S}&digits=12`],
		['URI_BAD_DIGITS', `otpauth://totp/a?${S}&digits=5`],
		['URI_BAD_DIGITS', `otpauth://totp/a?${S}&digits=six`],
		['URI_BAD_DIGITS', `otpauth://totp/a?${S}&digits=6.0`],
		['URI_BAD_DIGITS', `otpauth://totp/a?${S}&digits=+6`],
		['URI_BAD_DIGITS', `otpauth://totp/a?${S}&digits=`],
		['URI_BAD_PERIOD', `otpauth://totp/a?${S}&period=0`],
		['URI_BAD_PERIOD', `otpauth://totp/a?${S}&period=-30`],
		['URI_BAD_PERIOD', `otpauth://totp/a?${S}&period=30.5`],
		['URI_BAD_PERIOD', `otpauth://totp/a?${S}&period=86401`],
		['URI_BAD_PERIOD', `otpauth://totp/a?${S}&period=1e3`],
		['URI_BAD_PERIOD', `otpauth://hotp/a?${S}&counter=1&period=0`],
		['URI_NO_COUNTER', 'otpauth://hotp/X?secret=JBSWY3DPEHPK3PXP'],
		['URI_BAD_COUNTER', `otpauth://hotp/X?${S}&counter=`],
		['URI_BAD_COUNTER', `otpauth://hotp/X?${S}&counter=-1`],
		['URI_BAD_COUNTER', `otpauth://hotp/X?${S}&counter=1.5`],
		['URI_BAD_COUNTER', `otpauth://hotp/X?${S}&counter=9007199254740992`],
		['URI_BAD_COUNTER', `otpauth://hotp/X?${S}&counter=0x10`],
		['URI_BAD_LABEL', `otpauth://totp/HRDK:%ED%99?${S}`],
		['URI_BAD_LABEL', `otpauth://totp/%ZZ?${S}`],
		['URI_BAD_LABEL', `otpauth://totp/?${S}`],
		['URI_BAD_LABEL', `otpauth://totp?${S}`],
		['URI_BAD_LABEL', `otpauth://totp/Issuer:?${S}`],
		['URI_BAD_LABEL', `otpauth://totp/Issuer:%20?${S}`],
		['URI_BAD_LABEL', `otpauth://totp/a%00b?${S}`],
		['URI_BAD_LABEL', `otpauth://totp/I%0Ax:a?${S}`],
		['URI_BAD_LABEL', `otpauth://totp/a\u0085b?${S}`],
		['URI_BAD_LABEL', `otpauth://totp/a\ud800?${S}`],
		['URI_BAD_LABEL', `otpauth://totp/a?${S}&issuer=A%07B`]
	])('%s for %j', (code, uri) => {
		expect(codeOf(() => parseKeyUri(uri))).toBe(code);
	});

	it('wraps the base32 error as the cause of URI_BAD_SECRET', () => {
		try {
			parseKeyUri('otpauth://totp/a?secret=12345!');
			expect.unreachable();
		} catch (e) {
			expect(e).toBeInstanceOf(OtpError);
			expect(e).toMatchObject({ name: 'OtpError', code: 'URI_BAD_SECRET', cause: { code: 'BASE32_INVALID' } });
		}
	});

	it.each([undefined, null, 42, new URL('https://x.test')])('rejects the non-string %s with TypeError', (value) => {
		expect(() => parseKeyUri(value as unknown as string)).toThrow(TypeError);
	});
});

describe('formatKeyUri', () => {
	const good: KeyUri = { ...TOTP_DEFAULTS, issuer: 'HRDK', account: '홍길동', period: 60 };

	it('writes the Korean example with every parameter explicit', () => {
		expect(formatKeyUri(good)).toBe(
			'otpauth://totp/HRDK:%ED%99%8D%EA%B8%B8%EB%8F%99?secret=JBSWY3DPEHPK3PXP&issuer=HRDK&algorithm=SHA1&digits=6&period=60'
		);
	});

	it('keeps colons out of the label prefix and writes HOTP counters', () => {
		expect(formatKeyUri({ ...good, type: 'hotp', issuer: 'A:B', account: 'x:y', counter: 7 })).toBe(
			'otpauth://hotp/:x%3Ay?secret=JBSWY3DPEHPK3PXP&issuer=A%3AB&algorithm=SHA1&digits=6&period=60&counter=7'
		);
		expect(formatKeyUri({ ...good, issuer: '', account: 'a b' })).toBe(
			'otpauth://totp/a%20b?secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=60'
		);
	});

	it.each<[string, unknown, ErrorConstructor]>([
		['k missing', undefined, TypeError],
		['type unknown', { ...good, type: 'motp' }, RangeError],
		['issuer not a string', { ...good, issuer: undefined }, TypeError],
		['issuer with a control character', { ...good, issuer: 'A\nB' }, RangeError],
		['issuer with surrounding spaces', { ...good, issuer: ' HRDK' }, RangeError],
		['account empty', { ...good, account: '' }, RangeError],
		['account of spaces', { ...good, account: '   ' }, RangeError],
		['account with an unpaired surrogate', { ...good, account: 'a\ud800' }, RangeError],
		['account with DEL', { ...good, account: 'a\u007fb' }, RangeError],
		['secret a string', { ...good, secret: 'JBSWY3DPEHPK3PXP' }, TypeError],
		['secret of 9 bytes', { ...good, secret: new Uint8Array(9) }, RangeError],
		['algorithm unknown', { ...good, algorithm: 'MD5' }, RangeError],
		['digits 12', { ...good, digits: 12 }, RangeError],
		['digits a string', { ...good, digits: '6' }, TypeError],
		['period 0', { ...good, period: 0 }, RangeError],
		['hotp without counter', { ...good, type: 'hotp' }, TypeError],
		['hotp with a negative counter', { ...good, type: 'hotp', counter: -1 }, RangeError],
		['a URI over 4096 characters', { ...good, account: '홍'.repeat(500) }, RangeError]
	])('rejects %s', (_name, k, error) => {
		expect(() => formatKeyUri(k as KeyUri)).toThrow(error);
	});

	it('property: parseKeyUri(formatKeyUri(k)) deep-equals k', () => {
		fc.assert(
			fc.property(keyUri, (k) => {
				expect(parseKeyUri(formatKeyUri(k))).toStrictEqual(k);
			}),
			{ seed: 4226, numRuns: 1000 }
		);
	});

	it('property: the otpauth package reads our URIs the same way', () => {
		fc.assert(
			fc.property(keyUri, (k) => {
				const otp = OTPAuth.URI.parse(formatKeyUri(k));
				expect(otp).toBeInstanceOf(k.type === 'totp' ? OTPAuth.TOTP : OTPAuth.HOTP);
				expect(otp.issuer).toBe(k.issuer);
				expect(otp.label).toBe(k.account);
				expect(new Uint8Array(otp.secret.bytes)).toEqual(k.secret);
				expect(otp.algorithm).toBe(k.algorithm);
				expect(otp.digits).toBe(k.digits);
				if (otp instanceof OTPAuth.TOTP) expect(otp.period).toBe(k.period);
				else expect(otp.counter).toBe(k.counter);
			}),
			{ seed: 6238, numRuns: 300 }
		);
	});
});
