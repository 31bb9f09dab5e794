import { redirect } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { getServices } from '$lib/server/getServices';
import { isPublicConsoleRoute } from '$lib/server/console/consoleGate';
import { consoleLocale, setConsoleLocale } from '$lib/server/console/consoleLocale';
import { requireConsoleSession } from '$lib/server/console/requireConsoleSession';

// The console is live, per-session and behind a key: never prerendered, never cached
// (hooks.server.ts gates every /institute path and sets no-store).
export const prerender = false;

export const load: LayoutServerLoad = async (event) => {
	// The language switch: `?lang=en|ko` remembers the choice and comes back without the parameter.
	const wanted = event.url.searchParams.get('lang');
	if (wanted === 'ko' || wanted === 'en') {
		setConsoleLocale(event.cookies, wanted, event.url.protocol === 'https:');
		const back = new URL(event.url);
		back.searchParams.delete('lang');
		redirect(303, back.pathname + back.search);
	}
	if (!isPublicConsoleRoute(event.route.id)) await requireConsoleSession(event);
	const services = await getServices();
	return { institute: services.config.instituteName, lang: consoleLocale(event) };
};
