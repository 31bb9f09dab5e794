/**
 * The app's notion of "now" for code generation. It starts as the device clock; the clock
 * module replaces it with the server-corrected, monotonic-anchored time (src/lib/clock).
 */
let source: () => number = () => Date.now();

/** Current true time in ms since the epoch, as best the app knows it. */
export function trueNow(): number {
	return source();
}

/** Replaces the time source (the clock correction, or the device clock when it is switched off). */
export function setTimeSource(next: () => number): void {
	source = next;
}
