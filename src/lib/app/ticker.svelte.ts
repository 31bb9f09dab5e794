import { trueNow } from './time';

/**
 * A clock for the screen: `now` advances right after every whole second of true time, so a
 * 60-second step flips on its boundary (a step boundary is always a whole second), not up to a
 * second late as with a free-running interval.
 */
export class Ticker {
	now = $state(trueNow());
	#timer: ReturnType<typeof setTimeout> | undefined;

	start(): void {
		this.stop();
		const tick = () => {
			this.now = trueNow();
			this.#timer = setTimeout(tick, 1000 - (this.now % 1000) + 4);
		};
		tick();
	}

	stop(): void {
		clearTimeout(this.#timer);
		this.#timer = undefined;
	}
}
