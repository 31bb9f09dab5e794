/** What can be wrong with a class CSV: the file as a whole, or one cell of one row. */
export type ClassCsvProblemCode =
	/** The file is over the size limit (`MAX_CLASS_CSV_BYTES`). */
	| 'too-large'
	/** No trainee rows at all (an empty file, or a header only). */
	| 'empty'
	/** An Excel workbook (.xlsx/.xls) instead of a CSV. */
	| 'spreadsheet'
	/** Not text: NUL bytes or other binary content. */
	| 'binary'
	/** Neither UTF-8 (with or without BOM), UTF-16 with BOM, nor CP949. */
	| 'encoding'
	/** Broken CSV quoting (an unclosed quote, a stray quote inside a cell). */
	| 'malformed'
	/** The first row does not name the columns traineeId, name and phone. */
	| 'header'
	/** More trainee rows than `MAX_CLASS_ROWS`. */
	| 'too-many-rows'
	/** A cell that breaks the field rule of its column (`column` says which). */
	| 'invalid'
	/** A required cell left empty (`column` says which). */
	| 'missing'
	/** The same traineeId on an earlier row (`firstRow`). */
	| 'duplicate';

/** One problem, with the row number a spreadsheet shows (the header is row 1). */
export interface ClassCsvProblem {
	code: ClassCsvProblemCode;
	/** Row number as a spreadsheet shows it (header = 1), or `null` for the file as a whole. */
	row: number | null;
	column: 'traineeId' | 'name' | 'phone' | null;
	/** For `duplicate`: the row where the traineeId first appeared. */
	firstRow?: number;
	/** A plain-English description (the console shows its own words per `code`). */
	message: string;
}

/** A class CSV that cannot be issued, with *every* problem found in it, not just the first. */
export class ClassCsvError extends Error {
	readonly problems: readonly ClassCsvProblem[];

	constructor(problems: readonly ClassCsvProblem[]) {
		super(`the class CSV has ${problems.length} problem(s): ${problems.slice(0, 3).map((p) => (p.row ? `row ${p.row}: ` : '') + p.message).join('; ')}`);
		this.name = 'ClassCsvError';
		this.problems = problems;
	}
}

/** A single whole-file problem. */
export function fileProblem(code: ClassCsvProblemCode, message: string): ClassCsvError {
	return new ClassCsvError([{ code, row: null, column: null, message }]);
}
