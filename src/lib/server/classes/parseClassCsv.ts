import { parse } from 'csv-parse/sync';
import { ApiError } from '../ApiError';
import { parseName, parsePhone, parseTraineeId } from '../validate/fields';
import { ClassCsvError, fileProblem, type ClassCsvProblem } from './ClassCsvError';

/** The most trainees one upload may hold: a large class, printed in one go. */
export const MAX_CLASS_ROWS = 1000;

/** One validated trainee of a class. */
export interface ClassRow {
	/** Row number as a spreadsheet shows it (header = 1). */
	row: number;
	traineeId: string;
	name: string;
	phoneDigits: string;
}

type Column = 'traineeId' | 'name' | 'phone';

/**
 * Header spellings accepted per column, compared without case, spaces or `_`: the English
 * names, and the Korean an institute's own sheet is likely to use.
 */
const HEADERS: Record<Column, readonly string[]> = {
	traineeId: ['traineeid', 'id', '훈련생id', '아이디', '회원id', '학번'],
	name: ['name', '이름', '성명', '훈련생이름', '훈련생명'],
	phone: ['phone', 'phonenumber', 'mobile', '전화번호', '휴대폰', '휴대폰번호', '휴대전화', '휴대전화번호', '연락처']
};

const headerKey = (cell: string) => cell.replace(/[\s_]/g, '').toLowerCase();

/**
 * Reads a class CSV (`traineeId,name,phone`, the header first, columns in any order, other columns
 * ignored) and validates every row with the same field rules as a single enrollment
 * (`validate/fields.ts`). Blank rows are skipped. The traineeId and phone cells are trimmed (a
 * space after a comma is common in hand-written files); names are kept exactly as written, so
 * a stray space is an error the institute sees, never a silent change (names must match the
 * institute's record exactly, spaces included).
 *
 * @returns the rows, in file order
 * @throws ClassCsvError with **every** problem found (row numbers as a spreadsheet shows them),
 *   so the institute fixes the file once, not once per error
 */
export function parseClassCsv(text: string): ClassRow[] {
	let records: string[][];
	try {
		records = parse(text, { relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: true }) as string[][];
	} catch (error) {
		const line = (error as { lines?: number }).lines;
		throw new ClassCsvError([
			{ code: 'malformed', row: typeof line === 'number' ? line : null, column: null, message: 'broken CSV quoting (an unclosed or stray double quote)' }
		]);
	}
	const header = records[0];
	if (!header) throw fileProblem('empty', 'the file is empty');
	const index = columnsOf(header);
	if (!index) {
		throw new ClassCsvError([{ code: 'header', row: 1, column: null, message: 'the first row must name the columns traineeId,name,phone' }]);
	}
	const body = records.slice(1).map((cells, i) => ({ cells, row: i + 2 })).filter(({ cells }) => cells.some((c) => c.trim() !== ''));
	if (body.length === 0) throw fileProblem('empty', 'the file has no trainee rows');
	if (body.length > MAX_CLASS_ROWS) throw fileProblem('too-many-rows', `at most ${MAX_CLASS_ROWS} trainees per upload (this file has ${body.length})`);

	const problems: ClassCsvProblem[] = [];
	const rows: ClassRow[] = [];
	const seen = new Map<string, number>();
	for (const { cells, row } of body) {
		const cell = (column: Column) => cells[index[column]] ?? '';
		const traineeId = field(problems, row, 'traineeId', cell('traineeId').trim(), parseTraineeId);
		const name = field(problems, row, 'name', cell('name'), parseName);
		const phoneDigits = field(problems, row, 'phone', cell('phone').trim(), parsePhone);
		if (traineeId !== null) {
			const first = seen.get(traineeId);
			if (first !== undefined) {
				problems.push({ code: 'duplicate', row, column: 'traineeId', firstRow: first, message: `traineeId ${traineeId} is already on row ${first}` });
			} else seen.set(traineeId, row);
		}
		if (traineeId !== null && name !== null && phoneDigits !== null) rows.push({ row, traineeId, name, phoneDigits });
	}
	if (problems.length > 0) throw new ClassCsvError(problems);
	return rows;
}

/** Where each column is, or `null` when the header lacks one (or names one twice). */
function columnsOf(header: readonly string[]): Record<Column, number> | null {
	const found: Partial<Record<Column, number>> = {};
	header.forEach((cell, i) => {
		const key = headerKey(cell);
		for (const column of Object.keys(HEADERS) as Column[]) {
			if (HEADERS[column].includes(key)) found[column] = found[column] === undefined ? i : -1;
		}
	});
	const { traineeId, name, phone } = found;
	if (traineeId === undefined || name === undefined || phone === undefined || traineeId < 0 || name < 0 || phone < 0) return null;
	return { traineeId, name, phone };
}

/** One cell through its field rule; a refusal becomes a problem and `null`. */
function field(problems: ClassCsvProblem[], row: number, column: Column, value: string, rule: (v: string, field: string) => string): string | null {
	if (value.trim() === '') {
		problems.push({ code: 'missing', row, column, message: `${column} is empty` });
		return null;
	}
	try {
		return rule(value, column);
	} catch (error) {
		if (!(error instanceof ApiError)) throw error;
		problems.push({ code: 'invalid', row, column, message: error.message });
		return null;
	}
}
