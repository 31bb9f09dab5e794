import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { VerifyState } from '../store/Store';
import { matchingSteps } from '$lib/otp/validate';
import { applyVerification, attemptsLeft, failuresInWindow, type VerifyOutcome } from './applyVerification';
import { DEFAULT_LOCKOUT } from '../config/LockoutPolicy';

const candidates = [
	{ step: 99, code: '111111' },
	{ step: 100, code: '222222' },
	{ step: 101, code: '333333' }
];
const NOW = 1_700_000_000_000;
const DAY = 86_400_000;
const state = (lastStep: number | null, failures = 0, recentFailures: number[] = [], locked = false, lastFailureAt: number | null = null): VerifyState => ({
	lastStep,
	failures,
	recentFailures,
	lastFailureAt: lastFailureAt ?? (recentFailures.length ? recentFailures.at(-1)! : null),
	locked
});
const times = (n: number, at = NOW - DAY) => Array.from({ length: n }, (_, i) => at + i);
const attempt = (code: string, now = NOW) => ({ candidates, code, now });
const accepted = (step: number, failuresSinceLastSuccess = 0, lastFailureAt: number | null = null): VerifyOutcome => ({
	result: 'accepted',
	step,
	failuresSinceLastSuccess,
	lastFailureAt
});

describe('applyVerification', () => {
	const cases: [string, VerifyState, string, VerifyOutcome, VerifyState][] = [
		['current step, never used', state(null), '222222', accepted(100), state(100)],
		['previous step', state(null), '111111', accepted(99), state(99)],
		['next step', state(null), '333333', accepted(101), state(101)],
		[
			'a success ends the run and reports it, but keeps the window',
			state(99, 3, times(3)),
			'222222',
			accepted(100, 3, NOW - DAY + 2),
			{ ...state(100, 0, times(3)), lastFailureAt: NOW - DAY + 2 }
		],
		['same step again is a replay: refused, not counted', state(100), '222222', { result: 'rejected', reason: 'replayed', attemptsLeft: 5 }, state(100)],
		['older than last is a replay too', state(100, 2, times(2)), '111111', { result: 'rejected', reason: 'replayed', attemptsLeft: 3 }, state(100, 2, times(2))],
		['a replay at 4 failures does not lock', state(100, 4, times(4)), '222222', { result: 'rejected', reason: 'replayed', attemptsLeft: 1 }, state(100, 4, times(4))],
		['wrong code', state(null), '000000', { result: 'rejected', reason: 'invalid', attemptsLeft: 4 }, state(null, 1, [NOW])],
		['5th failure in a row locks, and says so', state(5, 4, times(4)), '000000', { result: 'locked' }, state(5, 5, [...times(4), NOW], true)],
		['10th failure in the window locks though the run is 1', state(5, 0, times(9)), '000000', { result: 'locked' }, state(5, 1, [...times(9), NOW], true)],
		[
			'9 in the window leave 1 attempt whatever the run says',
			state(5, 0, times(8)),
			'000000',
			{ result: 'rejected', reason: 'invalid', attemptsLeft: 1 },
			state(5, 1, [...times(8), NOW])
		],
		[
			'failures older than 30 days fall out of the window',
			state(5, 0, times(9, NOW - 31 * DAY)),
			'000000',
			{ result: 'rejected', reason: 'invalid', attemptsLeft: 4 },
			state(5, 1, [NOW])
		],
		['locked, right code', state(5, 5, times(5), true), '222222', { result: 'locked' }, state(5, 5, times(5), true)],
		['locked, wrong code is not counted', state(5, 5, times(5), true), '000000', { result: 'locked' }, state(5, 5, times(5), true)]
	];
	for (const [name, before, code, outcome, next] of cases) {
		it(name, () => {
			const decision = applyVerification(before, attempt(code));
			expect(decision.outcome).toEqual(outcome);
			expect(decision.next).toEqual(next);
			expect(decision.audit[0]).toEqual({ action: 'verify', result: outcome.result === 'rejected' ? `rejected:${outcome.reason}` : outcome.result });
			expect(decision.audit.some((a) => a.action === 'lock')).toBe(next.locked && !before.locked);
		});
	}

	it('locks at exactly 5 in a row', () => {
		let s = state(null);
		const results = [];
		for (let i = 0; i < 7; i++) {
			const r = applyVerification(s, attempt('000000', NOW + i));
			results.push(r.outcome.result);
			s = r.next;
		}
		expect(results).toEqual(['rejected', 'rejected', 'rejected', 'rejected', 'locked', 'locked', 'locked']);
	});

	it("the patient guesser (issue 12): 4 wrong, then the trainee's own success, repeated, locks at the 10th failure", () => {
		let s = state(null);
		let failures = 0;
		let step = 1000;
		const log: string[] = [];
		for (let round = 0; round < 5 && !s.locked; round++) {
			for (let i = 0; i < 4 && !s.locked; i++) {
				const r = applyVerification(s, { candidates: [{ step, code: '123456' }], code: '000000', now: NOW + round * DAY + i });
				s = r.next;
				failures++;
				log.push(r.outcome.result);
			}
			if (s.locked) break;
			const ok = applyVerification(s, { candidates: [{ step: ++step, code: '654321' }], code: '654321', now: NOW + round * DAY + 10 });
			expect(ok.outcome).toMatchObject({ result: 'accepted', failuresSinceLastSuccess: 4 });
			s = ok.next;
			step++;
		}
		expect(failures).toBe(10);
		expect(log.at(-1)).toBe('locked');
		expect(log.filter((r) => r === 'locked')).toHaveLength(1);
	});

	it('1 accepted and 39 replays of the same code lock nobody', () => {
		let s = state(null);
		const outcomes = [];
		for (let i = 0; i < 40; i++) {
			const r = applyVerification(s, attempt('222222'));
			outcomes.push(r.outcome.result === 'rejected' ? r.outcome.reason : r.outcome.result);
			s = r.next;
		}
		expect(outcomes.filter((o) => o === 'accepted')).toHaveLength(1);
		expect(outcomes.filter((o) => o === 'replayed')).toHaveLength(39);
		expect(s).toEqual(state(100));
	});

	it('of two fresh matching steps takes the older (a code collision burns the fewest steps)', () => {
		const twin = [
			{ step: 99, code: '444444' },
			{ step: 100, code: '555555' },
			{ step: 101, code: '444444' }
		];
		expect(applyVerification(state(null), { candidates: twin, code: '444444', now: NOW }).outcome).toEqual(accepted(99));
		expect(applyVerification(state(99), { candidates: twin, code: '444444', now: NOW }).outcome).toEqual(accepted(101));
	});

	it('never unlocks, never lets the window shrink below its failures in range, and never counts a match (property)', () => {
		fc.assert(
			fc.property(
				fc.record({
					lastStep: fc.option(fc.integer({ min: 95, max: 105 }), { nil: null }),
					failures: fc.integer({ min: 0, max: 4 }),
					recent: fc.array(fc.integer({ min: -40, max: 0 }).map((d) => NOW + d * DAY), { maxLength: 9 }),
					locked: fc.boolean()
				}),
				fc.constantFrom('111111', '222222', '333333', '000000', '999999'),
				({ lastStep, failures, recent, locked }, code) => {
					const before = state(lastStep, failures, recent.sort((a, b) => a - b), locked);
					const { outcome, next } = applyVerification(before, attempt(code));
					if (before.locked) expect(next).toEqual(before);
					if (!before.locked && matchingSteps(candidates, code).length > 0) expect(next.failures).toBeLessThanOrEqual(before.failures);
					if (outcome.result === 'rejected' && outcome.reason === 'invalid') {
						expect(next.failures).toBe(before.failures + 1);
						expect(next.recentFailures.length).toBe(failuresInWindow(before, NOW).length + 1);
					}
					expect(next.locked || outcome.result !== 'locked').toBe(true);
				}
			),
			{ numRuns: Number(process.env.FUZZ_RUNS ?? 1000) }
		);
	});

	it('attemptsLeft is the nearer of the two limits', () => {
		expect(attemptsLeft(0, 0)).toBe(5);
		expect(attemptsLeft(3, 3)).toBe(2);
		expect(attemptsLeft(0, 8)).toBe(2);
		expect(attemptsLeft(5, 9)).toBe(0);
		expect(attemptsLeft(0, 0, { ...DEFAULT_LOCKOUT, consecutiveFailures: 3 })).toBe(3);
	});

});
