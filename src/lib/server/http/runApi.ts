import { ApiError } from '../ApiError';
import type { ApiContext, ApiHandler } from './ApiContext';
import type { ApiReply } from './ApiReply';
import { errorReply } from './errorReply';
import { toApiError } from './toApiError';

/**
 * Runs an endpoint and turns every failure into JSON, for both servers (SvelteKit's routes through
 * `handleApi`, and the fast path `serveApiFast`): an `ApiError` into its status and code, anything
 * else into a generic 500 that is logged without the request body or headers (they may hold keys,
 * tokens or codes). Bad input therefore never surfaces as an unexplained 500, and a bug never
 * leaks details.
 *
 * @param context - builds the context (it may fail, e.g. when the services cannot start)
 */
export async function runApi(method: string, pathname: string, context: () => Promise<ApiContext>, handler: ApiHandler): Promise<ApiReply> {
	try {
		return await handler(await context());
	} catch (error) {
		const refusal = toApiError(error);
		if (refusal && refusal.code !== 'INTERNAL') {
			if (refusal.code === 'STORED_SECRET_INVALID') console.error(`mOTP: SECURITY: ${method} ${pathname}:`, describe(error));
			return errorReply(refusal);
		}
		console.error(`mOTP: ${method} ${pathname} failed:`, describe(error));
		return errorReply(new ApiError('INTERNAL', 'internal error'));
	}
}

/** Name, message and stack only: never a request, a row or a cause chain that might carry data. */
function describe(error: unknown): string {
	if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
	return typeof error;
}
