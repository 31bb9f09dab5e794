import { ApiError } from '../ApiError';
import { toResponse, type ApiReply } from '../http/ApiReply';
import { errorReply } from '../http/errorReply';

/** A JSON 405 naming the allowed methods (RFC 9110 §15.5.6 requires `Allow`). */
export function methodNotAllowedReply(allow: string): ApiReply {
	return errorReply(new ApiError('METHOD_NOT_ALLOWED', `use ${allow}`), { allow });
}

/** {@link methodNotAllowedReply} as a `Response`, for the SvelteKit routes' `fallback`. */
export function methodNotAllowed(allow: string): Response {
	return toResponse(methodNotAllowedReply(allow));
}
