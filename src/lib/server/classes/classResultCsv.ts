/** One issued trainee as the output CSV lists it. */
export interface ClassResultRow {
	traineeId: string;
	name: string;
	/** Display form, 010-1234-5678. */
	phone: string;
	enrollUrl: string;
	enrollCode: string;
	/** ISO 8601 in Korean time, e.g. `2026-12-02T14:00:00+09:00`. */
	expiresAt: string;
}

export const CLASS_RESULT_COLUMNS = ['traineeId', 'name', 'phone', 'enrollUrl', 'enrollCode', 'expiresAt'] as const;

/**
 * The issued class as CSV, for the institute's own messaging (KakaoTalk notification services,
 * SMS): RFC 4180 (CRLF, quotes doubled), UTF-8 with a BOM so that Excel in Korea opens it as
 * UTF-8 instead of guessing CP949.
 */
export function classResultCsv(rows: readonly ClassResultRow[]): string {
	const lines = [CLASS_RESULT_COLUMNS.join(','), ...rows.map((r) => CLASS_RESULT_COLUMNS.map((c) => csvCell(r[c])).join(','))];
	return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * One CSV cell, safe to open in a spreadsheet. A cell starting with `=`, `+`, `-`, `@` (or a tab
 * or carriage return, which some spreadsheets skip before such a character) would be run as a
 * formula (CSV/formula injection, OWASP): it gets a leading `'`, which spreadsheets show as text
 * and hide. Cells with a comma, quote, line break or an edge space are quoted.
 */
export function csvCell(value: string): string {
	const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
