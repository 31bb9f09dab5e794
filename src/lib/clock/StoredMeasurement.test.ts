import { describe, expect, it } from 'vitest';
import { ClockError } from './ClockError';
import { parseStoredMeasurement } from './StoredMeasurement';

const good = { offsetMs: -8 * 3600_000, measuredAt: Date.UTC(2025, 0, 15), rttMs: 40, uncertaintyMs: 20.5 };

describe('parseStoredMeasurement', () => {
	it('accepts a record and drops extra fields', () => {
		expect(parseStoredMeasurement({ ...good, extra: 1 })).toEqual(good);
	});

	const bad: [string, unknown][] = [
		['null', null],
		['a string', JSON.stringify(good)],
		['missing offsetMs', { ...good, offsetMs: undefined }],
		['NaN offsetMs', { ...good, offsetMs: NaN }],
		['string offsetMs', { ...good, offsetMs: '0' }],
		['absurd offsetMs', { ...good, offsetMs: 1e15 }],
		['measuredAt in 1970', { ...good, measuredAt: 0 }],
		['Infinity measuredAt', { ...good, measuredAt: Infinity }],
		['negative rttMs', { ...good, rttMs: -1 }],
		['missing uncertaintyMs', { ...good, uncertaintyMs: undefined }]
	];
	it.each(bad)('refuses %s', (_, value) => {
		expect(() => parseStoredMeasurement(value)).toThrow(ClockError);
		expect(() => parseStoredMeasurement(value)).toThrow(expect.objectContaining({ code: 'BAD_STORED_MEASUREMENT' }));
	});
});
