import { ClockError, type ClockErrorCode } from '$lib/clock/ClockError';
import type { ClockMeasurement } from '$lib/clock/ClockMeasurement';
import { CorrectedClock, JUMP_TOLERANCE_MS, type TimeSources } from '$lib/clock/CorrectedClock';
import { presentClock, type ClockPresentation } from '$lib/clock/presentClock';
import { parseStoredMeasurement, type StoredMeasurement } from '$lib/clock/StoredMeasurement';
import { zoneOffsetMs } from '$lib/clock/zoneOffsetMs';
import { browserTimeSources, measureClock } from '$lib/browser/timeSync';
import { readRecords, writeRecords, type Prefs } from '$lib/browser/deviceStore';
import { updatePrefs } from './prefs';
import { setTimeSource } from './time';

/** Measure this often while the app is on screen (issue 5: "every few minutes while open"). */
export const MEASURE_EVERY_MS = 5 * 60_000;
/** Focus and visibility events come in bursts; measure at most this often because of them. */
export const MIN_MEASURE_GAP_MS = 30_000;
/** The screens' clock texts ("measured 3 min ago", device time in settings) move this often. */
export const REFRESH_EVERY_MS = 1000;

export { DEFAULT_PREFS } from './prefs';

/** A reading of both page clocks, taken when a measurement was last attempted. */
export interface ClockReading {
	wall: number;
	mono: number;
}

/**
 * Whether an event-driven measurement is due. Yes when none was attempted yet, when `minGapMs`
 * have passed on the monotonic clock, or when the two clocks disagree about the time since the
 * last attempt: that is a sleep (`performance.now()` stops while the device sleeps) or the user
 * changing the clock, perhaps after our warning. Either way the offset may have changed, and
 * the monotonic gap alone would wrongly say "just measured".
 */
export function measurementDue(last: ClockReading | null, now: ClockReading, minGapMs = MIN_MEASURE_GAP_MS): boolean {
	if (last === null) return true;
	const mono = now.mono - last.mono;
	return mono >= minGapMs || Math.abs(now.wall - last.wall - mono) > JUMP_TOLERANCE_MS;
}

/** The device's IANA zone, or UTC when the engine gives none it knows (TOTP never needs it). */
export function deviceTimeZone(at: number): string {
	try {
		const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
		zoneOffsetMs(zone, at); // throws for a zone this engine cannot compute
		return zone;
	} catch {
		return 'UTC';
	}
}

/** What the app clock needs from the outside world; the browser's by default, fakes in tests. */
export interface AppClockDeps extends TimeSources {
	measure: () => Promise<ClockMeasurement>;
	/** The stored measurement (untrusted, validated here) and prefs, if any. */
	load: () => Promise<{ clock?: unknown; prefs?: Partial<Prefs> }>;
	saveMeasurement: (m: StoredMeasurement) => Promise<void>;
	saveCorrection: (on: boolean) => Promise<void>;
	timeZone: (at: number) => string;
	/** `navigator.onLine`: false is reliable ("certainly offline"), true is only a hope. */
	online: () => boolean;
}

/** The browser's implementation of `AppClockDeps`. */
export const browserClockDeps: AppClockDeps = {
	...browserTimeSources,
	measure: () => measureClock(),
	load: () => readRecords(['clock', 'prefs']),
	saveMeasurement: (m) => writeRecords({ clock: m }),
	async saveCorrection(on) {
		await updatePrefs({ clockCorrection: on });
	},
	timeZone: deviceTimeZone,
	online: () => navigator.onLine
};

/**
 * The app's clock (issue 5): owns the one `CorrectedClock`, keeps it measured against the server
 * and persisted, and publishes what the screens say about it as `presentation`.
 *
 * Measuring never blocks and never fails loudly: a failed measurement keeps the last offset
 * (restored from storage after a reload) and only sets `lastError`. Codes read `now()` through
 * `src/lib/app/time.ts`, so the clock can change under them without the code screen knowing.
 */
export class AppClock {
	/** What the banner, the status line and settings show; refreshed every second while visible. */
	presentation = $state.raw<ClockPresentation>() as ClockPresentation;
	/** True once started in the browser: before that, `presentation` holds no real reading. */
	ready = $state(false);
	measuring = $state(false);
	/** Why the last measurement failed, or `null` if it succeeded (or none was tried). */
	lastError = $state<ClockErrorCode | null>(null);
	online = $state(true);
	timeZone = $state('UTC');

	#deps: AppClockDeps;
	#clock: CorrectedClock;
	#lastAttempt: ClockReading | null = null;
	#inflight: Promise<boolean> | null = null;
	/** Set by `setCorrection`, so a slow storage read at start cannot undo the user's choice. */
	#correctionChosen = false;
	#stop: (() => void) | null = null;

