import { describe, expect, it } from 'vitest';
import { recordStamp, sameStamp } from './recordStamp';

describe('recordStamp', () => {
	it('reads generation and mac; version 1 counts as generation 0; no record is null', () => {
		expect(recordStamp('{"version":2,"generation":7,"header":{},"db":{},"mac":"m"}')).toEqual({ generation: 7, mac: 'm' });
		expect(recordStamp('{"version":1,"header":{},"db":{},"mac":"m1"}')).toEqual({ generation: 0, mac: 'm1' });
		expect(recordStamp(undefined)).toBeNull();
	});

	it.each(['', 'not json', '{"version":2,"generation":"7","mac":"m"}', '{"version":2,"generation":1}', '[]', '{"version":2,"generation":1.5,"mac":"m"}'])(
		'gives an unreadable record %j a stamp that matches nothing, not even itself',
		(text) => {
			const s = recordStamp(text);
			expect(s).not.toBeNull();
			expect(sameStamp(s, s)).toBe(false);
		}
	);

	it('compares both parts: the same generation of another vault is another record (ABA)', () => {
		const a = { generation: 3, mac: 'a' };
		expect(sameStamp(a, { generation: 3, mac: 'a' })).toBe(true);
		expect(sameStamp(a, { generation: 3, mac: 'b' })).toBe(false);
		expect(sameStamp(a, { generation: 4, mac: 'a' })).toBe(false);
		expect(sameStamp(null, null)).toBe(true);
		expect(sameStamp(a, null)).toBe(false);
	});
});
