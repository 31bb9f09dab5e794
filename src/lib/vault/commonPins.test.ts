import { describe, expect, it } from 'vitest';
import { COMMON_PINS, isCommonPin } from './commonPins';

describe('COMMON_PINS', () => {
	it('holds 100 distinct 6-digit PINs, the most common first', () => {
		expect(COMMON_PINS).toHaveLength(100);
		expect(new Set(COMMON_PINS).size).toBe(100);
		for (const p of COMMON_PINS) expect(p).toMatch(/^[0-9]{6}$/);
		expect(COMMON_PINS.slice(0, 3)).toEqual(['123456', '111111', '123123']);
	});

	it.each(['123456', '000000', '654321', '121212', '112233', '159753', '353535'])('%s is common', (p) => expect(isCommonPin(p)).toBe(true));
	it.each(['482913', '907315', '246813', '012346'])('%s is not', (p) => expect(isCommonPin(p)).toBe(false));
});
