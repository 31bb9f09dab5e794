import { describe, expect, it } from 'vitest';
import { importHmacKey } from './importHmacKey';
import { secondsLeft, stepBounds, timeStep, totp } from './totp';
import { ascii, RFC6238_SEEDS, RFC6238_VECTORS } from './vectors';

describe('totp (RFC 6238 Appendix B)', () => {
	it.each(RFC6238_VECTORS)('$algorithm at $time s gives $totp', async ({ time, step, algorithm, totp: code }) => {
		const key = await importHmacKey(ascii(RFC6238_SEEDS[algorithm]), algorithm);
		expect(timeStep(time * 1000, 30)).toBe(parseInt(step, 16));
		expect(await totp({ key, timestamp: time * 1000, period: 30, digits: 8 })).toBe(code);
	});

	it('uses only the step, so any ms inside it gives the same code', async () => {
		const key = await importHmacKey(ascii(RFC6238_SEEDS.SHA1), 'SHA1');
		// Step 1 is [30 000, 60 000) ms; Appendix B's "59 s" vector is 94287082.
		for (const timestamp of [30_000, 45_123.5, 59_999.999]) {
			expect(await totp({ key, timestamp, period: 30, digits: 8 })).toBe('94287082');
		}
		expect(await totp({ key, timestamp: 60_000, period: 30, digits: 8 })).not.toBe('94287082');
	});
});

describe('timeStep / stepBounds / secondsLeft', () => {
	it.each([
		// [timestamp ms, period s, step, start ms, end ms, seconds left]
		[0, 30, 0, 0, 30_000, 30],
		[29_999, 30, 0, 0, 30_000, 0.001],
		[30_000, 30, 1, 30_000, 60_000, 30],
		[59_000, 30, 1, 30_000, 60_000, 1],
		[59_000, 60, 0, 0, 60_000, 1],
		[1_111_111_109_000, 30, 0x23523ec, 1_111_111_080_000, 1_111_111_110_000, 1],
		[1_700_000_000_500, 60, 28_333_333, 1_699_999_980_000, 1_700_000_040_000, 39.5],
		[86_400_000, 86_400, 1, 86_400_000, 172_800_000, 86_400],
		[1, 1, 0, 0, 1000, 0.999],
		[8.64e15, 1, 8.64e12, 8.64e15, 8.64e15 + 1000, 1],
		[8.64e15 - 1, 7, 1_234_285_714_285, 8_639_999_999_995_000, 8_640_000_000_002_000, 2.001]
	])('at %d ms with period %d: step %d in [%d, %d), %d s left', (ts, period, step, start, end, left) => {
		expect(timeStep(ts, period)).toBe(step);
		expect(stepBounds(ts, period)).toEqual({ step, start, end });
		expect(secondsLeft(ts, period)).toBeCloseTo(left, 9);
	});

	it('keeps secondsLeft in (0, period] for fractional timestamps', () => {
		for (const ts of [0.25, 29_999.9999, 30_000.0001, 1_700_000_029_999.75]) {
			const left = secondsLeft(ts, 30);
			expect(left).toBeGreaterThan(0);
			expect(left).toBeLessThanOrEqual(30);
			const { start, end } = stepBounds(ts, 30);
			expect(start).toBeLessThanOrEqual(ts);
			expect(end).toBeGreaterThan(ts);
		}
	});
});

describe('totp argument errors', async () => {
	const key = await importHmacKey(ascii(RFC6238_SEEDS.SHA1), 'SHA1');
	const fns = {
		timeStep: (ts: unknown, p: unknown) => timeStep(ts as number, p as number),
		stepBounds: (ts: unknown, p: unknown) => stepBounds(ts as number, p as number),
		secondsLeft: (ts: unknown, p: unknown) => secondsLeft(ts as number, p as number)
	};
	const cases: [string, unknown, unknown, ErrorConstructor][] = [
		['timestamp a string', '0', 30, TypeError],
		['timestamp a Date', new Date(0), 30, TypeError],
		['timestamp negative', -1, 30, RangeError],
		['timestamp NaN', NaN, 30, RangeError],
		['timestamp Infinity', Infinity, 30, RangeError],
		['timestamp past the ECMAScript time range', 8.64e15 + 1, 30, RangeError],
		['period a string', 0, '30', TypeError],
		['period 0', 0, 0, RangeError],
		['period negative', 0, -30, RangeError],
		['period fractional', 0, 30.5, RangeError],
		['period above a day', 0, 86_401, RangeError],
		['period NaN', 0, NaN, RangeError]
	];
	for (const [fnName, fn] of Object.entries(fns)) {
		it.each(cases)(`${fnName} rejects %s`, (_name, ts, period, error) => {
			expect(() => fn(ts, period)).toThrow(error);
		});
	}
	it.each(cases)('totp rejects %s', async (_name, timestamp, period, error) => {
		await expect(totp({ key, timestamp, period, digits: 6 } as unknown as Parameters<typeof totp>[0])).rejects.toThrow(
			error
		);
	});
	it.each([
		['opts missing', undefined, TypeError],
		['key missing', { timestamp: 0, period: 30, digits: 6 }, TypeError],
		['digits 5', { key, timestamp: 0, period: 30, digits: 5 }, RangeError],
		['digits 9', { key, timestamp: 0, period: 30, digits: 9 }, RangeError]
	])('totp rejects %s', async (_name, opts, error) => {
		await expect(totp(opts as unknown as Parameters<typeof totp>[0])).rejects.toThrow(error);
	});
});
