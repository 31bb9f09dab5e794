/**
 * What a scanned QR code (or a pasted text) asks the app to do. The institute's QR holds its
 * enrollment link (`https://ORIGIN/enroll#TOKEN`); other issuers' QR codes hold a key URI
 * (`otpauth://totp/…`, the Key Uri Format). Anything else is refused with a reason.
 */
export type ScanResult =
	/** A fragment for `/enroll` (`otpauth://…` or a one-time token), exactly as a link would carry it. */
	| { kind: 'enroll'; fragment: string }
	/** An 8-symbol enrollment code. */
	| { kind: 'code'; code: string }
	| { kind: 'refused'; code: ScanRefusal };

export type ScanRefusal =
	/** An enrollment link for another site: its token means nothing to this server. */
	| 'SCAN_OTHER_SITE'
	/** Not a key URI, enrollment link or code (a web page, a payment QR, …). */
	| 'SCAN_NOT_ENROLLMENT'
	| 'SCAN_EMPTY';

/** Enrollment codes: 8 of `23456789ABCDEFGHJKMNPQRSTVWXYZ`, shown as `XXXX-XXXX` (docs/api.md). */
const CODE = /^[2-9A-HJKMNP-TV-Z]{4}-?[2-9A-HJKMNP-TV-Z]{4}$/;

/**
 * Classifies decoded QR text. `origin` is this app's origin: only its own enrollment links are
 * followed, because a token can only be redeemed at the server that issued it.
 */
export function classifyScan(text: string, origin: string): ScanResult {
	if (typeof text !== 'string') throw new TypeError('classifyScan: text must be a string');
	const t = text.trim();
	if (t === '') return { kind: 'refused', code: 'SCAN_EMPTY' };
	if (/^otpauth(:|%3a)/i.test(t)) return { kind: 'enroll', fragment: t };
	if (CODE.test(t.toUpperCase())) return { kind: 'code', code: t.toUpperCase().replace('-', '') };
	let url: URL;
	try {
		url = new URL(t);
	} catch {
		return { kind: 'refused', code: 'SCAN_NOT_ENROLLMENT' };
	}
	if (url.pathname.replace(/\/$/, '') !== '/enroll' || url.hash.length <= 1) return { kind: 'refused', code: 'SCAN_NOT_ENROLLMENT' };
	if (url.origin !== origin) return { kind: 'refused', code: 'SCAN_OTHER_SITE' };
	return { kind: 'enroll', fragment: url.hash.slice(1) };
}
