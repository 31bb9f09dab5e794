import { describe, expect, it } from 'vitest';
import { RateLimiter } from './RateLimiter';

describe('RateLimiter', () => {
	it('allows a burst, then refills one request per refillMs', () => {
		const rl = new RateLimiter({ burst: 3, refillMs: 1000 });
		expect([0, 0, 0, 0].map((t) => rl.take('a', t).ok)).toEqual([true, true, true, false]);
		expect(rl.take('a', 0)).toEqual({ ok: false, retryAfterSeconds: 1 });
		expect(rl.take('a', 999).ok).toBe(false);
		expect(rl.take('a', 1000).ok).toBe(true);
		expect(rl.take('b', 0).ok).toBe(true);
	});

	it('rounds Retry-After up to whole seconds', () => {
		const rl = new RateLimiter({ burst: 1, refillMs: 10_500 });
		rl.take('a', 0);
		expect(rl.take('a', 0)).toEqual({ ok: false, retryAfterSeconds: 11 });
	});

	it('keeps memory bounded under a flood of keys', () => {
		const rl = new RateLimiter({ burst: 2, refillMs: 1000 }, 100);
		for (let i = 0; i < 10_000; i++) rl.take(`ip-${i}`, 0);
		// Still works for a new key; nothing threw, nothing grew without bound.
		expect(rl.take('new', 0).ok).toBe(true);
	});
});
