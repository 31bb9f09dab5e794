import type { Handle, ServerInit } from '@sveltejs/kit';
import { building } from '$app/environment';
import { getServices } from '$lib/server/getServices';
import { consoleGate, isConsolePath } from '$lib/server/console/consoleGate';

/**
 * Opens the institute service at server start, so a generated API key is printed when the
 * operator is watching, not at the first request. Skipped while `vite build` prerenders (the
 * build must not touch the data directory or a database). A failure here is logged, not fatal:
 * the app's static pages still serve, and the first API request tries again.
 */
export const init: ServerInit = async () => {
	if (building) return;
	try {
		await getServices();
	} catch (error) {
		console.error('mOTP: the institute service could not start yet:', error instanceof Error ? error.message : error);
	}
};

/**
 * The institute console's session gate (every `/institute/**` load and form action except the
 * login form), then headers for every server-rendered answer (prerendered files are served before
 * hooks run): no framing (the console's unlock/revoke buttons must not be clickjackable), no MIME
 * sniffing, no referrer leaving the site (`same-origin`), and no caching of console pages.
 */
export const handle: Handle = async ({ event, resolve }) => {
	const console_ = isConsolePath(event.url.pathname);
	const response = (console_ && (await consoleGate(event))) || (await resolve(event));
	try {
		if (console_) response.headers.set('cache-control', 'no-store');
		response.headers.set('x-frame-options', 'DENY');
		response.headers.set('x-content-type-options', 'nosniff');
		// same-origin, not no-referrer: with no-referrer browsers send `Origin: null` on form POSTs,
		// and SvelteKit's CSRF check then refuses every console form action.
		response.headers.set('referrer-policy', 'same-origin');
	} catch {
		// Immutable headers (a proxied fetch response): leave them as they are.
	}
	return response;
};
