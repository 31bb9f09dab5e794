import { ApiError } from '../ApiError';
import { errorResponse } from '../http/errorResponse';

/** A JSON 405 naming the allowed methods (RFC 9110 §15.5.6 requires `Allow`). */
export function methodNotAllowed(allow: string): Response {
	const response = errorResponse(new ApiError('METHOD_NOT_ALLOWED', `use ${allow}`));
	response.headers.set('allow', allow);
	return response;
}
