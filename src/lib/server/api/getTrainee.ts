import { ApiError } from '../ApiError';
import type { ApiHandler } from '../http/ApiContext';
import { jsonReply } from '../http/ApiReply';
import { requireApiKey } from '../http/requireApiKey';
import { parseTraineeId } from '../validate/fields';
import { traineeJson } from './traineeJson';

/** `GET /api/v1/trainees/{traineeId}` → 200 with the trainee's status. */
export const getTrainee: ApiHandler = async (ctx) => {
	requireApiKey(ctx);
	const traineeId = parseTraineeId(ctx.params.traineeId ?? '');
	const trainee = await ctx.services.store.getTrainee(traineeId, ctx.services.now());
	if (!trainee) throw new ApiError('TRAINEE_NOT_FOUND', 'no such trainee');
	return jsonReply(traineeJson(trainee, ctx.services));
};
