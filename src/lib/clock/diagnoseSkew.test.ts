import { describe, expect, it } from 'vitest';
import { diagnoseSkew, type SkewReport } from './diagnoseSkew';

const H = 3600_000;
const M = 60_000;
const WINTER = Date.UTC(2025, 0, 15, 12);
const SUMMER = Date.UTC(2025, 6, 15, 12);

type Row = [label: string, zone: string, at: number, deviceAheadMs: number, expected: Partial<SkewReport>];

// deviceAheadMs is how far the device clock is ahead; the offset passed in is its negation.
const table: Row[] = [
	['correct clock in UTC', 'UTC', WINTER, 0, { severity: 'ok', direction: null, diagnosis: null }],
	['correct clock in Los Angeles', 'America/Los_Angeles', SUMMER, 300, { severity: 'ok', direction: null, diagnosis: null }],
	['correct clock in Seoul', 'Asia/Seoul', WINTER, -800, { severity: 'ok', diagnosis: null }],
	['10 s fast', 'Europe/Berlin', WINTER, 10_000, { severity: 'ok', direction: null, amountMs: 10_000 }],
	['exactly 15 s fast', 'Europe/Berlin', WINTER, 15_000, { severity: 'ok' }],
	['20 s fast', 'Europe/Berlin', WINTER, 20_000, { severity: 'notice', direction: 'ahead', amountMs: 20_000, diagnosis: null }],
	['20 s slow', 'Europe/Berlin', WINTER, -20_000, { severity: 'notice', direction: 'behind' }],
	['exactly 30 s fast', 'Europe/Berlin', WINTER, 30_000, { severity: 'notice' }],
	['40 s fast', 'Europe/Berlin', WINTER, 40_000, { severity: 'warning', direction: 'ahead', diagnosis: null }],
	['4 min 12 s fast', 'Europe/Berlin', WINTER, 252_000, { severity: 'warning', direction: 'ahead', amountMs: 252_000, diagnosis: null }],
	['30 min fast (not a zone)', 'Europe/Berlin', WINTER, 30 * M, { severity: 'warning', diagnosis: null }],
	['Berlin winter set to KST by hand: 8 h ahead', 'Europe/Berlin', WINTER, 8 * H, {
		severity: 'warning', direction: 'ahead', amountMs: 8 * H, diagnosis: { kind: 'korea-time-by-hand', hours: 8 }
	}],
	['Berlin summer set to KST by hand: 7 h ahead', 'Europe/Berlin', SUMMER, 7 * H, { diagnosis: { kind: 'korea-time-by-hand', hours: 7 } }],
	['Berlin set to KST in winter, still 8 h in summer', 'Europe/Berlin', SUMMER, 8 * H, { diagnosis: { kind: 'korea-time-by-hand', hours: 8 } }],
	['Berlin KST by hand, 1 min 40 s off the hour', 'Europe/Berlin', WINTER, 8 * H - 100_000, { diagnosis: { kind: 'korea-time-by-hand', hours: 8 } }],
	['Los Angeles winter set to KST: 17 h ahead', 'America/Los_Angeles', WINTER, 17 * H, { diagnosis: { kind: 'korea-time-by-hand', hours: 17 } }],
	['Los Angeles summer set to KST: 16 h ahead', 'America/Los_Angeles', SUMMER, 16 * H, { diagnosis: { kind: 'korea-time-by-hand', hours: 16 } }],
	['Kolkata set to KST: 3 h 30 ahead', 'Asia/Kolkata', WINTER, 3.5 * H, { diagnosis: { kind: 'korea-time-by-hand', hours: 3.5 } }],
	['Kathmandu set to KST: 3 h 15 ahead', 'Asia/Kathmandu', WINTER, 3.25 * H, { diagnosis: { kind: 'korea-time-by-hand', hours: 3.25 } }],
	['UTC set to KST: 9 h ahead', 'UTC', WINTER, 9 * H, { diagnosis: { kind: 'korea-time-by-hand', hours: 9 } }],
	['Sydney summer set to KST: 2 h behind', 'Australia/Sydney', WINTER, -2 * H, {
		direction: 'behind', diagnosis: { kind: 'korea-time-by-hand', hours: 2 }
	}],
	// Decision: Seoul cannot have the Korea-time mistake; a whole hour off is "another zone by hand".
	['Seoul 1 h fast', 'Asia/Seoul', WINTER, 1 * H, { severity: 'warning', diagnosis: { kind: 'zone-mismatch-by-hand', hours: 1 } }],
	['Tokyo (UTC+9) 1 h slow', 'Asia/Tokyo', WINTER, -1 * H, { direction: 'behind', diagnosis: { kind: 'zone-mismatch-by-hand', hours: 1 } }],
	['Berlin 2 h fast (Moscow time)', 'Europe/Berlin', WINTER, 2 * H, { diagnosis: { kind: 'zone-mismatch-by-hand', hours: 2 } }],
	['Berlin 4 h 30 fast (India time)', 'Europe/Berlin', WINTER, 4.5 * H, { diagnosis: { kind: 'zone-mismatch-by-hand', hours: 4.5 } }],
	['Berlin 1 h 20 fast: no zone', 'Europe/Berlin', WINTER, 80 * M, { severity: 'warning', diagnosis: null }],
	['Kiritimati (UTC+14) 2 h fast: no such zone', 'Pacific/Kiritimati', WINTER, 2 * H, { severity: 'warning', diagnosis: null }],
	['device years off (dead battery)', 'Europe/Berlin', WINTER, -55 * 365 * 24 * H, { severity: 'warning', direction: 'behind', diagnosis: null }]
];

