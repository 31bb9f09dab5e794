import { ApiError } from '../ApiError';
import type { ApiRequest } from './ApiRequest';

/** Largest accepted request body. Real bodies are under 300 bytes; this leaves room, not a DoS surface. */
export const MAX_BODY_BYTES = 8 * 1024;

/**
 * Reads and parses a JSON request body, refusing anything hostile with a 4xx:
 * a declared or actual size over {@link MAX_BODY_BYTES} (413, read stops at the limit, so a
 * huge body is never buffered), a non-JSON content type (415), invalid UTF-8 or JSON (400).
 */
export async function readJsonBody(request: ApiRequest): Promise<unknown> {
	const type = request.headers.get('content-type');
	if (type !== null && !/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type.trim())) {
		throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json');
	}
	const declared = Number(request.headers.get('content-length') ?? '0');
	if (declared > MAX_BODY_BYTES) throw tooLarge();

	const bytes = await request.readBody(MAX_BODY_BYTES);
	if (bytes === 'too-large') throw tooLarge();
	if (bytes === 'unreadable') throw ApiError.badRequest('body', 'the body could not be read');
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

function tooLarge(): ApiError {
	return new ApiError('PAYLOAD_TOO_LARGE', `the body must be at most ${MAX_BODY_BYTES} bytes`);
}
