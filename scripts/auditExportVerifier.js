// The offline checker of an audit export (issue 16), for `npm run audit:verify FILE`. Plain
// JavaScript on Node's own crypto, so HRDK or anyone can run it with `node` and no build. It
// recomputes the chain independently of the server's code (src/lib/server/store/auditChain.ts);
// the unit tests hold the two to the same hashes. What it can and cannot show is in
// docs/decisions-server.md, "Audit export and offline verification".
import { createHash, createHmac, hkdfSync } from 'node:crypto';

const GENESIS_HASH = '0'.repeat(64);
const CHAIN_VERSION = 1;
const HEX64 = /^[0-9a-f]{64}$/;
/** The CSV's Korean headers (src/lib/server/audit/exportAudit.ts `CSV_COLUMNS`). */
export const CSV_COLUMNS = ['구분', '번호', '시각', '행위자', 'IP', '행위', '훈련생 ID', '결과', '이전 해시', '해시', '봉인'];
const KIND = { export: '내보내기', anchor: '체인 시작', row: '기록', head: '체인 끝' };

/**
 * @typedef {{ id: number, at: number, actor: string, ip: string | null, action: string, traineeId: string | null, result: string, prevHash: string, hash: string, line: number }} ExportRow
 * @typedef {{ from: string | null, to: string | null, traineeId: string | null, action: string | null }} ExportFilter
 * @typedef {{ format: 'csv' | 'jsonl', cut: boolean, filter: ExportFilter | null, anchor: { firstId: number, prevHash: string, seal: string } | null, head: { lastId: number, hash: string, seal: string, rows: number | null } | null, rows: ExportRow[] }} ParsedExport
 * @typedef {{ line: number, id: number | null, reason: string, detail: string }} Problem
 */

/** The hash of one row, as the server chains it: SHA-256 over `[version, id, at, actor, ip, action, traineeId, result, prevHash]`. */
export function rowHash(/** @type {Omit<ExportRow, 'hash' | 'line'>} */ row) {
	const canonical = JSON.stringify([CHAIN_VERSION, row.id, row.at, row.actor, row.ip, row.action, row.traineeId, row.result, row.prevHash]);
	return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** RFC 4180 records from CSV text (quoted cells may hold commas, quotes and line breaks). */
export function parseCsv(/** @type {string} */ text) {
	/** @type {{ cells: string[], line: number }[]} */
	const records = [];
	let cells = [];
	let cell = '';
	let quoted = false;
	let line = 1;
	let start = 1;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"') {
				if (text[i + 1] === '"') {
					cell += '"';
					i++;
				} else quoted = false;
			} else {
				if (c === '\n') line++;
				cell += c;
			}
		} else if (c === '"' && cell === '') quoted = true;
		else if (c === ',') {
			cells.push(cell);
			cell = '';
		} else if (c === '\n' || c === '\r') {
			if (c === '\r' && text[i + 1] === '\n') i++;
			cells.push(cell);
			records.push({ cells, line: start });
			cells = [];
			cell = '';
			line++;
			start = line;
		} else cell += c;
	}
	// A quoted cell never closed: the file ends inside a record (a cut-off download). The partial
	// record is dropped and reported as such, not read as data.
	if (quoted) return { records, cut: true };
	if (cell !== '' || cells.length > 0) {
		cells.push(cell);
		records.push({ cells, line: start });
	}
	return { records, cut: false };
}

/** A file that is not an export at all (as opposed to an export that fails its checks). */
export class FormatError extends Error {}

/** Undoes the export's formula neutralisation: one leading `'` is the exporter's (src/lib/server/audit/auditCsv.ts). */
function unneutralise(/** @type {string} */ cell) {
	return cell.startsWith("'") ? cell.slice(1) : cell;
}

function toId(/** @type {unknown} */ v, /** @type {number} */ line) {
	const n = typeof v === 'number' ? v : Number(v);
	if (!Number.isSafeInteger(n) || n < 0) throw new FormatError(`line ${line}: the entry number is not a whole number`);
	return n;
}

function toMs(/** @type {unknown} */ v, /** @type {number} */ line) {
	const ms = typeof v === 'string' ? Date.parse(v) : NaN;
	if (!Number.isFinite(ms)) throw new FormatError(`line ${line}: the time is not an ISO 8601 time`);
	return ms;
}

/** Reads a CSV or JSON-lines export (told apart by its first character). @returns {ParsedExport} */
export function parseExport(/** @type {string} */ text) {
	const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
	return body.trimStart().startsWith('{') ? parseJsonl(body) : parseCsvExport(body);
}

