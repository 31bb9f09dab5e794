import { describe, expect, it } from 'vitest';
import type { ClockSnapshot } from './CorrectedClock';
import { presentClock } from './presentClock';

const H = 3600_000;
const TRUE = Date.UTC(2025, 0, 15, 12);

const measured = (deviceAheadMs: number, enabled = true): ClockSnapshot => ({
	enabled,
	source: 'measured',
	deviceTime: TRUE + deviceAheadMs,
	trueTime: TRUE,
	codeTime: enabled ? TRUE : TRUE + deviceAheadMs,
	offsetMs: -deviceAheadMs,
	ageMs: 180_000,
	uncertaintyMs: 25
});

describe('presentClock', () => {
	it('says nothing alarming before any measurement', () => {
		const p = presentClock(
			{ enabled: true, source: null, deviceTime: TRUE, trueTime: null, codeTime: TRUE, offsetMs: null, ageMs: null, uncertaintyMs: null },
			{ timeZone: 'Europe/Berlin' }
		);
		expect(p).toEqual({
			correction: 'on', source: null, codesCorrected: false, deviceTime: TRUE, trueTime: null,
			offset: null, ageMs: null, age: null, skew: null
		});
	});

	it('"codes use server time, offset +4 min 12 s, measured 3 min ago"', () => {
		const p = presentClock(measured(-252_000), { timeZone: 'Europe/Berlin' });
		expect(p.codesCorrected).toBe(true);
		expect(p.offset).toEqual({ sign: 1, hours: 0, minutes: 4, seconds: 12 });
		expect(p.age).toEqual({ sign: 1, hours: 0, minutes: 3, seconds: 0 });
		expect(p.skew).toEqual({ severity: 'warning', direction: 'behind', amountMs: 252_000, diagnosis: null });
	});

	it('explains the Korea-time mistake, and that codes are right anyway', () => {
		const p = presentClock(measured(8 * H), { timeZone: 'Europe/Berlin' });
		expect(p.skew?.diagnosis).toEqual({ kind: 'korea-time-by-hand', hours: 8 });
		expect(p.codesCorrected).toBe(true);
		expect(p.offset?.sign).toBe(-1);
	});

	it('with correction off, codes are not corrected but the warning stays', () => {
		const p = presentClock(measured(8 * H, false), { timeZone: 'Europe/Berlin' });
		expect(p.correction).toBe('off');
		expect(p.codesCorrected).toBe(false);
		expect(p.skew?.severity).toBe('warning');
	});

	it('passes the step on', () => {
		expect(presentClock(measured(20_000), { timeZone: 'UTC' }).skew?.severity).toBe('notice');
		expect(presentClock(measured(20_000), { timeZone: 'UTC', periodSec: 30 }).skew?.severity).toBe('warning');
	});
});
