import { RateLimitError } from './RateLimitError';
import { addressKey } from './addressKey';
import { RateLimiter, type RateDecision, type RateLimit } from './RateLimiter';

/** Every rate-limited purpose. */
export type RatePurpose =
	| 'enrollByIp'
	| 'enrollByTrainee'
	| 'enrollMissGlobal'
	| 'verifyByIp'
	| 'verifyByTrainee'
	| 'hostedVerifyByIp'
	| 'loginByIp'
	| 'apiKeyByIp';

/** Purposes keyed by client address: grouped by {@link addressKey} (IPv6 by /64). */
const BY_ADDRESS: ReadonlySet<RatePurpose> = new Set(['enrollByIp', 'verifyByIp', 'hostedVerifyByIp', 'loginByIp', 'apiKeyByIp']);

/**
 * The limits, documented in docs/api.md ("Rate limits"). Enrollment lookups are the ones worth
 * guessing at (an 8-symbol code), so they are bounded per address (generously: a training centre's
 * trainees may share one NAT address, and each enrollment costs a preview and a redeem); verification is called by an
 * institute's own backend for all its trainees from one address, so it is generous per address,
 * and per trainee it only bounds hammering: the lockout is the real guard.
 *
 * Two more (issue 12): `apiKeyByIp` is spent only by wrong API keys (20 at once, then one per 30 s),
 * and `enrollMissGlobal` is one budget for the whole process, spent by every unauthenticated lookup
 * that finds nothing, so that guessing from many addresses at once is bounded too (docs/api.md).
 *
 * `hostedVerifyByIp` (issue 16) is the hosted page's own: trainees' browsers, perhaps a classroom
 * behind one NAT address, and never the institute's backend, whose `verifyByIp` budget a trainee
 * hammering `/v/verify` must not be able to drain (behind a proxy without ADDRESS_HEADER, every
 * request comes from one address).
 */
export const DEFAULT_RATE_LIMITS: Readonly<Record<RatePurpose, RateLimit>> = {
	enrollByIp: { burst: 120, refillMs: 5_000 },
	enrollByTrainee: { burst: 20, refillMs: 30_000 },
	verifyByIp: { burst: 600, refillMs: 100 },
	verifyByTrainee: { burst: 60, refillMs: 1_000 },
	hostedVerifyByIp: { burst: 120, refillMs: 500 },
	loginByIp: { burst: 10, refillMs: 60_000 },
	apiKeyByIp: { burst: 20, refillMs: 30_000 },
	enrollMissGlobal: { burst: 2_000, refillMs: 50 }
};

/** One {@link RateLimiter} per purpose. */
export class RateLimits {
	readonly #limiters: Record<RatePurpose, RateLimiter>;

	/** @param limits - per purpose; a purpose left out keeps its default */
	constructor(limits: Partial<Readonly<Record<RatePurpose, RateLimit>>> = DEFAULT_RATE_LIMITS) {
		this.#limiters = Object.fromEntries(
			(Object.keys(DEFAULT_RATE_LIMITS) as RatePurpose[]).map((p) => [p, new RateLimiter(limits[p] ?? DEFAULT_RATE_LIMITS[p])])
		) as Record<RatePurpose, RateLimiter>;
	}

	/**
	 * Spends one request of `purpose` for `key`.
	 * @throws RateLimitError when the bucket is empty
	 */
	check(purpose: RatePurpose, key: string, now: number): void {
		refuseUnless(this.#limiters[purpose].take(this.#key(purpose, key), now));
	}

	/**
	 * Refuses when `key` has nothing left of `purpose`, spending nothing (for budgets that only
	 * failures spend: see {@link spend}).
	 * @throws RateLimitError
	 */
	checkAvailable(purpose: RatePurpose, key: string, now: number): void {
		refuseUnless(this.#limiters[purpose].peek(this.#key(purpose, key), now));
	}

	/** Spends one request of `purpose` for `key` without refusing (the refusal comes at the next {@link checkAvailable}). */
	spend(purpose: RatePurpose, key: string, now: number): void {
		this.#limiters[purpose].take(this.#key(purpose, key), now);
	}

	#key(purpose: RatePurpose, key: string): string {
		return BY_ADDRESS.has(purpose) ? addressKey(key) : key;
	}
}

function refuseUnless(decision: RateDecision): void {
	if (!decision.ok) {
		throw new RateLimitError(decision.retryAfterSeconds);
	}
}
