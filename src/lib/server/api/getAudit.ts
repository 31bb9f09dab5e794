import { ApiError } from '../ApiError';
import type { ApiHandler } from '../http/ApiContext';
import { jsonReply } from '../http/ApiReply';
import { requireApiKey } from '../http/requireApiKey';
import { parseTraineeId } from '../validate/fields';
import { parseLimit } from './parseLimit';
import { iso } from './traineeJson';

/** `GET /api/v1/audit?limit=&before=&traineeId=` → 200 `{ entries, next }`, newest first. */
export const getAudit: ApiHandler = async (ctx) => {
	requireApiKey(ctx);
	const limit = parseLimit(ctx.url, 100, 500);
	const beforeRaw = ctx.url.searchParams.get('before');
	if (beforeRaw !== null && !/^[1-9][0-9]{0,14}$/.test(beforeRaw)) throw ApiError.badRequest('before', 'before must be an entry id');
	const traineeRaw = ctx.url.searchParams.get('traineeId');
	const entries = await ctx.services.store.listAudit({
		limit,
		before: beforeRaw === null ? undefined : Number(beforeRaw),
		traineeId: traineeRaw === null ? undefined : parseTraineeId(traineeRaw)
	});
	return jsonReply({
		entries: entries.map((e) => ({ ...e, at: iso(e.at) })),
		next: entries.length === limit ? entries.at(-1)!.id : null
	});
};
