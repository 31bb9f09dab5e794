import { ClockError } from './ClockError';
import type { ClockSample } from './ClockSample';

/**
 * The offset of the true time from the device wall clock.
 *
 * Sign convention (the one used everywhere in `src/lib/clock`):
 * `offsetMs = trueTime − deviceWallTime`. Positive means the device clock is *behind* (slow);
 * negative means it is *ahead* (fast). So `trueTime = Date.now() + offsetMs`.
 */
export interface OffsetEstimate {
	offsetMs: number;
	/** Round trip of the sample the estimate came from. */
	rttMs: number;
	/** The true offset lies within `offsetMs ± uncertaintyMs` (a hard bound, not a std. dev.). */
	uncertaintyMs: number;
}

/**
 * Estimates the device clock's offset from a few exchanges with the time server.
 *
 * For one sample, the server read its clock at some unknown device time `t` between `sentAt` and
 * `receivedAt`, and its true time then lay in `[serverTime, serverTime + precisionMs)`. So the
 * offset lies in `[serverTime − receivedAt, serverTime + precisionMs − sentAt]`; we return the
 * midpoint `serverTime + precision/2 − (sentAt + rtt/2)` and the half-width
 * `rtt/2 + precision/2`. The midpoint is exact when the two legs of the round trip are equal.
 *
 * Among several samples we keep the one with the narrowest interval, which for samples of equal
 * precision is NTP's minimum-delay filter (RFC 5905 §10, "clock filter"): queueing delay only
 * ever adds to the round trip and makes it asymmetric, so the fastest exchange is the most
 * trustworthy. Mixing precisions, a 40 ms JSON sample beats a 20 ms `Date`-header one.
 *
 * Returns the estimate and the index of the sample it came from (ties go to the earlier one).
 *
 * @throws ClockError `NO_SAMPLES` for an empty list; `BAD_SAMPLE` when a field is not finite,
 *   the precision is negative, or the round trip is negative.
 */
export function estimateOffset(samples: readonly ClockSample[]): OffsetEstimate & { sampleIndex: number } {
	if (samples.length === 0) throw new ClockError('NO_SAMPLES', 'estimateOffset: no samples');
	let best: (OffsetEstimate & { sampleIndex: number }) | undefined;
	samples.forEach((s, i) => {
		const fields = [s.sentAt, s.receivedAt, s.serverTime, s.precisionMs];
		if (!fields.every(Number.isFinite)) {
			throw new ClockError('BAD_SAMPLE', `estimateOffset: samples[${i}] has a non-finite field`);
		}
		const rttMs = s.receivedAt - s.sentAt;
		if (rttMs < 0) throw new ClockError('BAD_SAMPLE', `estimateOffset: samples[${i}] has a negative round trip`);
		if (s.precisionMs < 0) throw new ClockError('BAD_SAMPLE', `estimateOffset: samples[${i}] has a negative precision`);
		const uncertaintyMs = rttMs / 2 + s.precisionMs / 2;
		if (best === undefined || uncertaintyMs < best.uncertaintyMs) {
			const offsetMs = s.serverTime + s.precisionMs / 2 - (s.sentAt + rttMs / 2);
			best = { offsetMs, rttMs, uncertaintyMs, sampleIndex: i };
		}
	});
	// Non-empty input and every iteration either throws or assigns, so `best` is set.
	return best as OffsetEstimate & { sampleIndex: number };
}
