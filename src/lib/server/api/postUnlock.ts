import { apiActor, type ApiHandler } from '../http/ApiContext';
import { jsonReply } from '../http/ApiReply';
import { requireApiKey } from '../http/requireApiKey';
import { unlockTrainee } from '../institute/unlockTrainee';
import { parseTraineeId } from '../validate/fields';
import { traineeJson } from './traineeJson';

/** `POST /api/v1/trainees/{traineeId}/unlock` (no body) → 200 with the trainee. */
export const postUnlock: ApiHandler = async (ctx) => {
	requireApiKey(ctx);
	const traineeId = parseTraineeId(ctx.params.traineeId ?? '');
	return jsonReply(traineeJson(await unlockTrainee(ctx.services, traineeId, apiActor(ctx)), ctx.services));
};
