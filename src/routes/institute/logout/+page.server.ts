import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getServices } from '$lib/server/getServices';
import { endConsoleSession } from '$lib/server/console/consoleSession';

export const load: PageServerLoad = () => redirect(303, '/institute');

export const actions: Actions = {
	default: async ({ cookies, url }) => {
		await endConsoleSession(await getServices(), cookies, url);
		redirect(303, '/institute/login');
	}
};
