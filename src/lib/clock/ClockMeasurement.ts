import type { OffsetEstimate } from './estimateOffset';

/**
 * A fresh offset estimate, pinned to the instant it was taken on both of the page's clocks:
 * the device wall clock (`Date.now()`) and the monotonic clock (`performance.now()`).
 * The pair is what lets `CorrectedClock` notice a later change of the wall clock.
 * Both readings belong to the same instant (the browser edge takes the reply's arrival).
 */
export interface ClockMeasurement extends OffsetEstimate {
	measuredAtWall: number;
	measuredAtMonotonic: number;
}
