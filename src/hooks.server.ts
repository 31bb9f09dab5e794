import type { Handle, ServerInit } from '@sveltejs/kit';
import { building } from '$app/environment';
import { getServices } from '$lib/server/getServices';
import { consoleGate } from '$lib/server/console/consoleGate';
import { consoleLocale } from '$lib/server/console/consoleLocale';
import { ROUTE_KIND_HEADER, securityHeaders } from '$lib/server/http/securityHeaders.js';
import { kindOfRoute, kindOfTarget, stricterKind } from '$lib/server/http/requestKind.js';
import { registerApiFastPath } from '$lib/server/api/serveApiFast';
import { builtLockStartFiles, earlyScript, lightLockPage } from '$lib/server/prerender/lightLockPage';

/**
 * Opens the institute service at server start, so a generated API key is printed when the
 * operator is watching, not at the first request. Skipped while `vite build` prerenders (the
 * build must not touch the data directory or a database). A failure here is logged, not fatal:
 * the app's static pages still serve, and the first API request tries again.
 */
export const init: ServerInit = async () => {
	if (building) return;
	// server.js answers /api/v1/* from here, in front of SvelteKit (issue 15; serveApiFast.ts).
	registerApiFastPath();
	try {
		await getServices();
	} catch (error) {
		console.error('mOTP: the institute service could not start yet:', error instanceof Error ? error.message : error);
	}
};

/**
 * The institute console's session gate, then the security headers on every server-rendered answer.
 *
 * Both decide by the route the router resolved (`event.route.id`), never by the raw path: the
 * router matches the *decoded* path, so `/%69nstitute/trainees` reaches the console route while its
 * raw spelling does not start with `/institute` (issue 12). The raw target's canonical form is a
 * floor for the headers, so no spelling gets weaker headers than the route it reaches.
 *
 * server.js (`npm start`) sets the same headers again on every answer, prerendered files included,
 * which never pass through here; it learns the routed kind from {@link ROUTE_KIND_HEADER}.
 */
export const handle: Handle = async ({ event, resolve }) => {
	const routed = kindOfRoute(event.route.id);
	// The console is rendered in its reader's language (consoleLocale.ts), and says so in <html lang>.
	const options =
		routed === 'console'
			? { transformPageChunk: ({ html }: { html: string }) => html.replace('<html lang="ko">', `<html lang="${consoleLocale(event)}">`) }
			: lockPage(event);
	const response = (routed === 'console' && (await consoleGate(event))) || (await resolve(event, options));
	const kind = stricterKind(kindOfTarget(event.url.pathname), routed);
	try {
		// HSTS is server.js's call: adapter-node reports https: for every request unless ORIGIN or
		// PROTOCOL_HEADER says otherwise, so event.url cannot tell whether TLS was really used.
		for (const [name, value] of Object.entries(securityHeaders({ kind, https: false }))) {
			response.headers.set(name, value);
		}
		response.headers.set(ROUTE_KIND_HEADER, kind);
	} catch {
		// Immutable headers (a proxied fetch response): leave them as they are.
	}
	return response;
};

/**
 * `/` is prerendered as the light lock screen: no modulepreload of the framework, and a bootstrap
 * that waits for src/lib/light/lockStart.ts (issue 14; src/lib/server/prerender/lightLockPage.ts).
 */
function lockPage(event: Parameters<Handle>[0]['event']): Parameters<Parameters<Handle>[0]['resolve']>[1] {
	if (!building || event.route.id !== '/(app)' || event.url.pathname !== '/') return undefined;
	return {
		preload: ({ type }) => type !== 'js',
		transformPageChunk: ({ html }) => lightLockPage(html, builtLockStartFiles(), earlyScript())
	};
}
