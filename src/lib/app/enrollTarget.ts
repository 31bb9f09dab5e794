import { parseKeyUri } from '$lib/otp/keyUri';
import { OtpError } from '$lib/otp/OtpError';
import type { AccountInput } from '$lib/vault/Vault';

/** What an `/enroll#…` fragment asks for. */
export type EnrollTarget =
	| { kind: 'empty' }
	| { kind: 'otpauth'; account: AccountInput }
	| { kind: 'token'; token: string }
	| { kind: 'invalid'; code: string };

/** One-time tokens issued by the institute service: base64url, at least 128 bits. */
const TOKEN = /^[A-Za-z0-9_-]{22,128}$/;

/**
 * Reads the fragment of an enrollment link. The fragment never reaches a server (RFC 3986 §3.5),
 * which is why both the otpauth URI and the one-time token ride there.
 * Accepts `#otpauth://…` as is, and also a fully percent-encoded `#otpauth%3A%2F%2F…`.
 */
export function parseEnrollFragment(hash: string): EnrollTarget {
	let text = hash.startsWith('#') ? hash.slice(1) : hash;
	text = text.trim();
	if (text === '') return { kind: 'empty' };
	if (/^otpauth%3a/i.test(text)) {
		try {
			text = decodeURIComponent(text);
		} catch {
			return { kind: 'invalid', code: 'URI_MALFORMED' };
		}
	}
	if (/^otpauth:/i.test(text)) {
		try {
			return { kind: 'otpauth', account: accountFromKeyUri(text) };
		} catch (e) {
			if (e instanceof OtpError || e instanceof UnsupportedKeyError) return { kind: 'invalid', code: e.code };
			throw e;
		}
	}
	if (TOKEN.test(text)) return { kind: 'token', token: text };
	return { kind: 'invalid', code: 'URI_NOT_OTPAUTH' };
}

/** A key URI that parses but that this app deliberately does not store. */
export class UnsupportedKeyError extends Error {
	readonly code = 'HOTP_UNSUPPORTED';
	constructor() {
		super('Counter-based (HOTP) keys are not supported; mOTP is time-based.');
		this.name = 'UnsupportedKeyError';
	}
}

/**
 * Turns a key URI into what the vault stores. HOTP is refused: mOTP is time-based, and a
 * counter that must be written back on every use would be a second, PIN-independent record to keep
 * consistent (docs/decisions.md).
 */
export function accountFromKeyUri(uri: string): AccountInput {
	const k = parseKeyUri(uri);
	if (k.type !== 'totp') throw new UnsupportedKeyError();
	return { issuer: k.issuer, account: k.account, secret: k.secret, algorithm: k.algorithm, digits: k.digits, period: k.period };
}
