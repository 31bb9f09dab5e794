import iconv from 'iconv-lite';
import { fileProblem } from './ClassCsvError';

/** The encodings a class CSV may arrive in. */
export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'cp949';

/**
 * The text of an uploaded CSV, whatever Excel saved it as:
 * - UTF-8 with a BOM ("CSV UTF-8" in Excel) or without one;
 * - UTF-16 with a BOM ("Unicode text");
 * - CP949, what Excel in Korea writes for plain "CSV": EUC-KR plus the 8,822 extended Hangul
 *   syllables (똠, 햏, 뷁…). Read with iconv-lite's `cp949` table, not Node's
 *   `TextDecoder('euc-kr')`: Node's ICU build decodes plain EUC-KR only and turns 똠 (0x8C 0x63)
 *   into "c" without an error (checked against an `iconv -t CP949` fixture; see
 *   docs/decisions-server.md, "Class CSV encodings").
 *
 * Bytes that are valid UTF-8 are read as UTF-8 (CP949 text with Hangul is almost never valid
 * UTF-8); anything else is tried as CP949, strictly (a byte sequence CP949 does not define makes
 * iconv-lite emit U+FFFD, which CP949 itself cannot encode, so its presence means refuse), so
 * random bytes are refused rather than turned into mojibake.
 *
 * @throws ClassCsvError `spreadsheet` (a zip or OLE file: .xlsx or .xls), `binary` (NUL bytes),
 *   `encoding` (none of the above decodes it)
 */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
	if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
		throw fileProblem('spreadsheet', 'this is an Excel workbook; save it as CSV first');
	}
	if (startsWith(bytes, [0xff, 0xfe])) return { text: strict('utf-16le', bytes.subarray(2)), encoding: 'utf-16le' };
	if (startsWith(bytes, [0xfe, 0xff])) return { text: strict('utf-16be', bytes.subarray(2)), encoding: 'utf-16be' };
	if (bytes.includes(0)) throw fileProblem('binary', 'the file contains NUL bytes: it is not a text file');
	if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { text: strict('utf-8', bytes.subarray(3)), encoding: 'utf-8-bom' };
	const utf8 = tryDecode('utf-8', bytes);
	if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
	const cp949 = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'cp949', { stripBOM: false });
	if (!cp949.includes('\uFFFD')) return { text: cp949, encoding: 'cp949' };
	throw fileProblem('encoding', 'the file is neither UTF-8 nor CP949 (EUC-KR) text');
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
	return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

function tryDecode(label: string, bytes: Uint8Array): string | null {
	try {
		// ignoreBOM: a BOM was handled above; one left here is content (and then refused as such).
		return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
	} catch {
		return null;
	}
}

function strict(label: string, bytes: Uint8Array): string {
	const text = tryDecode(label, bytes);
	if (text === null) throw fileProblem('encoding', `the file starts like ${label.toUpperCase()} but is not valid ${label.toUpperCase()}`);
	if (text.includes('\0')) throw fileProblem('binary', 'the file contains NUL characters: it is not a text file');
	return text;
}
