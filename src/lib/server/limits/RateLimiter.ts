/** The answer of {@link RateLimiter.take}. */
export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

/** A bucket's size and how fast it refills. */
export interface RateLimit {
	/** Requests allowed in a burst. */
	burst: number;
	/** Milliseconds to earn back one request. */
	refillMs: number;
}

interface Bucket {
	tokens: number;
	at: number;
}

/**
 * In-memory token buckets keyed by a string (`ip:…`, `trainee:…`). Time is passed in.
 *
 * It is per process: with several processes behind a load balancer each limits on its own, so
 * the effective limit is N times higher. That is acceptable because these limits only slow down
 * guessing and flooding; the hard guards live in the database (5-strike lockout, single-use
 * enrollments, ≥ 39-bit codes that expire).
 */
export class RateLimiter {
	readonly #limit: RateLimit;
	readonly #buckets = new Map<string, Bucket>();
	readonly #maxKeys: number;

	constructor(limit: RateLimit, maxKeys = 50_000) {
		if (!(limit.burst >= 1) || !(limit.refillMs > 0)) throw new RangeError('burst must be ≥ 1 and refillMs > 0');
		this.#limit = limit;
		this.#maxKeys = maxKeys;
	}

	/** Whether `key` could spend a request at `now`, without spending it. */
	peek(key: string, now: number): RateDecision {
		const bucket = this.#buckets.get(key);
		if (!bucket) return { ok: true };
		const tokens = Math.min(this.#limit.burst, bucket.tokens + Math.max(0, now - bucket.at) / this.#limit.refillMs);
		return tokens >= 1 ? { ok: true } : { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(((1 - tokens) * this.#limit.refillMs) / 1000)) };
	}

	/** Spends one request for `key` at `now` (ms), or says how long to wait. */
	take(key: string, now: number): RateDecision {
		const { burst, refillMs } = this.#limit;
		const bucket = this.#buckets.get(key);
		const tokens = bucket ? Math.min(burst, bucket.tokens + Math.max(0, now - bucket.at) / refillMs) : burst;
		if (tokens < 1) {
			this.#buckets.set(key, { tokens, at: now });
			return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(((1 - tokens) * refillMs) / 1000)) };
		}
		if (!bucket && this.#buckets.size >= this.#maxKeys) this.#sweep(now);
		this.#buckets.set(key, { tokens: tokens - 1, at: now });
		return { ok: true };
	}

	/** Forgets buckets that have refilled completely (they hold no information); bounds memory under a flood of addresses. */
	#sweep(now: number): void {
		const { burst, refillMs } = this.#limit;
		for (const [key, b] of this.#buckets) {
			if (b.tokens + (now - b.at) / refillMs >= burst) this.#buckets.delete(key);
		}
		// Still full: every key is mid-burst. Drop the oldest half rather than grow without bound.
		if (this.#buckets.size >= this.#maxKeys) {
			let drop = Math.ceil(this.#buckets.size / 2);
			for (const key of this.#buckets.keys()) {
				if (drop-- <= 0) break;
				this.#buckets.delete(key);
			}
		}
	}
}
