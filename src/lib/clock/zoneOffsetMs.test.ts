import { describe, expect, it } from 'vitest';
import { zoneOffsetMs } from './zoneOffsetMs';

const H = 3600_000;
const WINTER = Date.UTC(2025, 0, 15, 12);
const SUMMER = Date.UTC(2025, 6, 15, 12);

describe('zoneOffsetMs', () => {
	const table: [string, number, number][] = [
		['UTC', WINTER, 0],
		['Asia/Seoul', WINTER, 9 * H],
		['Asia/Seoul', SUMMER, 9 * H],
		['Europe/Berlin', WINTER, 1 * H],
		['Europe/Berlin', SUMMER, 2 * H],
		['America/Los_Angeles', WINTER, -8 * H],
		['America/Los_Angeles', SUMMER, -7 * H],
		['Asia/Kolkata', WINTER, 5.5 * H],
		['Asia/Kathmandu', WINTER, 5.75 * H],
		['America/St_Johns', SUMMER, -2.5 * H],
		['Pacific/Kiritimati', WINTER, 14 * H],
		['Etc/GMT+12', WINTER, -12 * H],
		['Australia/Sydney', WINTER, 11 * H],
		// 2025-03-30 01:00 UTC is Berlin's switch to summer time.
		['Europe/Berlin', Date.UTC(2025, 2, 30, 0, 59, 59, 999), 1 * H],
		['Europe/Berlin', Date.UTC(2025, 2, 30, 1), 2 * H]
	];
	it.each(table)('%s at %d → %d', (zone, at, expected) => {
		expect(zoneOffsetMs(zone, at)).toBe(expected);
	});

	it('refuses unknown zones and non-finite instants', () => {
		expect(() => zoneOffsetMs('Mars/Olympus_Mons', WINTER)).toThrow(RangeError);
		expect(() => zoneOffsetMs('UTC', NaN)).toThrow(TypeError);
		expect(() => zoneOffsetMs(undefined as unknown as string, WINTER)).toThrow(TypeError);
	});
});
