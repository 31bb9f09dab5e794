import { describe, expect, it } from 'vitest';
import { applyVerification, matchingSteps, MAX_FAILURES, type VerifyState } from './applyVerification';

const candidates = [
	{ step: 99, code: '111111' },
	{ step: 100, code: '222222' },
	{ step: 101, code: '333333' }
];
const state = (lastStep: number | null, failures = 0, locked = false): VerifyState => ({ lastStep, failures, locked });

describe('applyVerification', () => {
	const cases: [string, VerifyState, string, unknown, VerifyState][] = [
		['current step, never used', state(null), '222222', { result: 'accepted', step: 100 }, state(100)],
		['previous step', state(null), '111111', { result: 'accepted', step: 99 }, state(99)],
		['next step', state(null), '333333', { result: 'accepted', step: 101 }, state(101)],
		['newer than last', state(99, 3), '222222', { result: 'accepted', step: 100 }, state(100)],
		['same step again', state(100), '222222', { result: 'rejected', reason: 'replayed', attemptsLeft: 4 }, state(100, 1)],
		['older than last', state(100, 2), '111111', { result: 'rejected', reason: 'replayed', attemptsLeft: 2 }, state(100, 3)],
		['wrong code', state(null), '000000', { result: 'rejected', reason: 'invalid', attemptsLeft: 4 }, state(null, 1)],
		['5th failure locks, and says so', state(5, 4), '000000', { result: 'locked' }, state(5, 5, true)],
		['5th failure by replay locks', state(100, 4), '222222', { result: 'locked' }, state(100, 5, true)],
		['locked, right code', state(5, 5, true), '222222', { result: 'locked' }, state(5, 5, true)],
		['locked, wrong code is not counted', state(5, 5, true), '000000', { result: 'locked' }, state(5, 5, true)]
	];
	for (const [name, before, code, outcome, next] of cases) {
		it(name, () => {
			expect(applyVerification(before, { candidates, code })).toEqual({ outcome, next });
		});
	}

	it('locks at exactly MAX_FAILURES = 5', () => {
		expect(MAX_FAILURES).toBe(5);
		let s = state(null);
		const results = [];
		for (let i = 0; i < 7; i++) {
			const r = applyVerification(s, { candidates, code: '000000' });
			results.push(r.outcome.result);
			s = r.next;
		}
		expect(results).toEqual(['rejected', 'rejected', 'rejected', 'rejected', 'locked', 'locked', 'locked']);
	});

	it('of two fresh matching steps takes the older (a code collision burns the fewest steps)', () => {
		const twin = [
			{ step: 99, code: '444444' },
			{ step: 100, code: '555555' },
			{ step: 101, code: '444444' }
		];
		expect(applyVerification(state(null), { candidates: twin, code: '444444' }).outcome).toEqual({ result: 'accepted', step: 99 });
		expect(applyVerification(state(99), { candidates: twin, code: '444444' }).outcome).toEqual({ result: 'accepted', step: 101 });
	});

	it('matchingSteps compares every candidate', () => {
		expect(matchingSteps({ candidates, code: '333333' })).toEqual([101]);
		expect(matchingSteps({ candidates, code: '33333' })).toEqual([]);
		expect(matchingSteps({ candidates: [], code: '333333' })).toEqual([]);
	});
});
