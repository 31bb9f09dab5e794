import type { Actions, PageServerLoad } from './$types';
import { getServices } from '$lib/server/getServices';
import { formatKst } from '$lib/server/console/formatKst';
import { requireConsoleSession } from '$lib/server/console/requireConsoleSession';
import { checkAuditChain } from '$lib/server/institute/checkAuditChain';

const PAGE = 100;
const DAY = 86_400_000;

export const load: PageServerLoad = async (event) => {
	await requireConsoleSession(event);
	const { url } = event;
	const services = await getServices();
	const beforeRaw = url.searchParams.get('before');
	const before = beforeRaw !== null && /^[1-9][0-9]{0,14}$/.test(beforeRaw) ? Number(beforeRaw) : undefined;
	const entries = await services.store.listAudit({ limit: PAGE, before });
	return {
		entries: entries.map((e) => ({ ...e, at: formatKst(e.at) })),
		next: entries.length === PAGE ? entries.at(-1)!.id : null,
		// Lookups of unknown links and codes are counted, not logged one by one (issue 12).
		misses: await services.store.lookupMisses(services.now() - DAY)
	};
};

export const actions: Actions = {
	/** Recomputes the hash chain and checks the sealed head (src/lib/server/institute/checkAuditChain.ts). */
	check: async (event) => {
		await requireConsoleSession(event);
		return { chain: await checkAuditChain(await getServices()) };
	}
};
