import { decodeCsvBytes, type CsvEncoding } from './decodeCsvBytes';
import { fileProblem } from './ClassCsvError';
import { parseClassCsv, type ClassRow } from './parseClassCsv';

/**
 * The largest class CSV accepted: 1,000 rows of the longest allowed cells (64-character ids,
 * 50-character names in 3-byte UTF-8) fit; a real class of 1,000 is about 40 KB.
 */
export const MAX_CLASS_CSV_BYTES = 256 * 1024;

/** An upload's bytes to validated rows: size limit, encoding detection, then every row's rules. */
export function readClassCsv(bytes: Uint8Array): { rows: ClassRow[]; encoding: CsvEncoding; text: string } {
	if (bytes.byteLength > MAX_CLASS_CSV_BYTES) throw fileProblem('too-large', `the file must be at most ${MAX_CLASS_CSV_BYTES / 1024} KiB`);
	if (bytes.byteLength === 0) throw fileProblem('empty', 'the file is empty');
	const { text, encoding } = decodeCsvBytes(bytes);
	return { rows: parseClassCsv(text), encoding, text };
}
