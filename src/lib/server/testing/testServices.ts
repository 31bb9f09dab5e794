import { createServices } from '../institute/createServices';
import type { Services } from '../institute/Services';
import { RateLimits, DEFAULT_RATE_LIMITS } from '../limits/RateLimits';
import type { Store } from '../store/Store';

/** A fixed instant inside a 60-s step (2025-03-01T00:00:10Z), so ±1-step cases are easy to write. */
export const T0 = Date.UTC(2025, 2, 1, 0, 0, 10);
/** The test API key. */
export const TEST_API_KEY = 'test-api-key-0123456789abcdef0123456789';
/** The test master key (fixed, so two stores on one database agree). */
export const TEST_MASTER_KEY = new Uint8Array(32).fill(7);
export const TEST_INSTITUTE = '테스트훈련원';

/** A clock the test moves by hand. */
export interface TestClock {
	now: number;
}

/** Services over `store` with a hand-moved clock and (by default) no rate limiting in the way. */
export async function testServices(
	store: Store,
	clock: TestClock,
	options: { limits?: RateLimits; origin?: string } = {}
): Promise<Services> {
	return createServices({
		store,
		now: () => clock.now,
		limits: options.limits ?? unlimited(),
		config: {
			instituteName: TEST_INSTITUTE,
			origin: options.origin,
			apiKey: TEST_API_KEY,
			enrollTtlMs: 24 * 3_600_000,
			masterKey: TEST_MASTER_KEY
		}
	});
}

/** Limits so high that only the rate-limit tests ever meet them. */
export function unlimited(): RateLimits {
	const big = { burst: 1e9, refillMs: 1 };
	return new RateLimits(Object.fromEntries(Object.keys(DEFAULT_RATE_LIMITS).map((k) => [k, big])) as typeof DEFAULT_RATE_LIMITS);
}
