import type { ApiError } from '../ApiError';
import { jsonReply, type ApiReply } from './ApiReply';

/**
 * `{ "error": { "code", "message", "field"? } }` with the error's status, plus `Retry-After`
 * for 429 and `WWW-Authenticate` for 401 (RFC 9110 §11.6.1 requires it on a 401).
 */
export function errorReply(error: ApiError, headers: Record<string, string> = {}): ApiReply {
	const extra: Record<string, string> = { ...headers };
	if (error.retryAfter !== undefined) extra['retry-after'] = String(error.retryAfter);
	if (error.status === 401) extra['www-authenticate'] = 'Bearer realm="mOTP institute API"';
	const body: { code: string; message: string; field?: string } = { code: error.code, message: error.message };
	if (error.field !== undefined) body.field = error.field;
	return jsonReply({ error: body }, error.status, extra);
}
