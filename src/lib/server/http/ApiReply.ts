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
	/**
	 * A body too large to build as one string (the audit export): sent in chunks as they come, with
	 * no `content-length`; `body` is then ignored. A failure part-way ends the connection abruptly,
	 * so the client sees a cut-off download, never a complete-looking one.
	 */
	stream?: AsyncIterable<string>;
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

/** A streamed answer (see {@link ApiReply.stream}). */
export function streamReply(stream: AsyncIterable<string>, headers: Record<string, string>, status = 200): ApiReply {
	return { status, headers: { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers }, body: '', stream };
}

/** The answer as a Web `Response` (the SvelteKit routes, and tests). */
export function toResponse(reply: ApiReply): Response {
	if (reply.stream) return new Response(webStream(reply.stream), { status: reply.status, headers: reply.headers });
	return new Response(reply.body, { status: reply.status, headers: reply.headers });
}

/** Chunks as a byte stream, pulled as the client reads (backpressure); an error aborts the stream. */
function webStream(source: AsyncIterable<string>): ReadableStream<Uint8Array> {
	const iterator = source[Symbol.asyncIterator]();
	const encoder = new TextEncoder();
	return new ReadableStream<Uint8Array>({
		async pull(controller) {
			try {
				const { value, done } = await iterator.next();
				if (done) controller.close();
				else controller.enqueue(encoder.encode(value));
			} catch (error) {
				console.error('mOTP: a streamed answer failed part-way:', error instanceof Error ? error.message : typeof error);
				controller.error(error);
			}
		},
		async cancel() {
			await iterator.return?.();
		}
	});
}
