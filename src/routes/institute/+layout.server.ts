import type { LayoutServerLoad } from './$types';
import { getServices } from '$lib/server/getServices';
import { isPublicConsoleRoute } from '$lib/server/console/consoleGate';
import { requireConsoleSession } from '$lib/server/console/requireConsoleSession';

// The console is live, per-session and behind a key: never prerendered, never cached
// (hooks.server.ts gates every /institute path and sets no-store).
export const prerender = false;

export const load: LayoutServerLoad = async (event) => {
	if (!isPublicConsoleRoute(event.route.id)) await requireConsoleSession(event);
	const services = await getServices();
	return { institute: services.config.instituteName };
};
