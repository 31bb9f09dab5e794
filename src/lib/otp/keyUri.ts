import { decodeBase32, encodeBase32 } from './base32';
import { assertDigits, MAX_DIGITS, MIN_DIGITS } from './hotp';
import { assertOtpAlgorithm, isOtpAlgorithm, type OtpAlgorithm } from './OtpAlgorithm';
import { OtpError, type OtpErrorCode } from './OtpError';
import { assertPeriod, MAX_PERIOD } from './totp';

/**
 * The Google Authenticator Key URI format,
 * `otpauth://TYPE/LABEL?PARAMETERS` (github.com/google/google-authenticator/wiki/Key-Uri-Format).
 *
 * Parsing is by hand, not with `URL`: WHATWG URL treats `otpauth:` as a non-special scheme, so
 * what lands in `host` vs `pathname` differs from what people expect and has differed between
 * engines. Decisions (the wiki leaves them open):
 * - scheme, TYPE, parameter names and the `algorithm` value are case-insensitive;
 * - surrounding whitespace (a QR scanner's trailing newline) is trimmed, a `#fragment` ignored;
 * - LABEL is percent-decoded as UTF-8 and split at its first `:` (literal or `%3A`) into the
 *   issuer prefix and the account; both are trimmed. In the label `+` is a literal plus, in
 *   parameter values it is a space (application/x-www-form-urlencoded, as URLSearchParams does);
 * - a non-empty `issuer` parameter wins over the label prefix;
 * - issuer and account are any well-formed Unicode text without control characters (\p{Cc}) and
 *   without surrounding whitespace; the account must not be empty. Bidi and other format
 *   characters (\p{Cf}) are allowed (emoji need ZWJ), so the UI must isolate them (`<bdi>`).
 *   Anything else is `URI_BAD_LABEL`, also for a bad `issuer` parameter (it is part of what the
 *   user sees as the label);
 * - a known parameter given twice is `URI_MALFORMED` rather than "first wins": a QR code that
 *   says two different things about the key is not one to guess about. Unknown parameters are
 *   ignored, duplicated or not;
 * - `period` is validated for both types (it round-trips), and used only by TOTP;
 *   `counter` is required for HOTP and ignored for TOTP;
 * - numbers are plain decimal digits (no sign, no fraction, no spaces).
 */
export interface KeyUri {
	/** `totp` (RFC 6238) or `hotp` (RFC 4226). */
	type: 'totp' | 'hotp';
	/** Who issued the key, e.g. `HRDK`; `''` when absent. */
	issuer: string;
	/** The account name (label part after `issuer:`), e.g. `홍길동`; never empty. */
	account: string;
	/** The shared secret, at least `MIN_SECRET_BYTES` bytes. */
	secret: Uint8Array;
	/** HMAC hash; `SHA1` when absent. */
	algorithm: OtpAlgorithm;
	/** Code length, 6..8; 6 when absent. */
	digits: number;
	/** Time step in seconds, 1..86400; 30 when absent. Present but ignored for HOTP. */
	period: number;
	/** Initial counter; present exactly when `type` is `hotp`. */
	counter?: number;
}

/** Longest URI we read: far above any real key URI, low enough to bound the work on hostile input. */
export const MAX_URI_LENGTH = 4096;
/** Shortest secret accepted: 80 bits, what Google Authenticator accepts (RFC 4226 §4 R6 recommends 160). */
export const MIN_SECRET_BYTES = 10;

const SCHEME = /^otpauth:\/\//i;
const KNOWN_PARAMETERS = new Set(['secret', 'issuer', 'algorithm', 'digits', 'period', 'counter']);
const CONTROL = /\p{Cc}/u;
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Reads a Key URI, e.g. `otpauth://totp/HRDK:%ED%99%8D%EA%B8%B8%EB%8F%99?secret=JBSWY3DPEHPK3PXP&issuer=HRDK`.
 *
 * @param uri - the URI text from a link, QR code or paste
 * @returns the key; `counter` is present only for HOTP
 * @throws {TypeError} when `uri` is not a string
 * @throws {OtpError} with a `URI_*` code when the URI is unusable (see the module comment)
 */
