/**
 * One request/response exchange with the time server, as the estimator sees it.
 *
 * `sentAt` and `receivedAt` are readings of the *device wall clock* (`Date.now()`), because the
 * offset we want is "true time minus device wall clock". The browser edge derives `receivedAt`
 * as `sentAt` plus the round trip measured on the monotonic clock, so a wall-clock change during
 * the request cannot fake a round trip.
 *
 * `serverTime` is what the server said, and `precisionMs` how coarse that was: the server's true
 * time at the moment it answered lies in `[serverTime, serverTime + precisionMs)`.
 * - 1 for the JSON `now` (integer milliseconds, truncated);
 * - 1000 for an HTTP `Date` header, which is truncated to the whole second (RFC 9110 §5.6.7).
 */
export interface ClockSample {
	sentAt: number;
	receivedAt: number;
	serverTime: number;
	precisionMs: number;
}
