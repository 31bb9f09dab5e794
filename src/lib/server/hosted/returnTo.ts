/**
 * Where the hosted verification page (`/v`) may send a trainee back: a URL under one of the
 * prefixes the institute registered for the LMS client (issue 16).
 *
 * Matching is on the parsed URL — scheme, host and port equal (the origin), and the path equal to
 * the prefix's path or below it at a `/` boundary — never on the raw string. Before parsing, every
 * spelling that different parsers read differently is refused outright: anything but visible ASCII
 * (spaces, controls, non-ASCII), backslashes (WHATWG URL reads them as `/`), userinfo (`@` before the
 * host), percent-encoded dots, slashes or backslashes, dot segments, a fragment, and anything that
 * is not an absolute `https://` URL (`//evil`, `javascript:`, `/relative`). Plain `http://` is allowed
 * only for loopback hosts (an LMS under development and the tests).
 */

/** A registered prefix: an origin and a path (`/` or a path without a trailing slash). */
export interface ReturnPrefix {
	origin: string;
	path: string;
}

const VISIBLE_ASCII = /^[\x21-\x7e]+$/;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The parsed URL when `raw` passes every check above (except the prefix), else `null`. */
function strictUrl(raw: string, maxLength: number): URL | null {
	if (raw.length === 0 || raw.length > maxLength || !VISIBLE_ASCII.test(raw)) return null;
	if (raw.includes('\\') || raw.includes('#')) return null;
	// %25 too: an LMS that decodes twice would read %252e%252e as a dot segment.
	if (/%(2e|2f|5c|00|25)/i.test(raw)) return null;
	const scheme = /^(https?):\/\/([^/?]*)/i.exec(raw);
	if (!scheme) return null;
	const authority = scheme[2]!;
	if (authority === '' || authority.includes('@') || authority.includes('%')) return null;
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		return null;
	}
	if (url.username !== '' || url.password !== '') return null;
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) return null;
	// Dot segments: the raw path must already be in the form the parser leaves it in.
	const rawPath = raw.slice(scheme[0].length).split('?')[0]!;
	// Empty segments (`//`) and path parameters (`;`: Tomcat and Spring resolve `/course/..;/admin`
	// to `/admin`) would let a path step out of its prefix on some LMS servers.
	const segments = rawPath.split('/').slice(1);
	if (segments.some((segment, i) => segment === '.' || segment === '..' || segment.includes(';') || (segment === '' && i < segments.length - 1))) return null;
	return url;
}

/**
 * Reads a prefix for registration: an absolute https URL (http for loopback) without query,
 * fragment or userinfo. A trailing slash is dropped, so `https://lms.example/course/` and
 * `https://lms.example/course` both mean "`/course` and below".
 * @returns the prefix, or `null` when it is not acceptable
 */
export function parseReturnPrefix(raw: string): ReturnPrefix | null {
	const url = strictUrl(raw, 512);
	if (!url || url.search !== '' || raw.includes('?')) return null;
	const path = url.pathname === '/' ? '/' : url.pathname.replace(/\/+$/, '') || '/';
	return { origin: url.origin, path };
}

/** The prefix as text, as shown back to the institute. */
export function prefixText(prefix: ReturnPrefix): string {
	return prefix.path === '/' ? `${prefix.origin}/` : `${prefix.origin}${prefix.path}`;
}

/**
 * The parsed `return_to` when it lies under one of `prefixes`, else `null`.
 * The result is what the page redirects to (with the signed result added to its query).
 */
export function matchReturnTo(raw: string, prefixes: readonly ReturnPrefix[]): URL | null {
	const url = strictUrl(raw, 2048);
	if (!url) return null;
	for (const p of prefixes) {
		if (url.origin !== p.origin) continue;
		if (p.path === '/' || url.pathname === p.path || url.pathname.startsWith(`${p.path}/`)) return url;
	}
	return null;
}
