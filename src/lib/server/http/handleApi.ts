import { ApiError } from '../ApiError';
import { getServices } from '../getServices';
import type { Services } from '../institute/Services';
import type { ApiHandler } from './ApiContext';
import { errorResponse } from './errorResponse';

/** The parts of SvelteKit's `RequestEvent` an API endpoint uses (tests build one by hand). */
export interface ApiEvent {
	request: Request;
	url: URL;
	params: Partial<Record<string, string>>;
	getClientAddress: () => string;
}

/**
 * Runs an endpoint with the process services and turns every failure into JSON: an `ApiError`
 * into its status and code, anything else into a generic 500 that is logged without the request
 * body or headers (they may hold keys, tokens or codes). Bad input therefore never surfaces as an
 * unexplained 500, and a bug never leaks details.
 *
 * @param services - injected by tests; the process-wide services otherwise
 */
export async function handleApi(event: ApiEvent, handler: ApiHandler, services?: Services): Promise<Response> {
	try {
		const s = services ?? (await getServices());
		return await handler({
			request: event.request,
			url: event.url,
			params: event.params,
			services: s,
			clientAddress: clientAddress(event)
		});
	} catch (error) {
		if (error instanceof ApiError && error.code !== 'INTERNAL') return errorResponse(error);
		console.error(`mOTP: ${event.request.method} ${event.url.pathname} failed:`, describe(error));
		return errorResponse(new ApiError('INTERNAL', 'internal error'));
	}
}

/**
 * adapter-node throws when `ADDRESS_HEADER` is configured but absent, and answers `undefined` when
 * the client's socket has already closed (found by the raw-HTTP fuzzer); neither may be a 500.
 */
function clientAddress(event: ApiEvent): string {
	try {
		return event.getClientAddress() || 'unknown';
	} catch {
		return 'unknown';
	}
}

/** Name, message and stack only: never a request, a row or a cause chain that might carry data. */
function describe(error: unknown): string {
	if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
	return typeof error;
}
