import { ApiError } from '../ApiError';

/** Largest accepted request body. Real bodies are under 300 bytes; this leaves room, not a DoS surface. */
export const MAX_BODY_BYTES = 8 * 1024;

/**
 * Reads and parses a JSON request body, refusing anything hostile with a 4xx:
 * a declared or actual size over {@link MAX_BODY_BYTES} (413, read stops at the limit, so a
 * huge body is never buffered), a non-JSON content type (415), invalid UTF-8 or JSON (400).
 */
export async function readJsonBody(request: Request): Promise<unknown> {
	const type = request.headers.get('content-type');
	if (type !== null && !/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type.trim())) {
		throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json');
	}
	const declared = Number(request.headers.get('content-length') ?? '0');
	if (declared > MAX_BODY_BYTES) throw tooLarge();

	const bytes = await readLimited(request);
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		throw ApiError.badRequest('body', 'the body is not valid UTF-8');
	}
	if (text.trim() === '') throw ApiError.badRequest('body', 'a JSON body is required');
	try {
		return JSON.parse(text);
	} catch {
		throw ApiError.badRequest('body', 'the body is not valid JSON');
	}
}

async function readLimited(request: Request): Promise<Uint8Array> {
	if (!request.body) return new Uint8Array(0);
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			size += value.byteLength;
			if (size > MAX_BODY_BYTES) {
				await reader.cancel().catch(() => {});
				throw tooLarge();
			}
			chunks.push(value);
		}
	} catch (error) {
		if (error instanceof ApiError) throw error;
		throw ApiError.badRequest('body', 'the body could not be read');
	}
	const out = new Uint8Array(size);
	let at = 0;
	for (const c of chunks) {
		out.set(c, at);
		at += c.byteLength;
	}
	return out;
}

function tooLarge(): ApiError {
	return new ApiError('PAYLOAD_TOO_LARGE', `the body must be at most ${MAX_BODY_BYTES} bytes`);
}