	constructor(deps: AppClockDeps = browserClockDeps) {
		this.#deps = deps;
		this.#clock = new CorrectedClock({
			wallNow: deps.wallNow,
			monotonicNow: deps.monotonicNow,
			onChange: (record) => void deps.saveMeasurement(record).catch(() => undefined)
		});
		this.presentation = this.#present();
	}

	/** The time codes are generated from: server-corrected when correction is on and measured. */
	now(): number {
		return this.#clock.now();
	}

	/**
	 * Starts the clock in the browser (idempotent): makes it the app's time source, restores the
	 * stored measurement and the correction pref, measures, and listens for the moments a new
	 * measurement is worth it. Returns at once; nothing here waits on the network.
	 */
	start(target: { window: Window; document: Document } = { window, document }): void {
		if (this.#stop !== null) return;
		const { window: win, document: doc } = target;
		setTimeSource(() => this.now());
		this.online = this.#deps.online();
		this.timeZone = this.#deps.timeZone(this.#deps.wallNow());
		this.ready = true;
		this.refresh();
		void this.#restore().then(() => this.measureIfDue());

		let refresher: ReturnType<typeof setInterval> | undefined;
		const visible = () => doc.visibilityState !== 'hidden';
		const onVisible = () => {
			this.timeZone = this.#deps.timeZone(this.#deps.wallNow()); // travellers change zones
			this.refresh();
			clearInterval(refresher);
			refresher = visible() ? setInterval(() => this.refresh(), REFRESH_EVERY_MS) : undefined;
			if (visible()) void this.measureIfDue();
		};
		const onOnline = () => {
			this.online = true;
			void this.measureNow();
		};
		const onOffline = () => (this.online = false);
		const periodic = setInterval(() => {
			if (visible()) void this.measureIfDue(MEASURE_EVERY_MS - 1000);
		}, MEASURE_EVERY_MS);
		onVisible();

		win.addEventListener('focus', onVisible);
		win.addEventListener('pageshow', onVisible);
		doc.addEventListener('visibilitychange', onVisible);
		win.addEventListener('online', onOnline);
		win.addEventListener('offline', onOffline);
		this.#stop = () => {
			clearInterval(refresher);
			clearInterval(periodic);
			win.removeEventListener('focus', onVisible);
			win.removeEventListener('pageshow', onVisible);
			doc.removeEventListener('visibilitychange', onVisible);
			win.removeEventListener('online', onOnline);
			win.removeEventListener('offline', onOffline);
		};
	}

	/** Removes the listeners and timers (tests; the app's clock lives as long as the page). */
	stop(): void {
		this.#stop?.();
		this.#stop = null;
	}

	/** Measures if the last attempt is older than `minGapMs` or the clocks jumped since. */
	measureIfDue(minGapMs = MIN_MEASURE_GAP_MS): Promise<boolean> {
		const now = { wall: this.#deps.wallNow(), mono: this.#deps.monotonicNow() };
		if (!this.#deps.online() || !measurementDue(this.#lastAttempt, now, minGapMs)) return Promise.resolve(false);
		return this.measureNow();
	}

	/**
	 * Measures now (the "measure now" button; also joins a measurement already under way).
	 * Resolves to whether it succeeded; a failure keeps the last offset and sets `lastError`.
	 */
	measureNow(): Promise<boolean> {
		this.#inflight ??= this.#measure().finally(() => (this.#inflight = null));
		return this.#inflight;
	}

	/** Turns code correction on or off, for this page at once and persisted for the next. */
	async setCorrection(on: boolean): Promise<void> {
		this.#correctionChosen = true;
		this.#clock.enabled = on;
		this.refresh();
		try {
			await this.#deps.saveCorrection(on);
		} catch {
			// Storage refused: the choice still holds until the page closes.
		}
	}

	/** Re-reads the clock into `presentation`. */
	refresh(): void {
		this.presentation = this.#present();
	}

	async #measure(): Promise<boolean> {
		this.#lastAttempt = { wall: this.#deps.wallNow(), mono: this.#deps.monotonicNow() };
		this.measuring = true;
		try {
			this.#clock.anchor(await this.#deps.measure()); // anchor() hands the record to onChange
			this.lastError = null;
			this.online = true;
			return true;
		} catch (e) {
			this.lastError = e instanceof ClockError ? e.code : 'OFFLINE';
			return false;
		} finally {
			this.measuring = false;
			this.refresh();
		}
	}

	async #restore(): Promise<void> {
		let stored: { clock?: unknown; prefs?: Partial<Prefs> };
		try {
			stored = await this.#deps.load();
		} catch {
			return; // no storage (private mode): measure and keep it in memory only
		}
		if (!this.#correctionChosen && typeof stored.prefs?.clockCorrection === 'boolean') {
			this.#clock.enabled = stored.prefs.clockCorrection;
		}
		if (stored.clock !== undefined) {
			try {
				// restore() ignores a record older than a measurement that beat the storage read.
				this.#clock.restore(parseStoredMeasurement(stored.clock));
			} catch {
				// Corrupt or tampered record: ignore it; the next measurement overwrites it.
			}
		}
		this.refresh();
	}

	#present(): ClockPresentation {
		const snapshot = this.#clock.snapshot();
		try {
			return presentClock(snapshot, { timeZone: this.timeZone });
		} catch {
			return presentClock(snapshot, { timeZone: 'UTC' });
		}
	}
}

/** The app's one clock. `start()` it from the root layout. */
export const clock = new AppClock();
