import { ApiError } from '../ApiError';
import { apiActor, type ApiHandler } from '../http/ApiContext';
import { jsonReply } from '../http/ApiReply';
import { readJsonBody } from '../http/readJsonBody';
import { requireApiKey } from '../http/requireApiKey';
import { verifyCode, type VerifyResult, type VerifySubject } from '../institute/verifyCode';
import { BodyReader } from '../validate/BodyReader';
import { parseOtpCode, parsePhone, parseTraineeId } from '../validate/fields';
import { IDEMPOTENCY_TTL_MS, purgeIdempotencyNow, readIdempotencyKey, replayReply, requestFingerprint } from './idempotency';
import { iso } from './traineeJson';

/**
 * `POST /api/v1/verify` `{ traineeId, code }` or `{ phone, code }` → 200
 * `{ result: 'accepted' | 'rejected' | 'locked', reason?, attemptsLeft?, traineeId? }`; an accepted
 * answer also carries `failuresSinceLastSuccess` and `lastFailureAt` (ISO 8601, or `null`), so the
 * LMS can tell the trainee that a wrong code was entered for their account.
 *
 * With `Idempotency-Key` (issue 16), the decision and its answer are stored together for 24 h: a
 * retry with the same key and the same request gets the same answer (`Idempotent-Replayed: true`)
 * and decides nothing again (no strike, no "replayed"); the same key with another request is
 * `422 IDEMPOTENCY_KEY_REUSED`. Concurrent requests with one key give one decision (the store
 * serialises them on the key). Refusals (400, 401, 429, …) are not stored: they decided nothing.
 */
export const postVerify: ApiHandler = async (ctx) => {
	requireApiKey(ctx);
	ctx.services.limits.check('verifyByIp', ctx.clientAddress, ctx.services.now());
	const idempotencyKey = readIdempotencyKey(ctx);
	const body = new BodyReader(await readJsonBody(ctx.request), ['traineeId', 'phone', 'code']);
	if (body.has('traineeId') === body.has('phone')) {
		throw ApiError.badRequest('traineeId', 'send exactly one of "traineeId" and "phone"');
	}
	const subject: VerifySubject = body.has('traineeId')
		? { traineeId: parseTraineeId(body.string('traineeId', 128)) }
		: { phoneDigits: parsePhone(body.string('phone', 64)) };
	const code = parseOtpCode(body.string('code', 32));
	if (!idempotencyKey) return jsonReply(verifyAnswer(await verifyCode(ctx.services, subject, code, apiActor(ctx))));

	await purgeIdempotencyNow(ctx);
	const requestHash = requestFingerprint(ctx, ['verify', subject, code]);
	// A retry of a finished request is answered without touching the trainee (or the rate limit per trainee).
	const stored = await ctx.services.store.findIdempotent(idempotencyKey.keyHash, ctx.services.now());
	if (stored) return replayReply(stored, requestHash);
	const result = await verifyCode(ctx.services, subject, code, apiActor(ctx), {
		keyHash: idempotencyKey.keyHash,
		requestHash,
		expiresAt: ctx.services.now() + IDEMPOTENCY_TTL_MS,
		reply: (r) => JSON.stringify(verifyAnswer(r))
	});
	if ('earlier' in result) return replayReply(result.earlier, requestHash);
	return jsonReply(verifyAnswer(result));
};

/** The JSON of a verification result (times as ISO 8601). */
export function verifyAnswer(result: VerifyResult): unknown {
	return result.result === 'accepted' ? { ...result, lastFailureAt: iso(result.lastFailureAt) } : result;
}
