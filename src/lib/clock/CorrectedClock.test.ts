import { describe, expect, it } from 'vitest';
import { CorrectedClock, JUMP_TOLERANCE_MS } from './CorrectedClock';
import type { StoredMeasurement } from './StoredMeasurement';

const H = 3600_000;
const TRUE_START = Date.UTC(2025, 0, 15, 9);

/**
 * A fake world: true time passes with `advance`; the device wall clock is true time plus a
 * settable error; the monotonic clock ticks with true time except while `sleep`ing.
 */
function world(deviceAheadMs: number) {
	let trueTime = TRUE_START;
	let mono = 1000;
	let error = deviceAheadMs;
	return {
		wallNow: () => trueTime + error,
		monotonicNow: () => mono,
		trueNow: () => trueTime,
		advance(ms: number) {
			trueTime += ms;
			mono += ms;
		},
		sleep(ms: number) {
			trueTime += ms; // performance.now() does not tick during device sleep
		},
		setDeviceError(ms: number) {
			error = ms;
		},
		/** What measureClock would return right now, measured perfectly. */
		measurement() {
			return { offsetMs: -error, rttMs: 40, uncertaintyMs: 20.5, measuredAtWall: trueTime + error, measuredAtMonotonic: mono };
		}
	};
}

describe('CorrectedClock', () => {
	it('is the device clock until measured', () => {
		const w = world(8 * H);
		const c = new CorrectedClock(w);
		expect(c.now()).toBe(w.wallNow());
		expect([c.trueNow(), c.offsetMs(), c.ageMs(), c.uncertaintyMs(), c.measurement(), c.source]).toEqual([null, null, null, null, null, null]);
	});

	it('corrects a device clock 8 h ahead to true time, and keeps it as time passes', () => {
		const w = world(8 * H);
		const c = new CorrectedClock(w);
		c.anchor(w.measurement());
		expect(c.now()).toBe(w.trueNow());
		w.advance(90_000);
		expect(c.now()).toBe(w.trueNow());
		expect(c.offsetMs()).toBe(-8 * H);
		expect(c.ageMs()).toBe(90_000);
		expect(c.source).toBe('measured');
	});

	it('does not move codes when the wall clock is set back after the measurement (user fixes it)', () => {
		const w = world(8 * H);
		const c = new CorrectedClock(w);
		c.anchor(w.measurement());
		w.advance(10_000);
		w.setDeviceError(0);
		expect(c.now()).toBe(w.trueNow());
		w.advance(5000);
		expect(c.now()).toBe(w.trueNow());
		expect(c.offsetMs()).toBe(0); // the effective offset follows the fixed clock: banner clears
		expect(c.ageMs()).toBe(15_000);
	});

	it('does not move codes for any backward wall change, however small past the tolerance', () => {
		for (const back of [JUMP_TOLERANCE_MS + 1, 60_000, 17 * H]) {
			const w = world(0);
			const c = new CorrectedClock(w);
			c.anchor(w.measurement());
			w.setDeviceError(-back);
			w.advance(1);
			expect(c.now()).toBe(w.trueNow());
		}
	});

	it('stays right across device sleep, when performance.now() stood still', () => {
		const w = world(252_000);
		const c = new CorrectedClock(w);
		c.anchor(w.measurement());
		w.sleep(9 * H);
		expect(c.now()).toBe(w.trueNow());
		expect(c.ageMs()).toBe(9 * H);
		// …and a clock fix after the sleep is still caught, as the anchor moved with the jump.
		w.setDeviceError(0);
		w.advance(1000);
		expect(c.now()).toBe(w.trueNow());
	});

	it('treats a forward wall change like a sleep (documented limit): codes follow until re-measured', () => {
		const w = world(0);
		const c = new CorrectedClock(w);
		c.anchor(w.measurement());
		w.setDeviceError(8 * H);
		expect(c.now()).toBe(w.trueNow() + 8 * H);
		c.anchor(w.measurement()); // the app re-measures on focus
		expect(c.now()).toBe(w.trueNow());
	});

	it('ignores honest drift between the clocks below the tolerance', () => {
		const w = world(0);
		const c = new CorrectedClock(w);
		c.anchor(w.measurement());
		w.setDeviceError(JUMP_TOLERANCE_MS - 1); // wall slewed ahead a little
		expect(c.now()).toBe(w.trueNow());
	});

	it('off mode: codes use the device clock, the measurement still answers', () => {
		const w = world(8 * H);
		const c = new CorrectedClock({ ...w, enabled: false });
		c.anchor(w.measurement());
		expect(c.now()).toBe(w.wallNow());
		expect(c.trueNow()).toBe(w.trueNow());
		expect(c.offsetMs()).toBe(-8 * H);
		c.enabled = true;
		expect(c.now()).toBe(w.trueNow());
	});

	it('restores a stored offset as wall + offset (performance.now() restarted with the page)', () => {
		const w = world(8 * H);
		const stored: StoredMeasurement = { offsetMs: -8 * H, measuredAt: TRUE_START - 3 * 60_000, rttMs: 40, uncertaintyMs: 20.5 };
		const c = new CorrectedClock(w);
		expect(c.restore(stored)).toBe(true);
		expect(c.source).toBe('restored');
		expect(c.now()).toBe(w.trueNow());
		expect(c.ageMs()).toBe(3 * 60_000);
		// Once restored, a later clock fix is caught like after a live measurement.
		w.setDeviceError(0);
		w.advance(1);
		expect(c.now()).toBe(w.trueNow());
	});

	it('does not let an older stored measurement replace a fresher one', () => {
		const w = world(4000);
		const c = new CorrectedClock(w);
		c.anchor(w.measurement());
		expect(c.restore({ offsetMs: 0, measuredAt: TRUE_START - 1, rttMs: 1, uncertaintyMs: 1 })).toBe(false);
		expect(c.now()).toBe(w.trueNow());
	});

	it('reports the record to persist on measurement and when a clock fix changes the offset', () => {
		const w = world(8 * H);
		const records: StoredMeasurement[] = [];
		const c = new CorrectedClock({ ...w, onChange: (r) => records.push(r) });
		c.anchor(w.measurement());
		w.sleep(H); // no new offset: nothing to persist
		c.now();
		w.setDeviceError(0);
		c.now();
		expect(records).toEqual([
			{ offsetMs: -8 * H, measuredAt: TRUE_START, rttMs: 40, uncertaintyMs: 20.5 },
			{ offsetMs: 0, measuredAt: TRUE_START, rttMs: 40, uncertaintyMs: 20.5 }
		]);
		expect(c.measurement()).toEqual(records[1]);
	});

	it('snapshot reads both clocks once, consistently', () => {
		const w = world(-30_000);
		const c = new CorrectedClock(w);
		c.anchor(w.measurement());
		w.advance(60_000);
		expect(c.snapshot()).toEqual({
			enabled: true,
			source: 'measured',
			deviceTime: w.wallNow(),
			trueTime: w.trueNow(),
			codeTime: w.trueNow(),
			offsetMs: 30_000,
			ageMs: 60_000,
			uncertaintyMs: 20.5
		});
	});

	it('clear() forgets the measurement', () => {
		const w = world(5000);
		const c = new CorrectedClock(w);
		c.anchor(w.measurement());
		c.clear();
		expect(c.now()).toBe(w.wallNow());
		expect(c.source).toBeNull();
	});
});
