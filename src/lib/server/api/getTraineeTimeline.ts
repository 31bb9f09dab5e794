import { ApiError } from '../ApiError';
import type { ApiHandler } from '../http/ApiContext';
import { jsonReply } from '../http/ApiReply';
import { requireApiKey } from '../http/requireApiKey';
import { traineeTimeline } from '../institute/traineeTimeline';
import { parseTraineeId } from '../validate/fields';
import { parseLimit } from './parseLimit';
import { iso, traineeJson } from './traineeJson';

/**
 * `GET /api/v1/trainees/{traineeId}/timeline?limit=&after=` → 200 `{ trainee, events, next }`:
 * the trainee's audit events, oldest first, each with its actor (docs/api.md, "Trainee timeline").
 */
export const getTraineeTimeline: ApiHandler = async (ctx) => {
	requireApiKey(ctx);
	const traineeId = parseTraineeId(ctx.params.traineeId ?? '');
	const limit = parseLimit(ctx.url, 200, 1000);
	const afterRaw = ctx.url.searchParams.get('after');
	if (afterRaw !== null && !/^[1-9][0-9]{0,14}$/.test(afterRaw)) throw ApiError.badRequest('after', 'after must be an entry id');
	const timeline = await traineeTimeline(ctx.services, traineeId, { limit, after: afterRaw === null ? undefined : Number(afterRaw) });
	if (!timeline) throw new ApiError('TRAINEE_NOT_FOUND', 'no such trainee');
	return jsonReply({
		trainee: traineeJson(timeline.trainee, ctx.services),
		events: timeline.events.map((e) => ({ ...e, at: iso(e.at) })),
		next: timeline.next
	});
};
