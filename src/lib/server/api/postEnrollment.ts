import type { ApiHandler } from '../http/ApiContext';
import { apiActor } from '../http/ApiContext';
import { jsonReply } from '../http/ApiReply';
import { readJsonBody } from '../http/readJsonBody';
import { requireApiKey } from '../http/requireApiKey';
import { issueEnrollment } from '../institute/issueEnrollment';
import { BodyReader } from '../validate/BodyReader';
import { parseName, parsePhone, parseTraineeId } from '../validate/fields';
import { iso } from './traineeJson';

/**
 * `POST /api/v1/trainees/{traineeId}/enrollment` `{ name, phone }` →
 * 201 `{ traineeId, enrollUrl, enrollCode, expiresAt }`.
 */
export const postEnrollment: ApiHandler = async (ctx) => {
	requireApiKey(ctx);
	const traineeId = parseTraineeId(ctx.params.traineeId ?? '');
	const body = new BodyReader(await readJsonBody(ctx.request), ['name', 'phone']);
	const name = parseName(body.string('name', 200));
	const phoneDigits = parsePhone(body.string('phone', 64));
	const issued = await issueEnrollment(ctx.services, { traineeId, name, phoneDigits }, apiActor(ctx), ctx.url.origin);
	return jsonReply({ ...issued, expiresAt: iso(issued.expiresAt) }, 201);
};
