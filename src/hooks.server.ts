import type { Handle, ServerInit } from '@sveltejs/kit';
import { building } from '$app/environment';
import { getServices } from '$lib/server/getServices';

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
 * Headers for every server-rendered answer (prerendered files are served before hooks run):
 * no framing (the console's unlock/revoke buttons must not be clickjackable), no MIME sniffing,
 * and no referrer leaving the site.
 */
export const handle: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	try {
		response.headers.set('x-frame-options', 'DENY');
		response.headers.set('x-content-type-options', 'nosniff');
		response.headers.set('referrer-policy', 'no-referrer');
	} catch {
		// Immutable headers (a proxied fetch response): leave them as they are.
	}
	return response;
};
