import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getServices } from '$lib/server/getServices';
import { checkConsoleKey } from '$lib/server/console/checkConsoleKey';
import { consoleActor } from '$lib/server/console/consoleActor';
import { consoleTry } from '$lib/server/console/consoleMessage';
import { consoleLocale } from '$lib/server/console/consoleLocale';
import { hasConsoleSession, startConsoleSession } from '$lib/server/console/consoleSession';
import { formString } from '$lib/server/console/formString';
import { consoleMessages } from '$lib/i18n/console';

export const load: PageServerLoad = async ({ cookies }) => {
	if (await hasConsoleSession(await getServices(), cookies)) redirect(303, '/institute/enroll');
};

export const actions: Actions = {
	default: async (event) => {
		const services = await getServices();
		const locale = consoleLocale(event);
		const key = formString(await event.request.formData(), 'key', 512);
		const checked = await consoleTry(() => checkConsoleKey(services, key, consoleActor(event)), locale);
		if (!checked.ok) return fail(429, { message: checked.message });
		if (!checked.value) return fail(401, { message: consoleMessages(locale).loginWrongKey });
		await startConsoleSession(services, event.cookies, event.url);
		redirect(303, '/institute/enroll');
	}
};
