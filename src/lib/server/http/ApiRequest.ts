import { concatBytes } from '$lib/crypto/bytes';

/**
 * What an endpoint reads of a request, whichever server received it: SvelteKit's Web `Request`
 * ({@link fromWebRequest}) or Node's `IncomingMessage` on the fast path (`serveApiFast`).
 */
export interface ApiRequest {
	readonly method: string;
	readonly headers: { get(name: string): string | null };
	/**
	 * The body's bytes, reading at most `limit` of them: `'too-large'` as soon as more arrive (the
	 * rest is never buffered), `'unreadable'` when the stream fails.
	 */
	readBody(limit: number): Promise<Uint8Array | 'too-large' | 'unreadable'>;
}

/** An {@link ApiRequest} over a Web `Request`. */
export function fromWebRequest(request: Request): ApiRequest {
	return {
		method: request.method,
		headers: request.headers,
		async readBody(limit) {
			if (!request.body) return new Uint8Array(0);
			const reader = request.body.getReader();
			const chunks: Uint8Array[] = [];
			let size = 0;
			try {
				for (;;) {
					const { done, value } = await reader.read();
					if (done) break;
					size += value.byteLength;
					if (size > limit) {
						await reader.cancel().catch(() => {});
						return 'too-large';
					}
					chunks.push(value);
				}
			} catch {
				return 'unreadable';
			}
			return chunks.length === 1 ? chunks[0]! : concatBytes(...chunks);
		}
	};
}
