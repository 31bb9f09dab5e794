import type { RequestHandler } from '@sveltejs/kit';
import { handleApi } from '../http/handleApi';
import { allowed, apiRoute, NO_SERVICES, type ApiMethod } from './apiRoutes';
import { methodNotAllowed } from './methodNotAllowed';

/**
 * The SvelteKit handlers of one API route from `API_ROUTES`: a handler per method it answers, and
 * a `fallback` that answers JSON 405 with `Allow` for any other. A route's `+server.ts` is then
 * `export const { POST, fallback } = kitRoute('/api/v1/verify')`.
 */
export function kitRoute(id: string): Partial<Record<ApiMethod, RequestHandler>> & { fallback: RequestHandler } {
	const route = apiRoute(id);
	const out: Partial<Record<ApiMethod, RequestHandler>> & { fallback: RequestHandler } = { fallback: () => methodNotAllowed(allowed(route)) };
	for (const [method, handler] of Object.entries(route.methods) as [ApiMethod, NonNullable<(typeof route.methods)[ApiMethod]>][]) {
		out[method] = (event) => handleApi(event, handler, route.services ? undefined : NO_SERVICES);
	}
	return out;
}
