import { afterEach, describe, expect, it, vi } from 'vitest';
import { ClockError } from '$lib/clock/ClockError';
import type { ClockMeasurement } from '$lib/clock/ClockMeasurement';
import type { StoredMeasurement } from '$lib/clock/StoredMeasurement';
import { AppClock, measurementDue, type AppClockDeps } from './clock.svelte';
import { trueNow } from './time';

const T0 = Date.UTC(2026, 10, 22, 3, 0, 0);
const FAST_4MIN = -4 * 60_000;

/** Two hand-moved page clocks, fake storage and a scripted server. */
function world(opts: { stored?: Partial<StoredMeasurement> | unknown; correction?: boolean; loadDelay?: Promise<void> } = {}) {
	const t = { wall: T0, mono: 1000 };
	const saved: StoredMeasurement[] = [];
	const prefs: boolean[] = [];
	const answers: (() => Promise<ClockMeasurement>)[] = [];
	const measure = vi.fn(() => {
		const next = answers.shift();
		return next ? next() : Promise.reject(new ClockError('OFFLINE', 'no answer scripted'));
	});
	const deps: AppClockDeps = {
		wallNow: () => t.wall,
		monotonicNow: () => t.mono,
		measure,
		async load() {
			await opts.loadDelay;
			return {
				...(opts.stored === undefined ? {} : { clock: opts.stored }),
				...(opts.correction === undefined ? {} : { prefs: { clockCorrection: opts.correction } })
			};
		},
		saveMeasurement: async (m) => void saved.push(m),
		saveCorrection: async (on) => void prefs.push(on),
		timeZone: () => 'Europe/Berlin',
		online: () => true
	};
	/** The server answers with `offsetMs`, measured at the current instant of both clocks. */
	const answer = (offsetMs: number) =>
		answers.push(() => Promise.resolve({ offsetMs, rttMs: 20, uncertaintyMs: 10, measuredAtWall: t.wall, measuredAtMonotonic: t.mono }));
	const fail = (code: 'OFFLINE' | 'BAD_TIME_RESPONSE') => answers.push(() => Promise.reject(new ClockError(code, 'scripted')));
	const win = new EventTarget() as unknown as Window;
	const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' }) as unknown as Document;
	const clock = new AppClock(deps);
	const start = () => clock.start({ window: win, document: doc });
	return { t, saved, prefs, measure, answer, fail, clock, start, win };
}

/** Lets queued promise callbacks (storage read, measurement) run. */
const settle = () => new Promise((r) => setTimeout(r, 0));

let running: AppClock | undefined;
afterEach(() => running?.stop());

describe('measurementDue', () => {
	const at = (wall: number, mono: number) => ({ wall, mono });
	it.each([
		['never attempted', null, at(T0, 0), true],
		['10 s later', at(T0, 0), at(T0 + 10_000, 10_000), false],
		['30 s later', at(T0, 0), at(T0 + 30_000, 30_000), true],
		['after a night asleep (monotonic stood still)', at(T0, 0), at(T0 + 8 * 3600_000, 5000), true],
		['after the clock was set back 4 min', at(T0, 0), at(T0 - 4 * 60_000 + 5000, 5000), true],
		['within the jump tolerance', at(T0, 0), at(T0 + 5900, 5000), false]
	])('%s → %s', (_name, last, now, due) => {
		expect(measurementDue(last, now)).toBe(due);
	});
});

