import type { Services } from '../institute/Services';
import type { AuditAnchor, AuditHead, ChainedAuditEntry } from '../store/Store';
import { GENESIS_HASH } from '../store/auditChain';
import { CSV_BOM, csvLine } from './auditCsv';
import type { AuditExportFilter, AuditExportFormat } from './auditExportFilter';

/**
 * The audit export (issue 16; docs/api.md "Audit export", docs/decisions-server.md "Audit export").
 *
 * Every format carries the chain: each row with its `prevHash` and `hash`, a first record with the
 * filter and where the kept chain starts (the retention anchor, or the genesis hash), and a last
 * record with the sealed head as it was when the export began. `npm run audit:verify FILE` checks
 * a file offline (scripts/audit-verify.js).
 *
 * Without a trainee or action filter the rows are one unbroken run of the chain: from the first row
 * at or after `from` (else the anchor) up to the row before the first one at or after `to` (else the
 * head), so every link can be checked, and an export to the head shows a cut-off tail. A trainee or
 * action filter leaves gaps: each row's own hash still checks, links only where ids are adjacent.
 *
 * Rows are read a page at a time and yielded in chunks, so a large log never sits in memory whole.
 */

/** The export format's name and version, in the first record. */
export const EXPORT_FORMAT = 'motp-audit-export';
export const EXPORT_VERSION = 1;

/** The CSV's column headers, in Korean (the institute's and HRDK's language). */
export const CSV_COLUMNS = ['구분', '번호', '시각', '행위자', 'IP', '행위', '훈련생 ID', '결과', '이전 해시', '해시', '봉인'] as const;
/** The `구분` (kind) of each CSV line. */
export const CSV_KIND = { export: '내보내기', anchor: '체인 시작', row: '기록', head: '체인 끝' } as const;

const PAGE = 1000;
const CHUNK = 64 * 1024;
const KST_OFFSET_MS = 9 * 3_600_000;

/** A time as ISO 8601 in Korea time (`2025-03-01T09:00:10.000+09:00`): what the inspector reads, exact to the ms. */
export function kstIso(ms: number): string {
	return new Date(ms + KST_OFFSET_MS).toISOString().replace('Z', '+09:00');
}

/** The file name a download gets, e.g. `motp-audit-20250301-090010.csv` (Korea time). */
export function exportFileName(format: AuditExportFormat, now: number): string {
	const stamp = kstIso(now).slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
	return `motp-audit-${stamp}.${format}`;
}

/** The filter as the export records it: ISO times, `null` where not set. */
function filterJson(f: AuditExportFilter) {
	return {
		from: f.from === undefined ? null : new Date(f.from).toISOString(),
		to: f.to === undefined ? null : new Date(f.to).toISOString(),
		traineeId: f.traineeId ?? null,
		action: f.action ?? null
	};
}

/** Whether the filter keeps the chain unbroken (no trainee or action filter). */
export function isContiguous(f: AuditExportFilter): boolean {
	return f.traineeId === undefined && f.action === undefined;
}

/** The rows an export covers, oldest first, never past `head` (rows appended meanwhile wait for the next export). */
async function* exportRows(services: Services, f: AuditExportFilter, head: AuditHead): AsyncGenerator<ChainedAuditEntry> {
	const store = services.store;
	if (isContiguous(f)) {
		let afterId = 0;
		if (f.from !== undefined) {
			const first = await store.readAuditChain({ afterId: 0, limit: 1, from: f.from });
			if (first.length === 0) return;
			afterId = first[0]!.id - 1;
		}
		for (;;) {
			const page = await store.readAuditChain({ afterId, limit: PAGE });
			for (const row of page) {
				if (row.id > head.lastId || (f.to !== undefined && row.at >= f.to)) return;
				yield row;
				afterId = row.id;
			}
			if (page.length < PAGE) return;
		}
	}
	let afterId = 0;
	for (;;) {
		const page = await store.readAuditChain({ afterId, limit: PAGE, ...f });
		for (const row of page) {
			if (row.id > head.lastId) return;
			yield row;
			afterId = row.id;
		}
		if (page.length < PAGE) return;
	}
}

/** The chain's start as exported: the retention anchor, or the genesis hash before row 1. */
function anchorOf(anchor: AuditAnchor | null) {
	return anchor ? { firstId: anchor.firstId, prevHash: anchor.prevHash, seal: anchor.seal } : { firstId: 1, prevHash: GENESIS_HASH, seal: '' };
}

/**
 * The export as text chunks. The head and anchor are read first, so the file describes one moment;
 * rows appended while it streams are left out (they are past the head it records).
 */
export async function* exportAudit(services: Services, format: AuditExportFormat, filter: AuditExportFilter): AsyncGenerator<string> {
	const now = services.now();
	const head = await services.store.getAuditHead();
	const anchor = anchorOf(await services.store.getAuditAnchor());
	const fj = filterJson(filter);
	let buffer = '';
	let rows = 0;
	if (format === 'csv') {
		buffer += CSV_BOM + csvLine(CSV_COLUMNS);
		buffer += csvLine([CSV_KIND.export, EXPORT_VERSION, kstIso(now), null, null, null, null, JSON.stringify({ format: EXPORT_FORMAT, institute: services.config.instituteName, filter: fj }), null, null, null]);
		buffer += csvLine([CSV_KIND.anchor, anchor.firstId, null, null, null, null, null, null, anchor.prevHash, null, anchor.seal]);
	} else {
		buffer += jsonLine({ type: 'export', format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: new Date(now).toISOString(), institute: services.config.instituteName, filter: fj, anchor });
	}
	for await (const r of exportRows(services, filter, head)) {
		rows++;
		buffer +=
			format === 'csv'
				? csvLine([CSV_KIND.row, r.id, kstIso(r.at), r.actor, r.ip, r.action, r.traineeId, r.result, r.prevHash, r.hash, null])
				: jsonLine({ type: 'row', id: r.id, at: new Date(r.at).toISOString(), actor: r.actor, ip: r.ip, action: r.action, traineeId: r.traineeId, result: r.result, prevHash: r.prevHash, hash: r.hash });
		if (buffer.length >= CHUNK) {
			yield buffer;
			buffer = '';
		}
	}
	buffer +=
		format === 'csv'
			? csvLine([CSV_KIND.head, head.lastId, null, null, null, null, null, `rows:${rows}`, null, head.hash, head.seal])
			: jsonLine({ type: 'head', lastId: head.lastId, hash: head.hash, seal: head.seal, rows });
	yield buffer;
}

function jsonLine(value: unknown): string {
	return `${JSON.stringify(value)}\n`;
}