describe('diagnoseSkew', () => {
	it.each(table)('%s', (_, timeZone, at, deviceAheadMs, expected) => {
		const report = diagnoseSkew({ offsetMs: -deviceAheadMs, timeZone, at });
		expect(report).toMatchObject(expected);
		expect(report.direction === null).toBe(report.severity === 'ok');
		if (report.severity === 'ok') expect(report.diagnosis).toBeNull();
	});

	it('judges the least error the measurement allows, so a slow network never flags a good clock', () => {
		expect(diagnoseSkew({ offsetMs: -20_000, uncertaintyMs: 6000, timeZone: 'UTC', at: WINTER }).severity).toBe('ok');
		expect(diagnoseSkew({ offsetMs: -40_000, uncertaintyMs: 20_000, timeZone: 'UTC', at: WINTER }).severity).toBe('notice');
	});

	it('does not diagnose a zone from a measurement too coarse to tell', () => {
		const r = diagnoseSkew({ offsetMs: -8 * H, uncertaintyMs: 3 * M, timeZone: 'Europe/Berlin', at: WINTER });
		expect(r).toMatchObject({ severity: 'warning', diagnosis: null });
	});

	it('scales the warning with the step: half of a 30 s step is 15 s', () => {
		const r = diagnoseSkew({ offsetMs: -16_000, timeZone: 'UTC', at: WINTER, periodSec: 30 });
		expect(r.severity).toBe('warning');
	});

	it('refuses bad arguments by name', () => {
		const ok = { offsetMs: 0, timeZone: 'UTC', at: WINTER };
		expect(() => diagnoseSkew({ ...ok, offsetMs: NaN })).toThrow(/offsetMs/);
		expect(() => diagnoseSkew({ ...ok, at: Infinity })).toThrow(/at/);
		expect(() => diagnoseSkew({ ...ok, uncertaintyMs: -1 })).toThrow(/uncertaintyMs/);
		expect(() => diagnoseSkew({ ...ok, periodSec: 0 })).toThrow(/periodSec/);
		expect(() => diagnoseSkew({ ...ok, timeZone: 'Nowhere/Land' })).toThrow(RangeError);
	});
});
