import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClockError } from './ClockError';
import type { ClockSample } from './ClockSample';
import { estimateOffset } from './estimateOffset';

const T = Date.UTC(2025, 0, 15, 12); // a true instant

/** A sample from a device `deviceAhead` ms fast, with one-way delays `up`/`down` ms. */
function sample(deviceAhead: number, up: number, down: number, precisionMs = 1, serverDelay = 0): ClockSample {
	const sentTrue = T;
	const readTrue = sentTrue + up;
	const serverTime = Math.floor(readTrue / precisionMs) * precisionMs;
	return {
		sentAt: sentTrue + deviceAhead,
		receivedAt: readTrue + serverDelay + down + deviceAhead,
		serverTime,
		precisionMs
	};
}

describe('estimateOffset', () => {
	it('is exact for a symmetric round trip (minus the half-ms of JSON truncation)', () => {
		const e = estimateOffset([sample(252_000, 40, 40)]);
		expect(e.offsetMs).toBeCloseTo(-252_000 + 0.5, 6);
		expect(e.rttMs).toBe(80);
		expect(e.uncertaintyMs).toBe(40.5);
	});

	it('errs by half the asymmetry, within the uncertainty', () => {
		const e = estimateOffset([sample(-3000, 10, 190)]);
		expect(e.offsetMs - 3000).toBeCloseTo(-90 + 0.5, 6);
		expect(Math.abs(e.offsetMs - 3000)).toBeLessThanOrEqual(e.uncertaintyMs);
	});

	it('keeps the lowest-round-trip sample among noisy ones (NTP minimum-delay filter)', () => {
		const samples = [sample(5000, 300, 20), sample(5000, 15, 15), sample(5000, 20, 700), sample(5000, 90, 90)];
		const e = estimateOffset(samples);
		expect(e.sampleIndex).toBe(1);
		expect(e.rttMs).toBe(30);
		expect(e.offsetMs).toBeCloseTo(-5000 + 0.5, 6);
	});

	it('prefers a slower JSON sample to a faster whole-second Date sample (narrower interval)', () => {
		const e = estimateOffset([sample(0, 10, 10, 1000), sample(0, 40, 40, 1)]);
		expect(e.sampleIndex).toBe(1);
	});

	it('centres a whole-second Date header: the truth lies in [date, date + 1000)', () => {
		// Server read its clock at .999 of a second; the header says .000.
		const s: ClockSample = { sentAt: T + 999 - 20, receivedAt: T + 999 + 20, serverTime: T, precisionMs: 1000 };
		const e = estimateOffset([s]);
		expect(e.offsetMs).toBe(-499);
		expect(e.uncertaintyMs).toBe(520);
	});

	it('property: for any true offset, delays and truncation, truth ∈ estimate ± uncertainty', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: -30 * 3600_000, max: 30 * 3600_000 }),
				fc.array(
					fc.record({
						up: fc.integer({ min: 0, max: 5000 }),
						down: fc.integer({ min: 0, max: 5000 }),
						serverDelay: fc.integer({ min: 0, max: 200 }),
						precision: fc.constantFrom(1, 1000),
						jitter: fc.integer({ min: 0, max: 999 })
					}),
					{ minLength: 1, maxLength: 6 }
				),
				(deviceAhead, legs) => {
					const samples = legs.map(({ up, down, serverDelay, precision, jitter }) => {
						const s = sample(deviceAhead, up + jitter / 1000, down, precision, serverDelay);
						return s;
					});
					const e = estimateOffset(samples);
					// The true offset is −deviceAhead (true − device).
					expect(Math.abs(e.offsetMs - -deviceAhead)).toBeLessThanOrEqual(e.uncertaintyMs + 1e-6);
				}
			)
		);
	});

	const bad: [string, ClockSample[], string][] = [
		['no samples', [], 'NO_SAMPLES'],
		['NaN serverTime', [{ sentAt: 1, receivedAt: 2, serverTime: NaN, precisionMs: 1 }], 'BAD_SAMPLE'],
		['Infinity sentAt', [{ sentAt: Infinity, receivedAt: 2, serverTime: 3, precisionMs: 1 }], 'BAD_SAMPLE'],
		['negative round trip', [{ sentAt: 5, receivedAt: 2, serverTime: 3, precisionMs: 1 }], 'BAD_SAMPLE'],
		['negative precision', [{ sentAt: 1, receivedAt: 2, serverTime: 3, precisionMs: -1 }], 'BAD_SAMPLE'],
		[
			'one bad among good',
			[sample(0, 1, 1), { sentAt: 1, receivedAt: NaN, serverTime: 3, precisionMs: 1 }],
			'BAD_SAMPLE'
		]
	];
	it.each(bad)('refuses %s with ClockError', (_, samples, code) => {
		expect(() => estimateOffset(samples)).toThrow(ClockError);
		try {
			estimateOffset(samples);
		} catch (e) {
			expect((e as ClockError).code).toBe(code);
		}
	});
});
