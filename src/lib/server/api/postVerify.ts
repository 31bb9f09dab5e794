import { ApiError } from '../ApiError';
import { apiActor, type ApiHandler } from '../http/ApiContext';
import { jsonReply } from '../http/ApiReply';
import { readJsonBody } from '../http/readJsonBody';
import { requireApiKey } from '../http/requireApiKey';
import { verifyCode, type VerifySubject } from '../institute/verifyCode';
import { BodyReader } from '../validate/BodyReader';
import { parseOtpCode, parsePhone, parseTraineeId } from '../validate/fields';
import { iso } from './traineeJson';

/**
 * `POST /api/v1/verify` `{ traineeId, code }` or `{ phone, code }` → 200
 * `{ result: 'accepted' | 'rejected' | 'locked', reason?, attemptsLeft?, traineeId? }`; an accepted
 * answer also carries `failuresSinceLastSuccess` and `lastFailureAt` (ISO 8601, or `null`), so the
 * LMS can tell the trainee that a wrong code was entered for their account.
 */
export const postVerify: ApiHandler = async (ctx) => {
	requireApiKey(ctx);
	ctx.services.limits.check('verifyByIp', ctx.clientAddress, ctx.services.now());
	const body = new BodyReader(await readJsonBody(ctx.request), ['traineeId', 'phone', 'code']);
	if (body.has('traineeId') === body.has('phone')) {
		throw ApiError.badRequest('traineeId', 'send exactly one of "traineeId" and "phone"');
	}
	const subject: VerifySubject = body.has('traineeId')
		? { traineeId: parseTraineeId(body.string('traineeId', 128)) }
		: { phoneDigits: parsePhone(body.string('phone', 64)) };
	const code = parseOtpCode(body.string('code', 32));
	const result = await verifyCode(ctx.services, subject, code, apiActor(ctx));
	return jsonReply(result.result === 'accepted' ? { ...result, lastFailureAt: iso(result.lastFailureAt) } : result);
};
