import type { ApiHandler } from '../http/ApiContext';
import { jsonReply } from '../http/ApiReply';
import { requireApiKey } from '../http/requireApiKey';
import { parseTraineeId } from '../validate/fields';
import { parseLimit } from './parseLimit';
import { traineeJson } from './traineeJson';

/** `GET /api/v1/trainees?limit=&after=` → 200 `{ trainees, next }`, ordered by id; `next` is the `after` of the next page. */
export const getTrainees: ApiHandler = async (ctx) => {
	requireApiKey(ctx);
	const limit = parseLimit(ctx.url, 100, 500);
	const afterRaw = ctx.url.searchParams.get('after');
	const after = afterRaw === null ? undefined : parseTraineeId(afterRaw, 'after');
	const rows = await ctx.services.store.listTrainees({ now: ctx.services.now(), limit, after });
	return jsonReply({ trainees: rows.map((t) => traineeJson(t, ctx.services)), next: rows.length === limit ? rows.at(-1)!.id : null });
};
