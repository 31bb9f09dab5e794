import type { PageServerLoad } from './$types';
import { getServices } from '$lib/server/getServices';
import { formatKst } from '$lib/server/console/formatKst';
import { requireConsoleSession } from '$lib/server/console/requireConsoleSession';

const PAGE = 100;

export const load: PageServerLoad = async (event) => {
	await requireConsoleSession(event);
	const { url } = event;
	const services = await getServices();
	const beforeRaw = url.searchParams.get('before');
	const before = beforeRaw !== null && /^[1-9][0-9]{0,14}$/.test(beforeRaw) ? Number(beforeRaw) : undefined;
	const entries = await services.store.listAudit({ limit: PAGE, before });
	return {
		entries: entries.map((e) => ({ ...e, at: formatKst(e.at) })),
		next: entries.length === PAGE ? entries.at(-1)!.id : null
	};
};
