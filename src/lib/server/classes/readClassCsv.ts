import { decodeCsvBytes, type CsvEncoding } from './decodeCsvBytes';
import { fileProblem } from './ClassCsvError';
import { parseClassCsv, type ClassRow } from './parseClassCsv';

/**
 * The largest class CSV accepted: 1,000 rows of the longest allowed cells (64-character ids,
 * 50-character names in 3-byte UTF-8) fit; a real class of 1,000 is about 40 KB.
 */
export const MAX_CLASS_CSV_BYTES = 256 * 1024;

/** The same class decoded and sent back as UTF-8 (the console's confirmation step): CP949's 2-byte Hangul become 3 bytes. */
export const MAX_RESENT_CSV_BYTES = (MAX_CLASS_CSV_BYTES * 3) / 2;

/**
 * An upload's bytes to validated rows: size limit, encoding detection, then every row's rules.
 * @param maxBytes - {@link MAX_CLASS_CSV_BYTES}, or more for text this service decoded itself and
 *   sent back (CP949 Hangul takes 2 bytes, UTF-8 3: see `MAX_RESENT_CSV_BYTES`)
 */
export function readClassCsv(bytes: Uint8Array, maxBytes = MAX_CLASS_CSV_BYTES): { rows: ClassRow[]; encoding: CsvEncoding; text: string } {
	if (bytes.byteLength > maxBytes) throw fileProblem('too-large', `the file must be at most ${MAX_CLASS_CSV_BYTES / 1024} KiB`);
	if (bytes.byteLength === 0) throw fileProblem('empty', 'the file is empty');
	const { text, encoding } = decodeCsvBytes(bytes);
	return { rows: parseClassCsv(text), encoding, text };
}
