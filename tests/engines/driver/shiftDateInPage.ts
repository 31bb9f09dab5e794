/**
 * Runs IN THE PAGE before any of its own scripts (a BiDi preload script): moves the wall clock
 * (`Date.now()`, `new Date()`, `Date()`) by `shiftMs` and leaves `performance.now()` alone, which
 * is what a phone whose clock was set by hand looks like to a page. Self-contained on purpose.
 */
export function shiftDateInPage(shiftMs: number): void {
	const RealDate = Date;
	const realNow = RealDate.now.bind(RealDate);
	const now = () => realNow() + shiftMs;
	const Shifted = new Proxy(RealDate, {
		construct(target, args, newTarget) {
			return Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget);
		},
		apply() {
			return new RealDate(now()).toString();
		}
	});
	RealDate.now = now;
	globalThis.Date = Shifted;
}
