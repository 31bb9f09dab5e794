import { describe, expect, it } from 'vitest';
import { ApiError } from '../ApiError';
import { parseName, parseOtpCode, parsePhone, parseTraineeId } from './fields';
import { formatPhone, phoneDigits } from './phone';

const refuses = (fn: () => unknown) => expect(fn).toThrow(ApiError);

describe('phone numbers', () => {
	const good: [string, string, string][] = [
		['010-1234-5678', '01012345678', '010-1234-5678'],
		['01012345678', '01012345678', '010-1234-5678'],
		['010 1234 5678', '01012345678', '010-1234-5678'],
		[' 010-1234-5678 ', '01012345678', '010-1234-5678'],
		['011-123-4567', '0111234567', '011-123-4567'],
		['02-1234-5678', '0212345678', '02-1234-5678'],
		['02-123-4567', '021234567', '02-123-4567']
	];
	for (const [typed, digits, shown] of good.filter(([, d]) => d.length >= 10)) {
		it(`${typed} → ${digits} → ${shown}`, () => {
			expect(phoneDigits(typed)).toBe(digits);
			expect(formatPhone(digits)).toBe(shown);
			expect(parsePhone(typed)).toBe(digits);
		});
	}
	for (const bad of ['', '010', '010-123-456', '010-12345-67890', '+82-10-1234-5678', '010.1234.5678', '010-1234-567８', 'phone']) {
		it(`refuses ${JSON.stringify(bad)}`, () => {
			expect(phoneDigits(bad)).toBeNull();
			refuses(() => parsePhone(bad));
		});
	}
});

describe('names', () => {
	for (const ok of ['홍길동', '홍 길동', '홍  길동', 'Kim Chul-soo', 'A', '가'.repeat(50), '👩‍💻 Lee']) {
		it(`keeps ${JSON.stringify(ok)} exactly`, () => expect(parseName(ok)).toBe(ok));
	}
	for (const bad of ['', ' ', ' 홍길동', '홍길동 ', '홍\t길동', '홍\n길동', 'a\u0085b', '\ud800', '가'.repeat(51)]) {
		it(`refuses ${JSON.stringify(bad)}`, () => refuses(() => parseName(bad)));
	}
});

describe('trainee ids and codes', () => {
	for (const ok of ['T-1', 'a', 'user.name_01', 'A'.repeat(64)]) it(`id ${ok}`, () => expect(parseTraineeId(ok)).toBe(ok));
	for (const bad of ['', 'a b', 'a/b', '../x', '홍', 'a'.repeat(65), 'a\u0000']) {
		it(`refuses id ${JSON.stringify(bad.slice(0, 10))}`, () => refuses(() => parseTraineeId(bad)));
	}
	for (const bad of ['', '12345', '1234567', '12 456', '١٢٣٤٥٦', 'abcdef']) {
		it(`refuses code ${JSON.stringify(bad)}`, () => refuses(() => parseOtpCode(bad)));
	}
	it('accepts 6 ASCII digits with leading zeros', () => expect(parseOtpCode('000123')).toBe('000123'));
});
