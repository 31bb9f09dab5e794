import type { PageServerLoad } from './$types';
import { AUDIT_ACTIONS } from '$lib/server/audit/auditExportFilter';
import { getServices } from '$lib/server/getServices';
import { formatKst } from '$lib/server/console/formatKst';
import { requireConsoleSession } from '$lib/server/console/requireConsoleSession';

/** The export form, the chain's head to compare a file with, and where retention left the chain's start. */
export const load: PageServerLoad = async (event) => {
	await requireConsoleSession(event);
	const services = await getServices();
	const head = await services.store.getAuditHead();
	const anchor = await services.store.getAuditAnchor();
	const q = event.url.searchParams;
	const value = (name: string) => (q.get(name) ?? '').slice(0, 100);
	return {
		head: { id: head.lastId, hash: head.hash },
		anchor: anchor ? { firstId: anchor.firstId, before: formatKst(anchor.before) } : null,
		retentionDays: services.config.auditRetentionDays ?? null,
		actions: AUDIT_ACTIONS,
		// A refused download comes back here with the field at fault and the values typed.
		error: value('error') || null,
		values: { format: value('format') === 'jsonl' ? 'jsonl' : 'csv', from: value('from'), to: value('to'), traineeId: value('traineeId'), action: value('action') }
	};
};
