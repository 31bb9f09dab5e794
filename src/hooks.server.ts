import type { Handle, ServerInit } from '@sveltejs/kit';
import { building } from '$app/environment';
import { getServices } from '$lib/server/getServices';
import { consoleGate, isConsolePath } from '$lib/server/console/consoleGate';
import { securityHeaders } from '$lib/server/http/securityHeaders.js';

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
 * login form), then the security headers (src/lib/server/http/securityHeaders.js) on every
 * server-rendered answer. server.js (`npm start`) sets the same headers on every answer again,
 * prerendered files included, which never pass through here; these keep `node build/index.js`
 * and `vite preview` close to production.
 */
export const handle: Handle = async ({ event, resolve }) => {
	const console_ = isConsolePath(event.url.pathname);
	const response = (console_ && (await consoleGate(event))) || (await resolve(event));
	try {
		// HSTS is server.js's call: adapter-node reports https: for every request unless ORIGIN or
		// PROTOCOL_HEADER says otherwise, so event.url cannot tell whether TLS was really used.
		for (const [name, value] of Object.entries(securityHeaders({ pathname: event.url.pathname, https: false }))) {
			response.headers.set(name, value);
		}
	} catch {
		// Immutable headers (a proxied fetch response): leave them as they are.
	}
	return response;
};
