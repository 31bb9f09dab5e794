import type { ClockMeasurement } from './ClockMeasurement';
import type { StoredMeasurement } from './StoredMeasurement';

/** The page's two clocks, passed in so tests can move them independently. */
export interface TimeSources {
	/** Device wall clock, ms since epoch: `() => Date.now()`. Can be changed by the user. */
	wallNow: () => number;
	/** Monotonic clock, ms: `() => performance.now()`. Restarts with the page. */
	monotonicNow: () => number;
}

export interface CorrectedClockOptions extends TimeSources {
	/** Whether codes use the corrected time. On by default (issue 5). */
	enabled?: boolean;
	/**
	 * Called with the record to persist whenever it changes: after `anchor()`, and after a
	 * wall-clock jump has changed the effective offset. Persisting it keeps a reload (which can
	 * only apply `Date.now() + offsetMs`) right after the user fixed the clock.
	 */
	onChange?: (record: StoredMeasurement) => void;
}

/**
 * Wall and monotonic clocks may disagree by this much between two reads before we call it a
 * jump. Honest drift between them (NTP slewing, ≤ 500 ppm) stays far below it.
 */
export const JUMP_TOLERANCE_MS = 1000;

/** One consistent reading of a `CorrectedClock` (see its getters for each field). */
export interface ClockSnapshot {
	enabled: boolean;
	source: 'measured' | 'restored' | null;
	/** Device wall clock. */
	deviceTime: number;
	/** Estimated true (server) time; `null` if never measured. */
	trueTime: number | null;
	/** What codes are generated from. */
	codeTime: number;
	offsetMs: number | null;
	ageMs: number | null;
	uncertaintyMs: number | null;
}

interface Anchor {
	trueAt: number;
	wallAt: number;
	monoAt: number;
}

/**
 * The time codes are generated from: the device clock corrected by the last measured offset.
 *
 * Anchoring. After a measurement, true time advances with the monotonic clock, so a later change
 * of the device clock (the user turning on automatic time after our warning) does not move the
 * codes. But `performance.now()` does not tick while the device sleeps on Android, iOS, macOS
 * and Linux (MDN "performance.now(): ticking during sleep"; w3c/hr-time#115), so after a night
 * in a pocket it lags by hours. The two cases look alike except in direction:
 * - wall clock moved *back* relative to monotonic → only a clock change does that: trust monotonic;
 * - wall clock moved *forward* → a sleep (common) or a clock set forward (rare): trust the wall
 *   clock, keeping the offset. A forward change stays uncorrected until the next measurement,
 *   which the app takes on focus; getting every code wrong after each sleep would be far worse.
 * Each jump re-anchors, so the effective offset (`offsetMs()`) follows the device clock.
 *
 * Across reloads `performance.now()` restarts, so `restore()` can only apply the stored offset
 * to the wall clock ("offline, use the last offset"); jumps after that are handled as above.
 *
 * Off mode (`enabled = false`): `now()` is the device clock, but the measurement is still kept
 * and `trueNow()`/`offsetMs()` still answer, so the warning can still be shown.
 *
 * Reads (`now()`, `trueNow()`, …) notice jumps and may call `onChange`.
 */
export class CorrectedClock {
	#wallNow: () => number;
	#monotonicNow: () => number;
	#onChange: ((record: StoredMeasurement) => void) | undefined;
	#anchor: Anchor | null = null;
	#record: Omit<StoredMeasurement, 'offsetMs'> | null = null;
	#source: 'measured' | 'restored' | null = null;
	/** Whether codes use the corrected time (`now()`), or the device clock. */
	enabled: boolean;

	constructor(opts: CorrectedClockOptions) {
		this.#wallNow = opts.wallNow;
		this.#monotonicNow = opts.monotonicNow;
		this.#onChange = opts.onChange;
		this.enabled = opts.enabled ?? true;
	}

	/** Uses a fresh measurement, anchored to the monotonic clock at the instant it was taken. */
	anchor(m: ClockMeasurement): void {
		const trueAt = m.measuredAtWall + m.offsetMs;
		this.#anchor = { trueAt, wallAt: m.measuredAtWall, monoAt: m.measuredAtMonotonic };
		this.#record = { measuredAt: trueAt, rttMs: m.rttMs, uncertaintyMs: m.uncertaintyMs };
		this.#source = 'measured';
		this.#emit(m.offsetMs);
	}

