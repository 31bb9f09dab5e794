import type { RequestHandler } from './$types';
import { auditExportReply } from '$lib/server/audit/auditExportReply';
import { getServices } from '$lib/server/getServices';
import { requireConsoleSession } from '$lib/server/console/requireConsoleSession';
import { toApiError } from '$lib/server/http/toApiError';
import { toResponse } from '$lib/server/http/ApiReply';

/**
 * `GET /institute/audit/download?format=csv|jsonl&from=&to=&traineeId=&action=`: the console's
 * download of the audit export, the same file as `GET /api/v1/audit/export` (behind the session
 * instead of the key). A bad filter sends the form back with the reason, in Korean.
 */
export const GET: RequestHandler = async (event) => {
	await requireConsoleSession(event);
	try {
		return toResponse(auditExportReply(await getServices(), event.url.searchParams));
	} catch (error) {
		const refusal = toApiError(error);
		if (!refusal || refusal.code !== 'BAD_REQUEST') throw error;
		const back = new URLSearchParams(event.url.searchParams);
		back.set('error', refusal.field ?? 'query');
		return new Response(null, { status: 303, headers: { location: `/institute/audit/export?${back}`, 'cache-control': 'no-store' } });
	}
};