export function parseKeyUri(uri: string): KeyUri {
	if (typeof uri !== 'string') throw new TypeError(`uri must be a string, got ${typeof uri}`);
	if (uri.length > MAX_URI_LENGTH) fail('URI_TOO_LONG', `URI is longer than ${MAX_URI_LENGTH} characters`);
	const text = uri.trim();
	if (!SCHEME.test(text)) fail('URI_NOT_OTPAUTH', 'URI does not start with otpauth://');

	const [beforeFragment = ''] = text.slice('otpauth://'.length).split('#', 1);
	const [path, query] = splitOnce(beforeFragment, '?');
	const [rawType, rawLabel] = splitOnce(path, '/');

	const type = rawType.toLowerCase();
	if (type !== 'totp' && type !== 'hotp') fail('URI_BAD_TYPE', 'URI type must be totp or hotp');

	const params = parseQuery(query);
	const { labelIssuer, account } = parseLabel(rawLabel);
	const issuerParam = params.get('issuer')?.trim() ?? '';
	const issuer = issuerParam !== '' ? issuerParam : labelIssuer;
	if (!isLabelText(issuer)) fail('URI_BAD_LABEL', 'issuer contains control characters or unpaired surrogates');

	const key: KeyUri = {
		type,
		issuer,
		account,
		secret: parseSecret(params.get('secret')),
		algorithm: parseAlgorithm(params.get('algorithm')),
		digits: parseBoundedInteger(params.get('digits'), 6, MIN_DIGITS, MAX_DIGITS, 'URI_BAD_DIGITS', 'digits'),
		period: parseBoundedInteger(params.get('period'), 30, 1, MAX_PERIOD, 'URI_BAD_PERIOD', 'period')
	};
	if (type === 'hotp') {
		const counter = params.get('counter');
		if (counter === undefined) fail('URI_NO_COUNTER', 'hotp URI has no counter parameter');
		key.counter = parseBoundedInteger(counter, 0, 0, Number.MAX_SAFE_INTEGER, 'URI_BAD_COUNTER', 'counter');
	}
	return key;
}

/**
 * Writes a Key URI that `parseKeyUri` reads back deep-equal. Every parameter is written
 * explicitly (no reliance on defaults), the secret as unpadded base32.
 *
 * The label is `issuer:account` when the issuer has no `:`; otherwise it is the account alone
 * (prefixed by an empty issuer, `:account`, when the account itself contains `:`), and the
 * `issuer` parameter carries the issuer either way.
 *
 * @param k - a valid key; `counter` is ignored for TOTP
 * @returns the URI
 * @throws {TypeError} when a field has the wrong type
 * @throws {RangeError} when a field is out of range (see `KeyUri`), or the URI would exceed
 *   `MAX_URI_LENGTH` (possible for a key parsed from a long URI with raw, unencoded Unicode, since
 *   each such character grows to up to 9 characters of percent-encoding)
 */
export function formatKeyUri(k: KeyUri): string {
	if (typeof k !== 'object' || k === null) throw new TypeError('k must be a KeyUri object');
	if (k.type !== 'totp' && k.type !== 'hotp') throw new RangeError("k.type must be 'totp' or 'hotp'");
	assertLabelText(k.issuer, 'k.issuer', true);
	assertLabelText(k.account, 'k.account', false);
	if (!(k.secret instanceof Uint8Array)) throw new TypeError('k.secret must be a Uint8Array');
	if (k.secret.length < MIN_SECRET_BYTES) {
		throw new RangeError(`k.secret must be at least ${MIN_SECRET_BYTES} bytes, got ${k.secret.length}`);
	}
	assertOtpAlgorithm(k.algorithm, 'k.algorithm');
	assertDigits(k.digits);
	assertPeriod(k.period);

	const prefix = k.issuer !== '' && !k.issuer.includes(':') ? k.issuer : '';
	const label =
		prefix !== '' || k.account.includes(':')
			? `${encodeURIComponent(prefix)}:${encodeURIComponent(k.account)}`
			: encodeURIComponent(k.account);
	const params = [`secret=${encodeBase32(k.secret)}`];
	if (k.issuer !== '') params.push(`issuer=${encodeURIComponent(k.issuer)}`);
	params.push(`algorithm=${k.algorithm}`, `digits=${k.digits}`, `period=${k.period}`);
	if (k.type === 'hotp') {
		if (typeof k.counter !== 'number') throw new TypeError('k.counter must be a number for hotp');
		if (!Number.isSafeInteger(k.counter) || k.counter < 0) {
			throw new RangeError(`k.counter must be a safe non-negative integer, got ${k.counter}`);
		}
		params.push(`counter=${k.counter}`);
	}
	const uri = `otpauth://${k.type}/${label}?${params.join('&')}`;
	if (uri.length > MAX_URI_LENGTH) throw new RangeError(`the URI would exceed ${MAX_URI_LENGTH} characters`);
	return uri;
}

