import { describe, expect, it } from 'vitest';
import { afterUnlock, attemptsLeft, FRESH_GUARD, MAX_PIN_FAILURES, parseGuard, strike } from './pinStrikes';

const wiped = { at: 1_000, accounts: [{ issuer: 'HRDK', account: '홍길동' }] };

describe('pinStrikes', () => {
	it('counts to 5, and the fifth strike is the wipe', () => {
		let guard = FRESH_GUARD;
		const seen = [];
		for (let i = 0; i < MAX_PIN_FAILURES; i++) {
			const s = strike(guard, wiped);
			seen.push([s.guard.failedPins, s.wipe, s.attemptsLeft]);
			guard = s.guard;
		}
		expect(seen).toEqual([
			[1, false, 4],
			[2, false, 3],
			[3, false, 2],
			[4, false, 1],
			[5, true, 0]
		]);
		expect(guard.lockedOut).toEqual(wiped);
		// After the lockout nothing changes any more, and it stays a wipe.
		expect(strike(guard, { at: 2_000, accounts: [] })).toEqual({ guard, wipe: true, attemptsLeft: 0 });
	});

	it('a success starts over, and writes nothing when there is nothing to clear', () => {
		expect(afterUnlock({ failedPins: 3, lockedOut: null })).toEqual(FRESH_GUARD);
		expect(afterUnlock(FRESH_GUARD)).toBeNull();
	});

	it.each([
		[undefined, FRESH_GUARD],
		[null, FRESH_GUARD],
		['3', FRESH_GUARD],
		[{ failedPins: -1 }, FRESH_GUARD],
		[{ failedPins: 2.5 }, FRESH_GUARD],
		[{ failedPins: 99 }, { failedPins: 5, lockedOut: null }],
		[{ failedPins: 2, lockedOut: { at: 'x' } }, { failedPins: 2, lockedOut: null }],
		[{ failedPins: 5, lockedOut: { at: 7, accounts: [{ issuer: 'a', account: 'b' }, 3] } }, { failedPins: 5, lockedOut: { at: 7, accounts: [{ issuer: 'a', account: 'b' }] } }]
	])('reads stored %j as %j (storage is untrusted)', (stored, expected) => {
		expect(parseGuard(stored)).toEqual(expected);
	});

	it('attemptsLeft', () => {
		expect(attemptsLeft(FRESH_GUARD)).toBe(5);
		expect(attemptsLeft({ failedPins: 4, lockedOut: null })).toBe(1);
		expect(attemptsLeft({ failedPins: 1, lockedOut: wiped })).toBe(0);
	});
});
