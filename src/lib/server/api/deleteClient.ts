import { ApiError } from '../ApiError';
import { apiActor, type ApiHandler } from '../http/ApiContext';
import { jsonReply } from '../http/ApiReply';
import { requireApiKey } from '../http/requireApiKey';
import { CLIENT_ID_PATTERN } from '../hosted/registerClient';

/**
 * `DELETE /api/v1/clients/{clientId}` → 200 `{ clientId, deleted: true }`: the client's `/v` links
 * stop working at once (a leaked secret is revoked this way; register a new client for a new secret).
 */
export const deleteClient: ApiHandler = async (ctx) => {
	requireApiKey(ctx);
	const clientId = ctx.params.clientId ?? '';
	if (!CLIENT_ID_PATTERN.test(clientId)) throw ApiError.badRequest('clientId', 'clientId must look like c_ and 20 letters a–z, 2–7');
	if (!(await ctx.services.store.deleteClient(clientId, ctx.services.now(), apiActor(ctx)))) {
		throw new ApiError('CLIENT_NOT_FOUND', 'no such client');
	}
	return jsonReply({ clientId, deleted: true });
};
