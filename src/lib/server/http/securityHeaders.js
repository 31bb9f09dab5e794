// Plain JavaScript (typed by JSDoc) because three places load it: svelte.config.js (kit.csp),
// src/hooks.server.ts (server-rendered answers) and server.js (every answer, prerendered files
// included), and server.js runs under plain node, outside the Vite build.
import { createHash } from 'node:crypto';

/** @typedef {import('./requestKind.js').RequestKind} RequestKind */

/**
 * The one inline style attribute the app cannot avoid: SvelteKit's route announcer
 * (`@sveltejs/kit/src/core/sync/write_root.js`) is a `<div style="…">` in Kit's generated root
 * component. CSP3 lets exactly this attribute value through with `'unsafe-hashes'` plus its hash,
 * without opening style attributes in general. securityHeaders.test.ts checks it against Kit's
 * source, so an upgrade that changes it fails a test; app.css repeats the rules, so the
 * announcer stays hidden even then.
 */
export const ANNOUNCER_STYLE =
	'position: absolute; left: 0; top: 0; clip: rect(0 0 0 0); clip-path: inset(50%); overflow: hidden; white-space: nowrap; width: 1px; height: 1px';

/**
 * The one Content Security Policy, as SvelteKit's `kit.csp.directives`. Kit adds the hash of each
 * page's inline bootstrap script to `script-src`; nothing else inline runs. No 'unsafe-inline'
 * anywhere (the app's styles are all in .css files, and Svelte sets dynamic styles through the
 * CSSOM, which CSP does not govern; the one exception is {@link ANNOUNCER_STYLE}), no
 * 'unsafe-eval', no other origin, and no WebAssembly: only worker scripts get
 * 'wasm-unsafe-eval' ({@link WORKER_SCRIPT_SRC}).
 *
 * `frame-ancestors` cannot be delivered in a `<meta>` tag (Kit drops it there): it reaches the
 * browser through the HTTP header only.
 *
 * @type {Record<string, string[]>}
 */
export const CSP_DIRECTIVES = {
	'default-src': ['self'],
	'script-src': ['self'],
	'style-src': ['self'],
	'style-src-attr': ['unsafe-hashes', `sha256-${createHash('sha256').update(ANNOUNCER_STYLE).digest('base64')}`],
	'img-src': ['self', 'data:', 'blob:'],
	'font-src': ['self'],
	'connect-src': ['self'],
	'worker-src': ['self'],
	'manifest-src': ['self'],
	'object-src': ['none'],
	'base-uri': ['none'],
	'form-action': ['self'],
	'frame-ancestors': ['none']
};

/**
 * `script-src` of a Web Worker script's own answer. A dedicated worker loaded from a URL runs under
 * the policy delivered with its script, not its page's (CSP3 §4.2.2 "Initialize a global object's
 * CSP list"; HTML "run a worker"), so WebAssembly can be compiled in our workers — the QR decoder's
 * ZXing build — while no document, the console included, may compile any. It does not allow eval()
 * of JavaScript.
 */
export const WORKER_SCRIPT_SRC = ['self', 'wasm-unsafe-eval'];

/** The keywords CSP writes in single quotes (as Kit's serialiser does). */
const QUOTED = new Set(['self', 'none', 'unsafe-inline', 'unsafe-eval', 'unsafe-hashes', 'strict-dynamic', 'wasm-unsafe-eval', 'report-sample']);

/**
 * Serialises directives, appending `scriptHashes` (`sha256-…`) to `script-src`.
 * @param {Record<string, string[]>} directives
 * @param {readonly string[]} [scriptHashes]
 * @returns {string}
 */
export function serializeCsp(directives, scriptHashes = []) {
	return Object.entries(directives)
		.map(([name, values]) => {
			const all = name === 'script-src' ? [...values, ...scriptHashes] : values;
			const words = all.map((v) => (QUOTED.has(v) || /^sha(256|384|512)-/.test(v) ? `'${v}'` : v));
			return [name, ...words].join(' ');
		})
		.join('; ');
}

/**
 * The inline-script hashes a prerendered page's `<meta http-equiv="content-security-policy">`
 * allows (Kit writes one per page: the hash of its bootstrap script).
 * @param {string} html
 * @returns {string[]} e.g. `['sha256-…']`
 */
export function metaScriptHashes(html) {
	const meta = /<meta\s+http-equiv="content-security-policy"\s+content="([^"]*)"/i.exec(html);
	if (!meta) return [];
	const scriptSrc = (meta[1] ?? '').split(';').map((d) => d.trim().split(/\s+/)).find(([name]) => name === 'script-src');
	return (scriptSrc ?? []).slice(1).flatMap((v) => /^'(sha(?:256|384|512)-[A-Za-z0-9+/=]+)'$/.exec(v)?.[1] ?? []);
}