function fail(code: OtpErrorCode, message: string, cause?: unknown): never {
	throw new OtpError(code, message, cause === undefined ? undefined : { cause });
}

/** Splits at the first `separator`; the second part is `''` when it is absent. */
function splitOnce(text: string, separator: string): [string, string] {
	const at = text.indexOf(separator);
	return at === -1 ? [text, ''] : [text.slice(0, at), text.slice(at + separator.length)];
}

/** Known parameters by lower-cased name, percent-decoded (`+` as space). */
function parseQuery(query: string): Map<string, string> {
	const params = new Map<string, string>();
	for (const pair of query.split('&')) {
		if (pair === '') continue;
		const [rawName, rawValue] = splitOnce(pair, '=');
		const name = tryDecode(rawName.replaceAll('+', ' '))?.toLowerCase();
		if (name === undefined || !KNOWN_PARAMETERS.has(name)) continue;
		if (params.has(name)) fail('URI_MALFORMED', `parameter ${name} appears more than once`);
		const value = tryDecode(rawValue.replaceAll('+', ' '));
		if (value === undefined) fail('URI_MALFORMED', `parameter ${name} has malformed percent-encoding`);
		params.set(name, value);
	}
	return params;
}

function parseLabel(rawLabel: string): { labelIssuer: string; account: string } {
	const label = tryDecode(rawLabel);
	if (label === undefined) fail('URI_BAD_LABEL', 'label has malformed percent-encoding');
	const colon = label.indexOf(':');
	const labelIssuer = colon === -1 ? '' : label.slice(0, colon).trim();
	const account = label.slice(colon + 1).trim();
	if (account === '') fail('URI_BAD_LABEL', 'label has no account name');
	if (!isLabelText(labelIssuer) || !isLabelText(account)) fail('URI_BAD_LABEL', 'label contains control characters or unpaired surrogates');
	return { labelIssuer, account };
}

function parseSecret(value: string | undefined): Uint8Array {
	if (value === undefined) fail('URI_NO_SECRET', 'URI has no secret parameter');
	let secret: Uint8Array;
	try {
		secret = decodeBase32(value);
	} catch (cause) {
		if (cause instanceof OtpError && cause.code === 'BASE32_EMPTY') fail('URI_NO_SECRET', 'secret is empty', cause);
		fail('URI_BAD_SECRET', 'secret is not valid base32', cause);
	}
	if (secret.length < MIN_SECRET_BYTES) {
		fail('URI_SECRET_TOO_SHORT', `secret has ${secret.length} bytes, at least ${MIN_SECRET_BYTES} needed`);
	}
	return secret;
}

function parseAlgorithm(value: string | undefined): OtpAlgorithm {
	if (value === undefined) return 'SHA1';
	// ASCII first: 'ſha1'.toUpperCase() is 'SHA1'.
	const upper = /^[A-Za-z0-9]+$/.test(value) ? value.toUpperCase() : '';
	if (!isOtpAlgorithm(upper)) fail('URI_BAD_ALGORITHM', 'algorithm must be SHA1, SHA256 or SHA512');
	return upper;
}

function parseBoundedInteger(
	value: string | undefined,
	fallback: number,
	min: number,
	max: number,
	code: OtpErrorCode,
	name: string
): number {
	if (value === undefined) return fallback;
	const n = /^[0-9]{1,16}$/.test(value) ? Number(value) : NaN;
	if (!(n >= min && n <= max)) fail(code, `${name} must be a decimal integer from ${min} to ${max}`);
	return n;
}

function tryDecode(text: string): string | undefined {
	try {
		return decodeURIComponent(text);
	} catch {
		return undefined;
	}
}

/** Issuer/account text rule: well-formed UTF-16, no control characters, no surrounding whitespace (empty is fine here). */
function isLabelText(text: string): boolean {
	return !CONTROL.test(text) && !LONE_SURROGATE.test(text) && text === text.trim();
}

function assertLabelText(value: unknown, name: string, allowEmpty: boolean): asserts value is string {
	if (typeof value !== 'string') throw new TypeError(`${name} must be a string, got ${typeof value}`);
	if (!allowEmpty && value === '') throw new RangeError(`${name} must not be empty`);
	if (!isLabelText(value)) {
		throw new RangeError(`${name} must be well-formed text without control characters or surrounding whitespace`);
	}
}
