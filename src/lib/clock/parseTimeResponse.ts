import { ClockError } from './ClockError';

/** 2000-01-01T00:00:00Z. A server (or device) claiming earlier is broken, not skewed. */
export const MIN_PLAUSIBLE_TIME = Date.UTC(2000, 0, 1);
/** 2200-01-01T00:00:00Z. */
export const MAX_PLAUSIBLE_TIME = Date.UTC(2200, 0, 1);

/** `GET /api/v1/time` answers `{"now":1735689600000}`; anything much longer is not that. */
const MAX_BODY_CHARS = 1024;

/** The raw parts of an HTTP answer to the time request. */
export interface TimeResponse {
	status: number;
	bodyText: string;
	dateHeader: string | null;
}

/** The server's time and how coarse it is (see `ClockSample.precisionMs`). */
export interface ServerTime {
	serverTime: number;
	precisionMs: number;
}

const plausible = (t: number) => Number.isFinite(t) && t >= MIN_PLAUSIBLE_TIME && t <= MAX_PLAUSIBLE_TIME;

function fromJson(status: number, bodyText: string): number | null {
	if (status < 200 || status > 299 || bodyText.length > MAX_BODY_CHARS) return null;
	let body: unknown;
	try {
		body = JSON.parse(bodyText);
	} catch {
		return null;
	}
	if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
	const now: unknown = (body as Record<string, unknown>).now;
	return typeof now === 'number' && plausible(now) ? now : null;
}

/** RFC 9110 §5.6.7 IMF-fixdate, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`, the only form servers send. */
const IMF_FIXDATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

function fromDateHeader(dateHeader: string | null): number | null {
	// The shape check keeps Date.parse, whose leniency is engine-specific, to one well-known form.
	if (dateHeader === null || !IMF_FIXDATE.test(dateHeader.trim())) return null;
	const t = Date.parse(dateHeader.trim());
	return plausible(t) ? t : null;
}

/**
 * Reads the server's time from an answer to `GET /api/v1/time`.
 *
 * Prefers the JSON body's `now` (ms since epoch, precision 1 ms) from a 2xx answer; otherwise the
 * `Date` header of any answer, which every HTTP server sends and which is truncated to the whole
 * second (precision 1000 ms). Values outside 2000..2200 are refused as broken rather than skewed.
 *
 * @throws ClockError `BAD_TIME_RESPONSE` when neither yields a plausible time. Hostile input
 *   never throws anything else.
 */
export function parseTimeResponse(response: TimeResponse): ServerTime {
	const { status, bodyText, dateHeader } = response;
	const now = fromJson(status, typeof bodyText === 'string' ? bodyText : '');
	if (now !== null) return { serverTime: now, precisionMs: 1 };
	const date = fromDateHeader(typeof dateHeader === 'string' ? dateHeader : null);
	if (date !== null) return { serverTime: date, precisionMs: 1000 };
	throw new ClockError('BAD_TIME_RESPONSE', `time response (HTTP ${String(status)}) has no usable time`);
}
