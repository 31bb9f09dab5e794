import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClockError } from './ClockError';
import { parseTimeResponse, type TimeResponse } from './parseTimeResponse';

const NOW = 1736942400123; // 2025-01-15T12:00:00.123Z
const DATE = 'Wed, 15 Jan 2025 12:00:00 GMT';
const DATE_MS = Date.UTC(2025, 0, 15, 12);

const r = (status: number, bodyText: string, dateHeader: string | null = null): TimeResponse => ({ status, bodyText, dateHeader });

function codeOf(f: () => unknown): string | undefined {
	try {
		f();
	} catch (e) {
		if (e instanceof ClockError) return e.code;
		throw e;
	}
	return undefined;
}

describe('parseTimeResponse', () => {
	it('reads the JSON now at 1 ms precision', () => {
		expect(parseTimeResponse(r(200, `{"now":${NOW}}`, DATE))).toEqual({ serverTime: NOW, precisionMs: 1 });
	});

	it('falls back to a whole-second Date header at 1000 ms precision', () => {
		expect(parseTimeResponse(r(200, '<html>captive</html>', DATE))).toEqual({ serverTime: DATE_MS, precisionMs: 1000 });
		expect(parseTimeResponse(r(503, `{"now":${NOW}}`, DATE))).toEqual({ serverTime: DATE_MS, precisionMs: 1000 });
		expect(parseTimeResponse(r(204, '', ` ${DATE} `))).toEqual({ serverTime: DATE_MS, precisionMs: 1000 });
	});

	const badBodies: [string, string][] = [
		['empty', ''],
		['not JSON', 'now=1736942400123'],
		['JSON null', 'null'],
		['an array', `[${NOW}]`],
		['a bare number', String(NOW)],
		['now as a string', `{"now":"${NOW}"}`],
		['now missing', '{"time":1736942400123}'],
		['now before 2000', '{"now":946684799999}'],
		['now after 2200', '{"now":7258118400001}'],
		['now in seconds', '{"now":1736942400}'],
		['now negative', '{"now":-1}'],
		['now huge', '{"now":1e308}'],
		['now overflowing to Infinity', '{"now":1e999}'],
		['truncated JSON', '{"now":17369'],
		['too long', `{"now":${NOW},"pad":"${'x'.repeat(2000)}"}`],
		['__proto__ trick', '{"__proto__":{"now":1736942400123}}']
	];
	it.each(badBodies)('ignores a body that is %s (no Date header → BAD_TIME_RESPONSE)', (_, body) => {
		expect(codeOf(() => parseTimeResponse(r(200, body)))).toBe('BAD_TIME_RESPONSE');
	});
	it.each(badBodies)('ignores a body that is %s (falls back to Date)', (_, body) => {
		expect(parseTimeResponse(r(200, body, DATE))).toEqual({ serverTime: DATE_MS, precisionMs: 1000 });
	});

	const badDates: [string, string][] = [
		['empty', ''],
		['garbage', 'yesterday'],
		['ISO 8601 (not IMF-fixdate)', '2025-01-15T12:00:00Z'],
		['numeric', String(NOW)],
		['obsolete RFC 850', 'Wednesday, 15-Jan-25 12:00:00 GMT'],
		['non-GMT zone', 'Wed, 15 Jan 2025 12:00:00 +0900'],
		['impossible month', 'Wed, 15 Foo 2025 12:00:00 GMT'],
		['year 1970', 'Thu, 01 Jan 1970 00:00:00 GMT'],
		['year 9999', 'Fri, 31 Dec 9999 23:59:59 GMT']
	];
	it.each(badDates)('refuses a Date header that is %s', (_, date) => {
		expect(codeOf(() => parseTimeResponse(r(500, 'oops', date)))).toBe('BAD_TIME_RESPONSE');
	});

	it('fuzz: hostile responses only ever yield a plausible time or ClockError', () => {
		const runs = Number(process.env.FUZZ_RUNS ?? 1000);
		let count = 0;
		const body = fc.oneof(
			fc.string(),
			fc.json(),
			fc.double().map((n) => `{"now":${String(n)}}`),
			fc.integer({ min: 0, max: 8e12 }).map((n) => `{"now":${n}}`)
		);
		const date = fc.oneof(
			fc.constant(null),
			fc.string(),
			fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()),
			fc.constant(DATE)
		);
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 999 }), body, date, (status, bodyText, dateHeader) => {
				count++;
				try {
					const { serverTime, precisionMs } = parseTimeResponse({ status, bodyText, dateHeader });
					expect(Number.isFinite(serverTime)).toBe(true);
					expect(serverTime).toBeGreaterThanOrEqual(Date.UTC(2000, 0, 1));
					expect(serverTime).toBeLessThanOrEqual(Date.UTC(2200, 0, 1));
					expect([1, 1000]).toContain(precisionMs);
				} catch (e) {
					expect(e).toBeInstanceOf(ClockError);
				}
			}),
			{ numRuns: runs }
		);
		console.log(`parseTimeResponse fuzz: ${count} cases`);
	});
});