	/**
	 * Uses a persisted measurement (validate it with `parseStoredMeasurement` first). Applied as
	 * `wallNow() + offsetMs` from now on. Ignored, returning false, if the clock already holds a
	 * measurement at least as recent, so a slow storage read cannot undo a fresh measurement.
	 */
	restore(s: StoredMeasurement): boolean {
		if (this.#record !== null && this.#record.measuredAt >= s.measuredAt) return false;
		const wall = this.#wallNow();
		this.#anchor = { trueAt: wall + s.offsetMs, wallAt: wall, monoAt: this.#monotonicNow() };
		this.#record = { measuredAt: s.measuredAt, rttMs: s.rttMs, uncertaintyMs: s.uncertaintyMs };
		this.#source = 'restored';
		return true;
	}

	/** Forgets the measurement (e.g. on reset). */
	clear(): void {
		this.#anchor = this.#record = this.#source = null;
	}

	/** `'measured'` this page, `'restored'` from storage, or `null` if never measured. */
	get source(): 'measured' | 'restored' | null {
		return this.#source;
	}

	/** The time for codes, ms since epoch: `trueNow()` when enabled and measured, else the device clock. */
	now(): number {
		return this.snapshot().codeTime;
	}

	/** Best estimate of true time, whatever `enabled` says; `null` if never measured. */
	trueNow(): number | null {
		return this.snapshot().trueTime;
	}

	/** Effective offset now, true time − device time (negative = device ahead); `null` if never measured. */
	offsetMs(): number | null {
		return this.snapshot().offsetMs;
	}

	/** True time elapsed since the measurement (never negative); `null` if never measured. */
	ageMs(): number | null {
		return this.snapshot().ageMs;
	}

	/** The measurement's ± bound, as measured (not grown with age); `null` if never measured. */
	uncertaintyMs(): number | null {
		return this.#record?.uncertaintyMs ?? null;
	}

	/** Everything the UI shows, read from one instant of both clocks. */
	snapshot(): ClockSnapshot {
		const { trueNow, wall } = this.#read();
		const record = this.#record;
		const measured = trueNow !== null && record !== null;
		return {
			enabled: this.enabled,
			source: this.#source,
			deviceTime: wall,
			trueTime: trueNow,
			codeTime: this.enabled && trueNow !== null ? trueNow : wall,
			offsetMs: trueNow === null ? null : trueNow - wall,
			ageMs: measured ? Math.max(0, trueNow - record.measuredAt) : null,
			uncertaintyMs: record?.uncertaintyMs ?? null
		};
	}

	/** The record to persist, with the effective offset; `null` if never measured. */
	measurement(): StoredMeasurement | null {
		const { offsetMs } = this.snapshot();
		return offsetMs === null || this.#record === null ? null : { offsetMs, ...this.#record };
	}

	#read(): { trueNow: number | null; wall: number } {
		const wall = this.#wallNow();
		const a = this.#anchor;
		if (a === null) return { trueNow: null, wall };
		const mono = this.#monotonicNow();
		const wallElapsed = wall - a.wallAt;
		const monoElapsed = mono - a.monoAt;
		const jump = wallElapsed - monoElapsed;
		// See the class comment: forward = probably sleep, trust the wall; backward = a clock change.
		const trueNow = a.trueAt + (jump > JUMP_TOLERANCE_MS ? wallElapsed : monoElapsed);
		if (Math.abs(jump) > JUMP_TOLERANCE_MS) {
			this.#anchor = { trueAt: trueNow, wallAt: wall, monoAt: mono };
			// Only a backward jump changes the offset; a sleep leaves nothing new to persist.
			if (jump < 0) this.#emit(trueNow - wall);
		}
		return { trueNow, wall };
	}

	#emit(offsetMs: number): void {
		if (this.#onChange !== undefined && this.#record !== null) this.#onChange({ offsetMs, ...this.#record });
	}
}
