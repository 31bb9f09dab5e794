import { getServices } from '../getServices';
import type { Services } from '../institute/Services';
import type { ApiHandler } from './ApiContext';
import { toResponse } from './ApiReply';
import { fromWebRequest } from './ApiRequest';
import { runApi } from './runApi';

/** The parts of SvelteKit's `RequestEvent` an API endpoint uses (tests build one by hand). */
export interface ApiEvent {
	request: Request;
	url: URL;
	params: Partial<Record<string, string>>;
	getClientAddress: () => string;
}

/**
 * An endpoint behind a SvelteKit route (`src/routes/api/**\/+server.ts`): `node build/index.js`,
 * `vite dev`/`preview`, the tests, and every `/api` request the fast path (`serveApiFast`) leaves
 * to SvelteKit. Errors become JSON as described at {@link runApi}.
 *
 * @param services - injected by tests; the process-wide services otherwise
 */
export async function handleApi(event: ApiEvent, handler: ApiHandler, services?: Services): Promise<Response> {
	const reply = await runApi(
		event.request.method,
		event.url.pathname,
		async () => ({
			request: fromWebRequest(event.request),
			url: event.url,
			params: event.params,
			services: services ?? (await getServices()),
			clientAddress: clientAddress(event)
		}),
		handler
	);
	return toResponse(reply);
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
