import type { RequestEvent } from '@sveltejs/kit';
import { getServices } from '../getServices';
import { hasConsoleSession } from './consoleSession';

/** Console routes anyone may reach: the login form itself (by route id, as the router resolved it). */
const PUBLIC_ROUTES = new Set(['/institute/login']);

/** Whether a console route is reachable without a session. */
export function isPublicConsoleRoute(routeId: string | null): boolean {
	return routeId !== null && PUBLIC_ROUTES.has(routeId);
}

/** Where a request without a live session is sent. */
export const LOGIN_PATH = '/institute/login';

/**
 * The console's gate, run in `hooks.server.ts` before any console load or form action, so a page
 * or action added later cannot forget to check the session. The caller decides that the request is
 * for the console by `event.route.id` (what the router resolved from the decoded path), and so does
 * this function: no spelling of a path can reach a console route without passing here.
 *
 * The console's layout `load` and every form action check again ({@link requireConsoleSession}),
 * so a mistake in one place is not an open door.
 *
 * @returns a redirect to the login form when there is no live session, otherwise `null`
 */
export async function consoleGate(event: Pick<RequestEvent, 'route' | 'cookies' | 'request'>): Promise<Response | null> {
	if (isPublicConsoleRoute(event.route.id)) return null;
	const services = await getServices();
	if (await hasConsoleSession(services, event.cookies)) return null;
	// A form action posted with `use:enhance` expects SvelteKit's JSON action result, not a 303.
	if (event.request.headers.get('x-sveltekit-action') === 'true') {
		return new Response(JSON.stringify({ type: 'redirect', status: 303, location: LOGIN_PATH }), {
			headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }
		});
	}
	return new Response(null, { status: 303, headers: { location: LOGIN_PATH, 'cache-control': 'no-store' } });
}