function parseJsonl(/** @type {string} */ text) {
	/** @type {ParsedExport} */
	const out = { format: 'jsonl', cut: false, filter: null, anchor: null, head: null, rows: [] };
	const lines = text.split('\n');
	lines.forEach((raw, i) => {
		const line = i + 1;
		if (raw.trim() === '') return;
		let r;
		try {
			r = JSON.parse(raw);
		} catch {
			// The last line, unterminated and unreadable: a cut-off download.
			if (i === lines.length - 1) {
				out.cut = true;
				return;
			}
			throw new FormatError(`line ${line}: not JSON (the file was edited)`);
		}
		if (r?.type === 'export') {
			out.filter = r.filter ?? null;
			out.anchor = r.anchor ? { firstId: toId(r.anchor.firstId, line), prevHash: String(r.anchor.prevHash), seal: String(r.anchor.seal ?? '') } : null;
		} else if (r?.type === 'row') {
			out.rows.push({ id: toId(r.id, line), at: toMs(r.at, line), actor: r.actor, ip: r.ip ?? null, action: r.action, traineeId: r.traineeId ?? null, result: r.result, prevHash: r.prevHash, hash: r.hash, line });
		} else if (r?.type === 'head') {
			out.head = { lastId: toId(r.lastId, line), hash: String(r.hash), seal: String(r.seal ?? ''), rows: typeof r.rows === 'number' ? r.rows : null };
		} else throw new FormatError(`line ${line}: not a record of an mOTP audit export`);
	});
	return out;
}

function parseCsvExport(/** @type {string} */ text) {
	const { records, cut } = parseCsv(text);
	const header = records.shift();
	if (!header || header.cells.join(',') !== CSV_COLUMNS.join(',')) throw new FormatError('line 1: not the header of an mOTP audit export');
	/** @type {ParsedExport} */
	const out = { format: 'csv', cut, filter: null, anchor: null, head: null, rows: [] };
	for (const { cells: rawCells, line } of records) {
		if (rawCells.length === 1 && rawCells[0] === '') continue;
		if (rawCells.length !== CSV_COLUMNS.length) throw new FormatError(`line ${line}: ${rawCells.length} cells instead of ${CSV_COLUMNS.length}`);
		const [kind, id, at, actor, ip, action, traineeId, result, prevHash, hash, seal] = rawCells.map(unneutralise);
		if (kind === KIND.export) {
			try {
				out.filter = JSON.parse(/** @type {string} */ (result)).filter ?? null;
			} catch {
				throw new FormatError(`line ${line}: the export record's filter is not JSON`);
			}
		} else if (kind === KIND.anchor) out.anchor = { firstId: toId(id, line), prevHash: /** @type {string} */ (prevHash), seal: seal ?? '' };
		else if (kind === KIND.row) {
			out.rows.push({
				id: toId(id, line),
				at: toMs(at, line),
				actor: /** @type {string} */ (actor),
				ip: ip === '' ? null : /** @type {string} */ (ip),
				action: /** @type {string} */ (action),
				traineeId: traineeId === '' ? null : /** @type {string} */ (traineeId),
				result: /** @type {string} */ (result),
				prevHash: /** @type {string} */ (prevHash),
				hash: /** @type {string} */ (hash),
				line
			});
		} else if (kind === KIND.head) {
			const count = /^rows:(\d+)$/.exec(result ?? '');
			out.head = { lastId: toId(id, line), hash: /** @type {string} */ (hash), seal: seal ?? '', rows: count ? Number(count[1]) : null };
		} else throw new FormatError(`line ${line}: unknown record kind ${JSON.stringify(kind)}`);
	}
	return out;
}

/** The audit key the server seals with, from its 32-byte master key (src/lib/server/crypto/deriveKey.ts). */
export function auditKeyFromMaster(/** @type {string} */ hex) {
	if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new FormatError('the master key must be 64 hex digits');
	return Buffer.from(hkdfSync('sha256', Buffer.from(hex, 'hex'), new Uint8Array(0), 'motp-web/server/v1/audit', 32));
}

function seal(/** @type {Buffer} */ key, /** @type {number} */ id, /** @type {string} */ hash) {
	return createHmac('sha256', key).update(`motp-web/audit-head/v1\n${id}\n${hash}`).digest('hex');
}

/**
 * Checks a parsed export. Finds, without any key: an edited row (its hash no longer matches), a
 * deleted or inserted row and a reordered one (in a run with no trainee/action filter every link
 * is checked; with one, wherever ids are adjacent), and a cut-off file (no closing head record, or
 * rows that stop short of the head in an export that runs to it). With `expectedHead` (the head
 * hash the console shows, obtained apart from the file) it also finds a file whose chain was
 * recomputed after an edit; with `auditKey` (the institute's own check) it checks both seals.
 *
 * @param {ParsedExport} exp
 * @param {{ expectedHead?: string, auditKey?: Buffer }} [options]
 * @returns {{ ok: boolean, rows: number, contiguous: boolean, toHead: boolean, problems: Problem[], notes: string[] }}
 */
