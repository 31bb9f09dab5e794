import type { Services } from '../institute/Services';
import { streamReply, type ApiReply } from '../http/ApiReply';
import { parseAuditExportQuery } from './auditExportFilter';
import { exportAudit, exportFileName } from './exportAudit';

const CONTENT_TYPE = { csv: 'text/csv; charset=utf-8', jsonl: 'application/x-ndjson; charset=utf-8' } as const;

/**
 * The streamed download of an audit export for `?format=&from=&to=&traineeId=&action=`, shared by
 * the API (`GET /api/v1/audit/export`) and the console (`/institute/audit/export`).
 * @throws ApiError `BAD_REQUEST` for a bad query, before anything is sent
 */
export function auditExportReply(services: Services, params: URLSearchParams): ApiReply {
	const { format, filter } = parseAuditExportQuery(params);
	return streamReply(exportAudit(services, format, filter), {
		'content-type': CONTENT_TYPE[format],
		'content-disposition': `attachment; filename="${exportFileName(format, services.now())}"`
	});
}
