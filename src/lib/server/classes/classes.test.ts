import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ClassCsvError, type ClassCsvProblem } from './ClassCsvError';
import { classResultCsv, csvCell, type ClassResultRow } from './classResultCsv';
import { decodeCsvBytes } from './decodeCsvBytes';
import { MAX_CLASS_ROWS, parseClassCsv } from './parseClassCsv';
import { MAX_CLASS_CSV_BYTES, readClassCsv } from './readClassCsv';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../../../tests/fixtures/classes/${name}`, import.meta.url)));
const utf8 = (text: string) => new TextEncoder().encode(text);
const EXPECTED = [
	{ row: 2, traineeId: 'K-001', name: '홍길동', phoneDigits: '01012345678' },
	{ row: 3, traineeId: 'K-002', name: '김 똠방', phoneDigits: '01022223333' },
	{ row: 4, traineeId: 'K-003', name: '박햏, 주니어', phoneDigits: '01055556666' }
];

/** The problems a CSV is refused with. */
function problemsOf(fn: () => unknown): ClassCsvProblem[] {
	try {
		fn();
	} catch (error) {
		if (error instanceof ClassCsvError) return [...error.problems];
		throw error;
	}
	throw new Error('expected a ClassCsvError');
}

describe('decodeCsvBytes: what Excel writes', () => {
	it('reads a real CP949 file (iconv -t CP949), extended Hangul (똠, 햏) included, which plain EUC-KR cannot hold', () => {
		const bytes = fixture('class-cp949.csv');
		expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
		expect(decodeCsvBytes(bytes).encoding).toBe('cp949');
		// Why iconv-lite: Node's own euc-kr decoder (ICU) silently drops the extended Hangul.
		expect(new TextDecoder('euc-kr').decode(bytes)).not.toContain('똠');
		expect(readClassCsv(bytes).rows).toEqual(EXPECTED);
	});

	it('reads the same class as UTF-8 with and without a BOM, and as UTF-16 with a BOM', () => {
		expect(readClassCsv(fixture('class-utf8.csv'))).toMatchObject({ encoding: 'utf-8', rows: EXPECTED });
		expect(readClassCsv(fixture('class-utf8-bom.csv'))).toMatchObject({ encoding: 'utf-8-bom', rows: EXPECTED });
		const text = new TextDecoder().decode(fixture('class-utf8.csv'));
		const le = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
		expect(readClassCsv(le)).toMatchObject({ encoding: 'utf-16le', rows: EXPECTED });
	});

	it('CP949 produced by this machine’s iconv, for any Hangul syllable block, decodes back exactly', () => {
		const names = ['가나다', '뷁똠햏', '쀍쒯', '힣'];
		const text = `traineeId,name,phone\n${names.map((n, i) => `X-${i},${n},0101234567${i}`).join('\n')}\n`;
		const bytes = new Uint8Array(execFileSync('iconv', ['-f', 'UTF-8', '-t', 'CP949'], { input: text }));
		expect(readClassCsv(bytes).rows.map((r) => r.name)).toEqual(names);
	});

	it('refuses binary, workbooks and undecodable bytes with one clear problem, never mojibake', () => {
		expect(problemsOf(() => decodeCsvBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]))).map((p) => p.code)).toEqual(['spreadsheet']);
		expect(problemsOf(() => decodeCsvBytes(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).map((p) => p.code)).toEqual(['spreadsheet']);
		expect(problemsOf(() => decodeCsvBytes(utf8('a,b\0c'))).map((p) => p.code)).toEqual(['binary']);
		// 0xFF is a lead byte in neither UTF-8 nor CP949.
		expect(problemsOf(() => decodeCsvBytes(new Uint8Array([0x61, 0xff, 0xff, 0x62]))).map((p) => p.code)).toEqual(['encoding']);
		// A PNG: not text.
		expect(problemsOf(() => readClassCsv(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))).map((p) => p.code)).toEqual(['binary']);
	});

	it('refuses a file over the size limit before decoding it, and an empty one', () => {
		expect(problemsOf(() => readClassCsv(new Uint8Array(MAX_CLASS_CSV_BYTES + 1).fill(0x61))).map((p) => p.code)).toEqual(['too-large']);
		expect(problemsOf(() => readClassCsv(new Uint8Array(0))).map((p) => p.code)).toEqual(['empty']);
		expect(problemsOf(() => readClassCsv(utf8('traineeId,name,phone\r\n\r\n'))).map((p) => p.code)).toEqual(['empty']);
	});
});

describe('parseClassCsv: every problem at once, with spreadsheet row numbers', () => {
	it('reports all rows’ errors in one go, not the first one only', () => {
		const text = [
			'traineeId,name,phone',
			'A-1,홍길동,010-1234-5678', // row 2: fine
			'bad id!,김철수,010-1111-2222', // row 3: id
			'A-3, 이영희,010-1111', // row 4: name (leading space) and phone
			'', // row 5: blank, skipped
			'A-1,홍길순,010-9999-8888', // row 6: duplicate of row 2
			'A-7,,01012345678' // row 7: name missing
		].join('\n');
		const problems = problemsOf(() => parseClassCsv(text));
		expect(problems.map(({ code, row, column, firstRow }) => ({ code, row, column, ...(firstRow ? { firstRow } : {}) }))).toEqual([
			{ code: 'invalid', row: 3, column: 'traineeId' },
			{ code: 'invalid', row: 4, column: 'name' },
			{ code: 'invalid', row: 4, column: 'phone' },
			{ code: 'duplicate', row: 6, column: 'traineeId', firstRow: 2 },
			{ code: 'missing', row: 7, column: 'name' }
		]);
	});

	it('accepts Korean headers in any order, ignores other columns, trims ids and phones but never names', () => {
		const rows = parseClassCsv('이메일,휴대폰 번호,성명,훈련생 ID\nx@y,010 1234 5678,홍 길동, T-9 \n');
		expect(rows).toEqual([{ row: 2, traineeId: 'T-9', name: '홍 길동', phoneDigits: '01012345678' }]);
	});

	it('refuses a missing or ambiguous header, and broken quoting, saying where', () => {
		expect(problemsOf(() => parseClassCsv('T-1,홍길동,01012345678\n'))).toMatchObject([{ code: 'header', row: 1 }]);
		expect(problemsOf(() => parseClassCsv('id,traineeId,name,phone\n'))).toMatchObject([{ code: 'header', row: 1 }]);
		expect(problemsOf(() => parseClassCsv('traineeId,name,phone\nT-1,"홍길동,01012345678\n'))).toMatchObject([{ code: 'malformed' }]);
	});

	it('keeps quoted commas, quotes and line breaks inside a cell, and counts rows as a spreadsheet does', () => {
		// A line break inside a name is a control character: refused, on the row the spreadsheet shows.
		const problems = problemsOf(() => parseClassCsv('traineeId,name,phone\nT-1,"a\nb",01012345678\nT-2,"x""y",01012345678\nT-3,ok,1\n'));
		expect(problems.map((p) => [p.row, p.column])).toEqual([
			[2, 'name'],
			[4, 'phone']
		]);
	});

	it(`takes ${MAX_CLASS_ROWS} trainees and refuses one more`, () => {
		const make = (n: number) => `traineeId,name,phone\n${Array.from({ length: n }, (_, i) => `S-${i},훈련생${i},010${String(i).padStart(8, '0')}`).join('\n')}`;
		expect(parseClassCsv(make(MAX_CLASS_ROWS))).toHaveLength(MAX_CLASS_ROWS);
		expect(problemsOf(() => parseClassCsv(make(MAX_CLASS_ROWS + 1))).map((p) => p.code)).toEqual(['too-many-rows']);
	});
});

describe('classResultCsv', () => {
	const row = (over: Partial<ClassResultRow> = {}): ClassResultRow => ({
		traineeId: 'T-1',
		name: '홍 길동',
		phone: '010-1234-5678',
		enrollUrl: 'https://motp.example/enroll#abc_-DEF',
		enrollCode: 'ABCD-2345',
		expiresAt: '2026-12-02T14:00:00+09:00',
		...over
	});

	it('neutralises formula cells (= + - @, tab, CR) so a spreadsheet shows them as text', () => {
		for (const hostile of ['=HYPERLINK("http://evil","x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
			expect(csvCell(hostile).replace(/^"/, '').startsWith("'")).toBe(true);
		}
		expect(csvCell('홍길동')).toBe('홍길동');
		expect(csvCell('a,b')).toBe('"a,b"');
		expect(csvCell('say "hi"')).toBe('"say ""hi"""');
		const csv = classResultCsv([row({ name: '=cmd|calc' })]);
		expect(csv.split('\r\n')[1]).toBe("T-1,'=cmd|calc,010-1234-5678,https://motp.example/enroll#abc_-DEF,ABCD-2345,2026-12-02T14:00:00+09:00");
	});

	it('round-trips: 1,000 issued rows read back by the class parser as the same trainees', () => {
		const rows = Array.from({ length: 1000 }, (_, i) => row({ traineeId: `R-${i}`, name: i % 2 ? `김 ${i}, 주니어` : `이"${i}"`, phone: '010-1234-5678' }));
		const csv = classResultCsv(rows);
		expect(csv.startsWith('\uFEFFtraineeId,name,phone,enrollUrl,enrollCode,expiresAt\r\n')).toBe(true);
		const back = readClassCsv(utf8(csv)).rows;
		expect(back.map((r) => ({ traineeId: r.traineeId, name: r.name, phone: r.phoneDigits }))).toEqual(
			rows.map((r) => ({ traineeId: r.traineeId, name: r.name, phone: '01012345678' }))
		);
	});
});
