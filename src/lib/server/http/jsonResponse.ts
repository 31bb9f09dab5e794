/**
 * Headers every API answer carries. `no-store`: answers hold one-time secrets, per-trainee
 * state and the current time, none of which any cache (browser, proxy, service worker) may keep.
 */
export const API_HEADERS: Readonly<Record<string, string>> = Object.freeze({
	'content-type': 'application/json; charset=utf-8',
	'cache-control': 'no-store',
	'x-content-type-options': 'nosniff'
});

/** A JSON answer with {@link API_HEADERS}. */
export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
	return new Response(JSON.stringify(body), { status, headers: { ...API_HEADERS, ...headers } });
}
