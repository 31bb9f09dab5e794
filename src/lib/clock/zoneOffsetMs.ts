const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
	let f = formatters.get(timeZone);
	if (f === undefined) {
		// Throws RangeError for a zone the engine does not know.
		f = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
			era: 'short'
		});
		formatters.set(timeZone, f);
	}
	return f;
}

/**
 * The UTC offset of an IANA time zone at an instant, in ms (east positive: Asia/Seoul → +9 h,
 * America/Los_Angeles in July → −7 h). DST-aware, and exact for half- and quarter-hour zones
 * (Asia/Kolkata +5:30, Asia/Kathmandu +5:45).
 *
 * Computed by formatting the instant's wall-clock fields in the zone and reading them back as if
 * they were UTC. This works on every engine with `Intl` time zones (Node 20, Chromium, Safari),
 * unlike `timeZoneName: 'longOffset'`, which older Safari lacks, and it keeps historic
 * second-level offsets (local mean time) instead of rounding them.
 *
 * @param timeZone an IANA name, e.g. from `Intl.DateTimeFormat().resolvedOptions().timeZone`
 * @param at an instant in ms since epoch
 * @throws TypeError if `timeZone` is not a string or `at` is not a finite number
 * @throws RangeError if the engine does not know `timeZone`
 */
export function zoneOffsetMs(timeZone: string, at: number): number {
	if (typeof timeZone !== 'string') throw new TypeError('zoneOffsetMs: timeZone must be a string');
	if (typeof at !== 'number' || !Number.isFinite(at)) throw new TypeError('zoneOffsetMs: at must be a finite number');
	const wholeSecond = Math.floor(at / 1000) * 1000;
	const fields: Record<string, string> = {};
	for (const p of formatterFor(timeZone).formatToParts(wholeSecond)) fields[p.type] = p.value;
	const n = (type: string) => Number(fields[type]);
	const year = fields.era === 'BC' || fields.era === 'B' ? 1 - n('year') : n('year');
	const asUtc = new Date(0);
	// setUTCFullYear, not Date.UTC, which maps years 0..99 to 1900..1999.
	asUtc.setUTCFullYear(year, n('month') - 1, n('day'));
	asUtc.setUTCHours(n('hour'), n('minute'), n('second'), 0);
	return asUtc.getTime() - wholeSecond;
}
