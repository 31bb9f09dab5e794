import type { ApiError } from '../ApiError';
import { jsonResponse } from './jsonResponse';

/**
 * `{ "error": { "code", "message", "field"? } }` with the error's status, plus `Retry-After`
 * for 429 and `WWW-Authenticate` for 401 (RFC 9110 §11.6.1 requires it on a 401).
 */
export function errorResponse(error: ApiError): Response {
	const headers: Record<string, string> = {};
	if (error.retryAfter !== undefined) headers['retry-after'] = String(error.retryAfter);
	if (error.status === 401) headers['www-authenticate'] = 'Bearer realm="mOTP institute API"';
	const body: { code: string; message: string; field?: string } = { code: error.code, message: error.message };
	if (error.field !== undefined) body.field = error.field;
	return jsonResponse({ error: body }, error.status, headers);
}