/**
 * The Content-Security-Policy header for one answer.
 *
 * - Server-rendered pages already carry Kit's header (with their script hash); it is kept, and
 *   `frame-ancestors 'none'` is added if it is missing.
 * - Everything else (prerendered HTML served as static files, scripts, the service worker,
 *   JSON, images) gets {@link CSP_DIRECTIVES} plus `scriptHashes`: the hashes of the
 *   prerendered pages' bootstrap scripts. A prerendered page then runs under two policies, this
 *   header and its own meta tag, and a script must pass both, so the page's own meta tag narrows
 *   the header down to exactly its own bootstrap script. The same header on the service worker
 *   script is the worker's policy (workers ignore the page's).
 *
 * - A worker script (kind `worker`) gets the same, with {@link WORKER_SCRIPT_SRC}.
 *
 * @param {string | null | undefined} existing - the CSP header the answer already has
 * @param {readonly string[]} scriptHashes
 * @param {RequestKind} [kind]
 * @returns {string}
 */
export function cspHeader(existing, scriptHashes, kind = 'app') {
	if (existing) return /(^|;)\s*frame-ancestors\s/i.test(existing) ? existing : `${existing}; frame-ancestors 'none'`;
	if (kind === 'worker') return serializeCsp({ ...CSP_DIRECTIVES, 'script-src': WORKER_SCRIPT_SRC });
	return serializeCsp(CSP_DIRECTIVES, scriptHashes);
}

/**
 * The camera (for scanning an enrollment QR code) and passkeys (WebAuthn) for our own origin
 * only, and no other powerful feature for anyone. Only features browsers recognise: Chromium
 * logs "Unrecognized feature" on every page for others (`bluetooth` was one; it is not a
 * policy-controlled feature there, and `frame-ancestors 'none'` keeps every other site's frames out anyway).
 */
export const PERMISSIONS_POLICY =
	'camera=(self), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), ' +
	'publickey-credentials-get=(self), publickey-credentials-create=(self)';

/**
 * The response header in which `hooks.server.ts` tells `server.js` the kind of the route the router
 * resolved. server.js removes it before the answer leaves the process.
 */
export const ROUTE_KIND_HEADER = 'x-motp-route-kind';

/** One year: the usual HSTS lifetime. No `includeSubDomains`: we do not own the operator's other hosts. */
export const HSTS = 'max-age=31536000';

/**
 * The headers every answer carries, whatever served it, except the CSP (see {@link cspHeader}).
 *
 * - `Referrer-Policy: no-referrer` for the trainee app and the API. The console gets
 *   `same-origin`: under `no-referrer` browsers send `Origin: null` on form POSTs and SvelteKit's
 *   CSRF check refuses every console action; `same-origin` still tells other sites nothing.
 * - `Cache-Control: no-store` for the API (one-time secrets, per-trainee state, the time) and the
 *   console (trainee lists, QR codes); static files keep the caching their server chose.
 * - HSTS only when the request arrived over HTTPS (browsers ignore it over plain HTTP anyway,
 *   RFC 6797 §8.1, but a header that cannot apply should not be sent).
 *
 * The kind comes from the route the router resolved where there is one (hooks.server.ts), and
 * from the canonical form of the request target otherwise (server.js; src/lib/server/http/requestKind.js),
 * never from the raw path alone: `/%69nstitute/…` is the console too.
 *
 * @param {{ kind: RequestKind, https: boolean }} request
 * @returns {Record<string, string>}
 */
export function securityHeaders({ kind, https }) {
	const console_ = kind === 'console';
	/** @type {Record<string, string>} */
	const headers = {
		'x-content-type-options': 'nosniff',
		'referrer-policy': console_ ? 'same-origin' : 'no-referrer',
		'permissions-policy': PERMISSIONS_POLICY,
		// Older browsers ignore CSP frame-ancestors; this says the same to them.
		'x-frame-options': 'DENY',
		// No other site's window keeps a handle on ours, and no other site may embed our files.
		'cross-origin-opener-policy': 'same-origin',
		'cross-origin-resource-policy': 'same-origin'
	};
	if (console_ || kind === 'api' || kind === 'hosted') headers['cache-control'] = 'no-store';
	if (https) headers['strict-transport-security'] = HSTS;
	return headers;
}

/**
 * Whether a request arrived over HTTPS: a TLS socket, or a trusted proxy's protocol header
 * (adapter-node's own `PROTOCOL_HEADER` setting names it; without that setting no header is
 * believed, because a client could send it), or an `ORIGIN` that is `https:` (the operator says
 * the public site is HTTPS, so whatever reaches us came through their TLS terminator).
 *
 * @param {{ encrypted: boolean, protocolHeader?: string, headerValue?: string | string[] | null, origin?: string }} r
 * @returns {boolean}
 */
export function arrivedOverHttps({ encrypted, protocolHeader, headerValue, origin }) {
	if (encrypted) return true;
	if (origin && /^https:\/\//i.test(origin.trim())) return true;
	if (protocolHeader) {
		const value = Array.isArray(headerValue) ? headerValue[0] : headerValue;
		// A proxy chain may append: `https, http`. The first entry is the client's side.
		return (value ?? '').split(',')[0]?.trim().toLowerCase() === 'https';
	}
	return false;
}
