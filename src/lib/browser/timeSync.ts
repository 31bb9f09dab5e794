import type { ClockMeasurement } from '$lib/clock/ClockMeasurement';
import { ClockError } from '$lib/clock/ClockError';
import type { ClockSample } from '$lib/clock/ClockSample';
import { estimateOffset } from '$lib/clock/estimateOffset';
import { parseTimeResponse } from '$lib/clock/parseTimeResponse';
import type { TimeSources } from '$lib/clock/CorrectedClock';

/** The page's real clocks, for `CorrectedClock` and `measureClock`. */
export const browserTimeSources: TimeSources = {
	wallNow: () => Date.now(),
	monotonicNow: () => performance.now()
};

export interface MeasureClockOptions {
	/** Exchanges to try; the best one wins (`estimateOffset`). Default 5. */
	samples?: number;
	fetchImpl?: typeof fetch;
	wallNow?: () => number;
	monotonicNow?: () => number;
	/** Default `/api/v1/time`. */
	url?: string;
	/** Per request. Default 5000. */
	timeoutMs?: number;
}

/**
 * Measures the device clock's offset from the server's: a few sequential `GET /api/v1/time`
 * exchanges, keeping the one with the shortest round trip (see `estimateOffset`).
 *
 * Caches. The generated Workbox service worker precaches the app shell and has no route for
 * `/api/*` (no runtimeCaching; `navigateFallbackDenylist` covers navigations), so it does not
 * answer and the request goes to the network. A unique `?t=` query plus `cache: 'no-store'`
 * and `Cache-Control: no-store` keep the browser's and any proxy's HTTP caches out of it; a
 * cached time would be a wrong time. Redirects are refused: a captive portal's page is not our
 * clock.
 *
 * Timing. The round trip is measured on the monotonic clock, so a wall-clock change mid-request
 * cannot fake one; `sentAt` is the wall clock, because the offset is against the wall clock.
 * The reply counts as received when its headers arrive (the server read its clock just before).
 *
 * Failures. Samples that fail after one succeeded are dropped. A network failure or timeout
 * stops early, since the next request would fail the same way.
 *
 * @throws ClockError `OFFLINE` when no exchange got an HTTP answer; `BAD_TIME_RESPONSE` when
 *   answers came but none held a plausible time.
 */
export async function measureClock(opts: MeasureClockOptions = {}): Promise<ClockMeasurement> {
	const {
		samples: count = 5,
		fetchImpl = globalThis.fetch.bind(globalThis),
		wallNow = browserTimeSources.wallNow,
		monotonicNow = browserTimeSources.monotonicNow,
		url = '/api/v1/time',
		timeoutMs = 5000
	} = opts;
	if (!Number.isInteger(count) || count < 1) throw new RangeError('measureClock: samples must be an integer ≥ 1');

	const taken: { sample: ClockSample; monoAt: number }[] = [];
	let lastError: ClockError | undefined;
	for (let i = 0; i < count; i++) {
		const sentAt = wallNow();
		const monoSent = monotonicNow();
		let response: Response;
		try {
			const bust = `${i}${Math.random().toString(36).slice(2)}`;
			response = await fetchImpl(`${url}${url.includes('?') ? '&' : '?'}t=${bust}`, {
				cache: 'no-store',
				credentials: 'omit',
				redirect: 'error',
				headers: { 'cache-control': 'no-store' },
				signal: AbortSignal.timeout(timeoutMs)
			});
		} catch (cause) {
			lastError = new ClockError('OFFLINE', 'measureClock: the time request failed', { cause });
			break;
		}
		const monoReceived = monotonicNow();
		try {
			const bodyText = await response.text();
			const { serverTime, precisionMs } = parseTimeResponse({
				status: response.status,
				bodyText,
				dateHeader: response.headers.get('date')
			});
			const receivedAt = sentAt + Math.max(0, monoReceived - monoSent);
			taken.push({ sample: { sentAt, receivedAt, serverTime, precisionMs }, monoAt: monoReceived });
		} catch (cause) {
			lastError =
				cause instanceof ClockError
					? cause
					: new ClockError('OFFLINE', 'measureClock: the time response broke off', { cause });
		}
	}
	if (taken.length === 0) throw lastError ?? new ClockError('OFFLINE', 'measureClock: no answer');

	const { sampleIndex, ...estimate } = estimateOffset(taken.map((t) => t.sample));
	// Anchor both clocks at the arrival of the sample the estimate came from.
	const best = taken[sampleIndex] as (typeof taken)[number];
	return { ...estimate, measuredAtWall: best.sample.receivedAt, measuredAtMonotonic: best.monoAt };
}
