import { ApiError } from '../ApiError';
import { RateLimiter, type RateLimit } from './RateLimiter';

/** Every rate-limited purpose. */
export type RatePurpose = 'enrollByIp' | 'enrollByTrainee' | 'verifyByIp' | 'verifyByTrainee' | 'loginByIp';

/**
 * The limits, documented in docs/api.md ("Rate limits"). Enrollment lookups are the ones worth
 * guessing at (an 8-symbol code), so they are bounded per address (generously: a training centre's
 * trainees may share one NAT address, and each enrollment costs a preview and a redeem); verification is called by an
 * institute's own backend for all its trainees from one address, so it is generous per address,
 * and per trainee it only bounds hammering: the 5-strike lockout is the real guard.
 */
export const DEFAULT_RATE_LIMITS: Readonly<Record<RatePurpose, RateLimit>> = {
	enrollByIp: { burst: 120, refillMs: 5_000 },
	enrollByTrainee: { burst: 20, refillMs: 30_000 },
	verifyByIp: { burst: 600, refillMs: 100 },
	verifyByTrainee: { burst: 60, refillMs: 1_000 },
	loginByIp: { burst: 10, refillMs: 60_000 }
};

/** One {@link RateLimiter} per purpose. */
export class RateLimits {
	readonly #limiters: Record<RatePurpose, RateLimiter>;

	constructor(limits: Readonly<Record<RatePurpose, RateLimit>> = DEFAULT_RATE_LIMITS) {
		this.#limiters = {
			enrollByIp: new RateLimiter(limits.enrollByIp),
			enrollByTrainee: new RateLimiter(limits.enrollByTrainee),
			verifyByIp: new RateLimiter(limits.verifyByIp),
			verifyByTrainee: new RateLimiter(limits.verifyByTrainee),
			loginByIp: new RateLimiter(limits.loginByIp)
		};
	}

	/**
	 * Spends one request of `purpose` for `key`.
	 * @throws ApiError `RATE_LIMITED` (429, with `retryAfter`) when the bucket is empty
	 */
	check(purpose: RatePurpose, key: string, now: number): void {
		const decision = this.#limiters[purpose].take(key, now);
		if (!decision.ok) {
			throw new ApiError('RATE_LIMITED', 'too many requests; try again later', { retryAfter: decision.retryAfterSeconds });
		}
	}
}
