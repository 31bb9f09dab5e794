/**
 * CSV for Excel in Korea (RFC 4180): UTF-8 with a byte-order mark (without it, Korean Excel reads
 * the file as CP949 and the Korean turns to mojibake), CRLF line ends, and formula injection
 * neutralised (OWASP "CSV Injection"): a cell that begins with `=`, `+`, `-`, `@`, a tab or a CR
 * gets a leading `'`, so Excel shows it as text rather than running it. A cell that itself begins
 * with `'` gets one too, so the rule can be undone exactly (scripts/audit-verify.js strips one
 * leading `'`) and the row's hash still checks out.
 */

/** The byte-order mark Excel looks for. */
export const CSV_BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r']/;

/** One cell: neutralised, then quoted when it holds a comma, a quote or a line break. */
export function csvCell(value: string | number | null): string {
	let text = value === null ? '' : String(value);
	if (FORMULA_START.test(text)) text = `'${text}`;
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line, CRLF-terminated. */
export function csvLine(cells: readonly (string | number | null)[]): string {
	return `${cells.map(csvCell).join(',')}\r\n`;
}
