/**
 * An API answer as plain data: status, headers and a JSON text. Endpoints return this rather than
 * a Web `Response`, so the fast path in front of SvelteKit (`serveApiFast`) writes it to Node's
 * socket directly, and the SvelteKit routes turn it into a `Response` (`toResponse`): one answer,
 * two servers, byte for byte the same (issue 15).
 */
export interface ApiReply {
	status: number;
	headers: Record<string, string>;
	body: string;
}

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
export function jsonReply(body: unknown, status = 200, headers: Record<string, string> = {}): ApiReply {
	return { status, headers: { ...API_HEADERS, ...headers }, body: JSON.stringify(body) };
}

/** The answer as a Web `Response` (the SvelteKit routes, and tests). */
export function toResponse(reply: ApiReply): Response {
	return new Response(reply.body, { status: reply.status, headers: reply.headers });
}
