// Order statistics for benchmark samples. Medians, not means: a single GC pause or a scheduler
// hiccup on a 2-core machine moves a mean a lot and a median hardly at all.

/**
 * The q-quantile (0..1) of the samples, by linear interpolation between closest ranks.
 * @param {number[]} samples
 * @param {number} q
 */
export function quantile(samples, q) {
	if (samples.length === 0) return NaN;
	const sorted = [...samples].sort((a, b) => a - b);
	const pos = (sorted.length - 1) * q;
	const lo = Math.floor(pos);
	const hi = Math.ceil(pos);
	return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** @param {number[]} samples */
export const median = (samples) => quantile(samples, 0.5);

/**
 * Median plus the spread a reader needs to judge it.
 * @param {number[]} samples
 */
export function summary(samples) {
	return {
		n: samples.length,
		median: round(median(samples)),
		min: round(Math.min(...samples)),
		max: round(Math.max(...samples)),
		samples: samples.map(round)
	};
}

/** Two decimals: more would be noise, fewer hides sub-ms figures. */
export function round(x, digits = 2) {
	const f = 10 ** digits;
	return Math.round(x * f) / f;
}
