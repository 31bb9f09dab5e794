import { auditExportReply } from '../audit/auditExportReply';
import type { ApiHandler } from '../http/ApiContext';
import { requireApiKey } from '../http/requireApiKey';

/**
 * `GET /api/v1/audit/export?format=csv|jsonl&from=&to=&traineeId=&action=` → 200, a streamed file
 * (docs/api.md, "Audit export"): every row with its chain hashes, the anchor and the sealed head.
 */
export const getAuditExport: ApiHandler = async (ctx) => {
	requireApiKey(ctx);
	return auditExportReply(ctx.services, ctx.url.searchParams);
};