describe('AppClock', () => {
	it('becomes the app time source, and corrects codes after a measurement', async () => {
		const w = world();
		running = w.clock;
		w.answer(FAST_4MIN);
		w.start();
		expect(trueNow()).toBe(T0); // nothing measured yet: the device clock
		await settle();
		expect(w.measure).toHaveBeenCalledTimes(1);
		expect(trueNow()).toBe(T0 + FAST_4MIN);
		expect(w.saved.at(-1)).toMatchObject({ offsetMs: FAST_4MIN, measuredAt: T0 + FAST_4MIN });
		expect(w.clock.presentation).toMatchObject({ codesCorrected: true, source: 'measured' });
		expect(w.clock.presentation.skew).toMatchObject({ severity: 'warning', direction: 'ahead' });
	});

	it('restores the stored offset before the network answers, and keeps it when measuring fails', async () => {
		const w = world({ stored: { offsetMs: FAST_4MIN, measuredAt: T0 + FAST_4MIN - 3 * 60_000, rttMs: 20, uncertaintyMs: 10 } });
		running = w.clock;
		w.fail('OFFLINE');
		w.start();
		await settle();
		expect(w.clock.lastError).toBe('OFFLINE');
		expect(w.clock.now()).toBe(T0 + FAST_4MIN);
		expect(w.clock.presentation).toMatchObject({ source: 'restored', codesCorrected: true });
		expect(w.clock.presentation.ageMs).toBe(3 * 60_000);
	});

	it('ignores a corrupt stored record', async () => {
		const w = world({ stored: { offsetMs: 'soon', measuredAt: T0 } });
		running = w.clock;
		w.fail('BAD_TIME_RESPONSE');
		w.start();
		await settle();
		expect(w.clock.now()).toBe(T0);
		expect(w.clock.presentation.source).toBeNull();
		expect(w.clock.lastError).toBe('BAD_TIME_RESPONSE');
	});

	it('a later wall-clock change does not move the codes, and the new offset is persisted', async () => {
		const w = world();
		running = w.clock;
		w.answer(FAST_4MIN);
		w.start();
		await settle();
		// Ten seconds on, the user fixes the clock: the wall clock goes back by 4 minutes.
		w.t.mono += 10_000;
		w.t.wall += 10_000 + FAST_4MIN;
		expect(w.clock.now()).toBe(T0 + FAST_4MIN + 10_000);
		expect(w.saved.at(-1)?.offsetMs).toBe(0);
	});

	it('follows the stored correction pref, and the switch overrides and persists it', async () => {
		const w = world({ correction: false });
		running = w.clock;
		w.answer(FAST_4MIN);
		w.start();
		await settle();
		expect(w.clock.now()).toBe(T0); // off: the device clock
		expect(w.clock.presentation).toMatchObject({ correction: 'off', codesCorrected: false });
		expect(w.clock.presentation.skew?.severity).toBe('warning'); // still warned
		await w.clock.setCorrection(true);
		expect(w.prefs).toEqual([true]);
		expect(w.clock.now()).toBe(T0 + FAST_4MIN);
	});

	it('a switch flipped before storage answers is not undone by the stored pref', async () => {
		let release!: () => void;
		const w = world({ correction: true, loadDelay: new Promise<void>((r) => (release = r)) });
		running = w.clock;
		w.answer(FAST_4MIN);
		w.start();
		await w.clock.setCorrection(false);
		release();
		await settle();
		expect(w.clock.presentation.correction).toBe('off');
	});

	it('measures on focus only when due, and on coming back online at once', async () => {
		const w = world();
		running = w.clock;
		w.answer(FAST_4MIN);
		w.start();
		await settle();
		w.win.dispatchEvent(new Event('focus'));
		await settle();
		expect(w.measure).toHaveBeenCalledTimes(1); // just measured
		w.t.mono += 31_000;
		w.t.wall += 31_000;
		w.answer(FAST_4MIN);
		w.win.dispatchEvent(new Event('focus'));
		await settle();
		expect(w.measure).toHaveBeenCalledTimes(2);
		w.answer(FAST_4MIN);
		w.win.dispatchEvent(new Event('online'));
		await settle();
		expect(w.measure).toHaveBeenCalledTimes(3);
	});

	it('joins a measurement already under way', async () => {
		const w = world();
		running = w.clock;
		w.answer(0);
		const a = w.clock.measureNow();
		const b = w.clock.measureNow();
		expect(a).toBe(b);
		expect(await a).toBe(true);
		expect(w.measure).toHaveBeenCalledTimes(1);
	});
});
