import { appActor, type ApiHandler } from '../http/ApiContext';
import { jsonReply } from '../http/ApiReply';
import { readJsonBody } from '../http/readJsonBody';
import { previewEnrollment } from '../institute/previewEnrollment';
import { parseEnrollmentRef } from './parseEnrollmentRef';
import { iso } from './traineeJson';

/** `POST /api/v1/enroll/preview` `{ token } | { code }` → 200 `{ institute, name, expiresAt }`. No key; rate-limited. */
export const postEnrollPreview: ApiHandler = async (ctx) => {
	ctx.services.limits.check('enrollByIp', ctx.clientAddress, ctx.services.now());
	const ref = parseEnrollmentRef(await readJsonBody(ctx.request));
	const preview = await previewEnrollment(ctx.services, ref, appActor(ctx));
	return jsonReply({ ...preview, expiresAt: iso(preview.expiresAt) });
};
