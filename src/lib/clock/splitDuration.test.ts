import { describe, expect, it } from 'vitest';
import { splitDuration } from './splitDuration';

describe('splitDuration', () => {
	const table: [number, ReturnType<typeof splitDuration>][] = [
		[252_000, { sign: 1, hours: 0, minutes: 4, seconds: 12 }],
		[-252_000, { sign: -1, hours: 0, minutes: 4, seconds: 12 }],
		[-17 * 3600_000, { sign: -1, hours: 17, minutes: 0, seconds: 0 }],
		[3.5 * 3600_000 + 59_600, { sign: 1, hours: 3, minutes: 31, seconds: 0 }],
		[499, { sign: 0, hours: 0, minutes: 0, seconds: 0 }],
		[-499, { sign: 0, hours: 0, minutes: 0, seconds: 0 }],
		[500, { sign: 1, hours: 0, minutes: 0, seconds: 1 }],
		[-500, { sign: -1, hours: 0, minutes: 0, seconds: 1 }],
		[0, { sign: 0, hours: 0, minutes: 0, seconds: 0 }]
	];
	it.each(table)('%d ms', (ms, parts) => expect(splitDuration(ms)).toEqual(parts));

	it('refuses non-finite input', () => {
		expect(() => splitDuration(NaN)).toThrow(TypeError);
		expect(() => splitDuration(-Infinity)).toThrow(TypeError);
	});
});
