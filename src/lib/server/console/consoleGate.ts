import type { RequestEvent } from '@sveltejs/kit';
import { getServices } from '../getServices';
import { hasConsoleSession } from './consoleSession';

/** Console paths anyone may reach: the login form itself. */
const PUBLIC = new Set(['/institute/login']);

/** Whether a path belongs to the institute console. */
export function isConsolePath(pathname: string): boolean {
	return pathname === '/institute' || pathname.startsWith('/institute/');
}

/**
 * The console's single gate, run in `hooks.server.ts` before any console load or form action,
 * so a page or action added later cannot forget to check the session.
 * @returns a redirect to the login form when there is no live session, otherwise `null`
 */
export async function consoleGate(event: Pick<RequestEvent, 'url' | 'cookies' | 'request'>): Promise<Response | null> {
	// Client-side navigation fetches `<page>/__data.json`; it is as public as the page.
	if (PUBLIC.has(event.url.pathname.replace(/\/__data\.json$/, ''))) return null;
	const services = await getServices();
	if (await hasConsoleSession(services, event.cookies)) return null;
	const location = '/institute/login';
	// A form action posted with `use:enhance` expects SvelteKit's JSON action result, not a 303.
	if (event.request.headers.get('x-sveltekit-action') === 'true') {
		return new Response(JSON.stringify({ type: 'redirect', status: 303, location }), {
			headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }
		});
	}
	return new Response(null, { status: 303, headers: { location, 'cache-control': 'no-store' } });
}
