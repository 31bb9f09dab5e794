import { ApiError } from '../ApiError';
import type { AuditAction } from '../store/Store';
import { parseTraineeId } from '../validate/fields';

/** What an audit export covers; every part optional. Times are ms since the epoch, `to` exclusive. */
export interface AuditExportFilter {
	from?: number;
	to?: number;
	traineeId?: string;
	action?: AuditAction;
}

/** The export formats: CSV for Excel (Korean headers, UTF-8 with BOM) and JSON lines for programs. */
export type AuditExportFormat = 'csv' | 'jsonl';

/**
 * Every action an audit row can carry (Store.ts `AuditAction`), as a record so that an action added
 * to the union and not here is a type error, not an action `?action=` refuses.
 */
const EVERY_ACTION: Record<AuditAction, true> = {
	'enroll.issue': true,
	'enroll.preview': true,
	'enroll.redeem': true,
	verify: true,
	lock: true,
	unlock: true,
	revoke: true,
	'console.login': true,
	'client.create': true,
	'client.delete': true,
	'audit.prune': true
};

/** Every action an audit row can carry, for `?action=` and the console's list. */
export const AUDIT_ACTIONS = Object.keys(EVERY_ACTION) as readonly AuditAction[];

const KST_OFFSET_MS = 9 * 3_600_000;
const DAY_MS = 86_400_000;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** ISO 8601 date-time with seconds optional and an explicit zone (Z or ±hh:mm). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A `from`/`to` value: a date (`2025-03-01`, a day in Korea time, the institute's calendar) or an
 * ISO 8601 date-time with its zone. A date as `to` means the end of that day (inclusive), so
 * `from=2025-03-01&to=2025-03-31` is the whole of March in Korea.
 */
export function parseExportTime(raw: string, field: 'from' | 'to'): number {
	const date = DATE_ONLY.exec(raw);
	if (date) {
		const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
		const utc = Date.UTC(y, m - 1, d);
		const back = new Date(utc);
		if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) {
			throw ApiError.badRequest(field, `${field} is not a calendar date`);
		}
		return utc - KST_OFFSET_MS + (field === 'to' ? DAY_MS : 0);
	}
	if (DATE_TIME.test(raw)) {
		const ms = Date.parse(raw);
		if (Number.isFinite(ms)) return ms;
	}
	throw ApiError.badRequest(field, `${field} must be a date (YYYY-MM-DD, Korea time) or an ISO 8601 date-time with a zone`);
}

/**
 * The filter and format of an export request (`?format=csv|jsonl&from&to&traineeId&action`). Empty
 * values mean "not set", so a console form with blank fields exports everything.
 * @throws ApiError `BAD_REQUEST` naming the field
 */
export function parseAuditExportQuery(params: URLSearchParams): { format: AuditExportFormat; filter: AuditExportFilter } {
	const get = (name: string) => {
		const values = params.getAll(name);
		if (values.length > 1) throw ApiError.badRequest(name, `${name} given more than once`);
		const v = values[0]?.trim();
		return v ? v : undefined;
	};
	const formatRaw = get('format') ?? 'csv';
	if (formatRaw !== 'csv' && formatRaw !== 'jsonl') throw ApiError.badRequest('format', 'format must be csv or jsonl');
	const filter: AuditExportFilter = {};
	const from = get('from');
	const to = get('to');
	const traineeId = get('traineeId');
	const action = get('action');
	if (from !== undefined) filter.from = parseExportTime(from, 'from');
	if (to !== undefined) filter.to = parseExportTime(to, 'to');
	if (filter.from !== undefined && filter.to !== undefined && filter.to <= filter.from) throw ApiError.badRequest('to', 'to must be after from');
	if (traineeId !== undefined) filter.traineeId = parseTraineeId(traineeId);
	if (action !== undefined) {
		if (!(AUDIT_ACTIONS as readonly string[]).includes(action)) throw ApiError.badRequest('action', `action must be one of ${AUDIT_ACTIONS.join(', ')}`);
		filter.action = action as AuditAction;
	}
	return { format: formatRaw, filter };
}
