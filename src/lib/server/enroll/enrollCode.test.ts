import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ENROLL_CODE_ALPHABET, formatEnrollCode, generateEnrollCode, normalizeEnrollCode } from './enrollCode';
import { generateEnrollToken, isEnrollTokenShape } from './enrollToken';

describe('enrollment codes', () => {
	it('use 30 unambiguous symbols: no 0 O 1 I L U', () => {
		expect(ENROLL_CODE_ALPHABET).toHaveLength(30);
		for (const ch of '0O1ILU') expect(ENROLL_CODE_ALPHABET).not.toContain(ch);
		expect(new Set(ENROLL_CODE_ALPHABET).size).toBe(30);
	});

	it('round-trip: display form, lower case, without dash, with spaces', () => {
		fc.assert(
			fc.property(fc.uint8Array({ minLength: 64, maxLength: 64 }), (bytes) => {
				const code = generateEnrollCode(() => bytes);
				expect(code).toMatch(/^[2-9A-HJKMNP-TV-Z]{8}$/);
				const shown = formatEnrollCode(code);
				expect(shown).toMatch(/^.{4}-.{4}$/);
				for (const typed of [shown, shown.toLowerCase(), code, ` ${shown.slice(0, 2)} ${shown.slice(2)} `]) {
					expect(normalizeEnrollCode(typed)).toBe(code);
				}
			})
		);
	});

	const bad = ['', 'ABCD-EFG', 'ABCD-EFGHJ', 'ABCD_EFGH', 'O0O0-1I1L', 'ABCD-EFGÜ', 'ABCD—EFGH', 'x'.repeat(100), 'ABCD\u0000EFGH'];
	for (const input of bad) {
		it(`refuses ${JSON.stringify(input.slice(0, 20))}`, () => expect(normalizeEnrollCode(input)).toBeNull());
	}

	it('rejection sampling draws every symbol about equally often', () => {
		const counts = new Map<string, number>();
		for (let i = 0; i < 3000; i++) for (const ch of generateEnrollCode()) counts.set(ch, (counts.get(ch) ?? 0) + 1);
		expect(counts.size).toBe(30);
		const expected = (3000 * 8) / 30; // 800
		for (const n of counts.values()) expect(Math.abs(n - expected)).toBeLessThan(200);
	});

	it('skips bytes ≥ 240 instead of folding them onto the first symbols', () => {
		let call = 0;
		const code = generateEnrollCode((n) => (call++ === 0 ? new Uint8Array(n).fill(250) : new Uint8Array(n).fill(0)));
		expect(code).toBe('22222222');
	});
});

describe('enrollment tokens', () => {
	it('are 192-bit base64url and never repeat', () => {
		const seen = new Set<string>();
		for (let i = 0; i < 200; i++) {
			const t = generateEnrollToken();
			expect(t).toMatch(/^[A-Za-z0-9_-]{32}$/);
			expect(isEnrollTokenShape(t)).toBe(true);
			seen.add(t);
		}
		expect(seen.size).toBe(200);
	});

	for (const t of ['', 'short', 'a'.repeat(21), 'a'.repeat(129), 'a+b/'.repeat(8), 'a='.repeat(16), 'a b'.repeat(10)]) {
		it(`token shape refuses ${JSON.stringify(t.slice(0, 12))}…`, () => expect(isEnrollTokenShape(t)).toBe(false));
	}
});