export function verifyExport(exp, options = {}) {
	/** @type {Problem[]} */
	const problems = [];
	/** @type {string[]} */
	const notes = [];
	const add = (/** @type {number} */ line, /** @type {number | null} */ id, /** @type {string} */ reason, /** @type {string} */ detail) => problems.push({ line, id, reason, detail });
	const f = exp.filter;
	if (!f) add(1, null, 'no-export-record', 'the file does not start with the export record (filter, chain start)');
	const contiguous = !!f && f.traineeId === null && f.action === null;
	const fromStart = contiguous && f.from === null;
	const toHead = contiguous && f.to === null;

	let prev = /** @type {ExportRow | null} */ (null);
	for (const row of exp.rows) {
		if (!HEX64.test(row.hash ?? '') || !HEX64.test(row.prevHash ?? '')) add(row.line, row.id, 'row-edited', 'a hash is not 64 hex digits');
		else if (rowHash(row) !== row.hash) add(row.line, row.id, 'row-edited', 'the row no longer gives its hash: it was changed');
		if (prev) {
			if (row.id <= prev.id) add(row.line, row.id, 'reordered', `entry #${row.id} comes after #${prev.id}`);
			else if (row.id === prev.id + 1) {
				if (row.prevHash !== prev.hash) add(row.line, row.id, 'link-broken', `entry #${row.id} does not follow #${prev.id}: a row was changed and re-hashed, or replaced`);
			} else if (contiguous) add(row.line, row.id, 'row-missing', `entries #${prev.id + 1}–#${row.id - 1} are missing`);
		} else if (fromStart && exp.anchor) {
			if (row.id !== exp.anchor.firstId) add(row.line, row.id, 'row-missing', `the chain starts at #${exp.anchor.firstId} but the first row is #${row.id}`);
			else if (row.prevHash !== exp.anchor.prevHash) add(row.line, row.id, 'link-broken', 'the first row does not follow the chain start');
		}
		prev = row;
	}
	if (exp.cut) add(0, null, 'truncated', 'the file ends inside a record: it is cut off');
	if (!exp.head) add(0, null, 'truncated', 'the closing head record is missing: the file is cut off');
	else {
		if (exp.head.rows !== null && exp.head.rows !== exp.rows.length) add(0, null, 'row-count', `the head record counts ${exp.head.rows} rows, the file has ${exp.rows.length}`);
		if (toHead) {
			if (prev ? prev.id !== exp.head.lastId || prev.hash !== exp.head.hash : fromStart && exp.head.lastId >= (exp.anchor?.firstId ?? 1)) {
				add(0, prev?.id ?? null, 'tail-missing', `the rows end at #${prev?.id ?? 0} but the head is #${exp.head.lastId}: rows at the end were removed`);
			}
		}
		if (options.expectedHead !== undefined) {
			if (options.expectedHead.toLowerCase() !== exp.head.hash) add(0, exp.head.lastId, 'head-differs', 'the head hash differs from the one given: the chain in this file was recomputed, or it is another log');
		}
		if (options.auditKey) {
			if (seal(options.auditKey, exp.head.lastId, exp.head.hash) !== exp.head.seal) add(0, exp.head.lastId, 'head-seal', 'the head seal does not verify with this key');
			if (exp.anchor && exp.anchor.seal !== '' && seal(options.auditKey, exp.anchor.firstId, `anchor/${exp.anchor.prevHash}`) !== exp.anchor.seal) {
				add(0, exp.anchor.firstId, 'anchor-seal', 'the chain-start (retention) seal does not verify with this key');
			}
		}
	}
	if (!contiguous) notes.push('This export is filtered by trainee or action: each row is checked against its own hash, and links only between adjacent entries; a row removed from between two kept rows cannot be seen. Export without those filters to check every link.');
	if (contiguous && !toHead) notes.push('This export ends at a date (`to`), not at the head: rows cut off at its end cannot be told from rows outside the range.');
	if (contiguous && !fromStart) notes.push('This export starts at a date (`from`): its first row is not checked against the chain start.');
	if (options.expectedHead === undefined && !options.auditKey) {
		notes.push('Without the head hash from the console (--head) or the institute\'s key, a file whose whole chain was recomputed after an edit cannot be told from the original.');
	}
	if (exp.anchor && exp.anchor.prevHash !== GENESIS_HASH) notes.push(`Rows before #${exp.anchor.firstId} were removed by the retention rule; the chain is checked from there.`);
	return { ok: problems.length === 0, rows: exp.rows.length, contiguous, toHead, problems, notes };
}
