import { apiActor, type ApiHandler } from '../http/ApiContext';
import { jsonReply } from '../http/ApiReply';
import { requireApiKey } from '../http/requireApiKey';
import { revokeTrainee } from '../institute/revokeTrainee';
import { parseTraineeId } from '../validate/fields';
import { traineeJson } from './traineeJson';

/** `DELETE /api/v1/trainees/{traineeId}` → 200 with the (now revoked) trainee. */
export const deleteTrainee: ApiHandler = async (ctx) => {
	requireApiKey(ctx);
	const traineeId = parseTraineeId(ctx.params.traineeId ?? '');
	return jsonReply(traineeJson(await revokeTrainee(ctx.services, traineeId, apiActor(ctx)), ctx.services));
};
