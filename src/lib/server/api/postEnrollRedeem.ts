import { appActor, type ApiHandler } from '../http/ApiContext';
import { jsonReply } from '../http/ApiReply';
import { readJsonBody } from '../http/readJsonBody';
import { redeemEnrollment } from '../institute/redeemEnrollment';
import { parseEnrollmentRef } from './parseEnrollmentRef';

/**
 * `POST /api/v1/enroll/redeem` `{ token } | { code }`, optionally with `retryKey` → 200
 * `{ otpauth, institute, name }`, once (or again, for the same retry key, within 10 minutes). No key; rate-limited.
 */
export const postEnrollRedeem: ApiHandler = async (ctx) => {
	ctx.services.limits.check('enrollByIp', ctx.clientAddress, ctx.services.now());
	const ref = parseEnrollmentRef(await readJsonBody(ctx.request), { retryKey: true });
	return jsonReply(await redeemEnrollment(ctx.services, ref, appActor(ctx)));
};
