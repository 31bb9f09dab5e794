import type { ApiHandler } from '../http/ApiContext';
import { jsonReply } from '../http/ApiReply';
import { requireApiKey } from '../http/requireApiKey';
import { checkAuditChain } from '../institute/checkAuditChain';

/**
 * `GET /api/v1/audit/check` → 200 `{ intact, rows, head: { id, hash }, firstBreak? }`: recomputes the
 * audit log's hash chain and its sealed head (docs/api.md, "Audit log").
 */
export const getAuditCheck: ApiHandler = async (ctx) => {
	requireApiKey(ctx);
	return jsonReply(await checkAuditChain(ctx.services));
};
