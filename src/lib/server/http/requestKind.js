// Plain JavaScript (typed by JSDoc): server.js runs under plain node, outside the Vite build, and
// classifies every answer with it; hooks.server.ts classifies by the route the router resolved.

/**
 * What an answer belongs to, for choosing its headers:
 * - `console`: the institute console (per-session pages, form actions, trainee data);
 * - `api`: the JSON API;
 * - `worker`: a bundled Web Worker script (`/_app/immutable/workers/…`), the only kind of script
 *   allowed to compile WebAssembly (docs/threat-model.md, "The Content Security Policy");
 * - `hosted`: the hosted verification page an LMS sends trainees to (`/v`, issue 16): per-request
 *   pages with a signed request in the URL; `no-store`, `no-referrer`, never framed;
 * - `app`: everything else (the trainee app's pages, scripts, styles, images, the manifest).
 * @typedef {'console' | 'api' | 'hosted' | 'worker' | 'app'} RequestKind
 */

/**
 * Kinds ordered from least to most restrictive headers; see {@link stricterKind}. `worker` is the
 * least restrictive (its scripts may compile WebAssembly), so it is only ever the answer when
 * nothing else claims the request.
 */
const STRICTNESS = /** @type {const} */ (['worker', 'app', 'hosted', 'api', 'console']);

/**
 * The kind of a route the SvelteKit router resolved (`event.route.id`, e.g. `/institute/trainees`,
 * `/api/v1/verify`, `/(app)/settings`), or `null` when no route matched. This is the truth for
 * everything that passes through `hooks.server.ts`: the router matched the decoded path, so no
 * spelling of the URL can make a console route look like something else.
 * @param {string | null | undefined} routeId
 * @returns {RequestKind | null}
 */
export function kindOfRoute(routeId) {
	if (routeId === null || routeId === undefined) return null;
	if (routeId === '/institute' || routeId.startsWith('/institute/')) return 'console';
	if (routeId === '/api' || routeId.startsWith('/api/')) return 'api';
	if (routeId === '/v' || routeId.startsWith('/v/')) return 'hosted';
	return 'app';
}

/**
 * The kind of a raw request target, for answers that never reach the router (prerendered pages and
 * static files, which adapter-node serves before the hooks run) and as a floor for those that do.
 *
 * The target is first brought to the form any router or file server might see: the origin of an
 * absolute-form target is dropped, the query and fragment cut off, percent-encoding decoded (up to
 * three times, so `%2569` counts as `i` too), backslashes read as slashes, runs of slashes collapsed,
 * dot segments resolved (RFC 3986 §5.2.4) and letters lower-cased. Reading more spellings as the
 * console than the router does only ever gives an answer the stricter headers, which is the safe
 * mistake. Never throws (a fuzzer once found a target that made `new URL()` throw here).
 * @param {string | undefined} target - `req.url`
 * @returns {RequestKind}
 */
export function kindOfTarget(target = '/') {
	const path = canonicalPath(target);
	if (path === '/institute' || path.startsWith('/institute/')) return 'console';
	if (path === '/api' || path.startsWith('/api/')) return 'api';
	if (path === '/v' || path.startsWith('/v/')) return 'hosted';
	if (path.startsWith('/_app/immutable/workers/')) return 'worker';
	return 'app';
}

/**
 * The more restrictive of two kinds (`console` > `api` > `hosted` > `app` > `worker`), so that the router's
 * verdict and the raw target's can be combined without either one loosening the other.
 * @param {RequestKind} a
 * @param {RequestKind | null} b
 * @returns {RequestKind}
 */
export function stricterKind(a, b) {
	if (b === null) return a;
	return STRICTNESS.indexOf(a) >= STRICTNESS.indexOf(b) ? a : b;
}

/**
 * See {@link kindOfTarget}.
 * @param {string} target
 * @returns {string} an absolute path, lower-case, without dot segments or empty segments
 */
export function canonicalPath(target) {
	let path = String(target)
		.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '')
		.split(/[?#]/)[0] ?? '';
	for (let i = 0; i < 3 && path.includes('%'); i++) {
		const decoded = decodeLenient(path);
		if (decoded === path) break;
		path = decoded;
	}
	const out = [];
	for (const segment of path.replace(/\\/g, '/').split('/')) {
		if (segment === '' || segment === '.') continue;
		if (segment === '..') out.pop();
		else out.push(segment);
	}
	return `/${out.join('/')}`.toLowerCase();
}

/**
 * `decodeURIComponent` that decodes what it can: a malformed escape (`%zz`, a lone `%`, invalid
 * UTF-8) is left as it is instead of throwing.
 * @param {string} s
 */
function decodeLenient(s) {
	try {
		return decodeURIComponent(s);
	} catch {
		return s.replace(/%[0-9a-f]{2}/gi, (escape) => {
			const byte = parseInt(escape.slice(1), 16);
			return byte < 0x80 ? String.fromCharCode(byte) : escape;
		});
	}
}
