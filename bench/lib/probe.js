// The in-page stopwatch for the start-up figures, installed before any page script runs, the same
// way in the app and in the bare page. Every animation frame it looks for the PIN field and the
// code; the time recorded is performance.now() (ms since navigation start) in the first frame in
// which the element is rendered visible: the frame that paints it.
//
// - pinVisible: `[data-testid=pin]` is laid out and visible (checkVisibility, non-empty box).
// - pinUsable: it is also enabled and not inside an `inert` subtree (the app keeps prerendered
//   forms inert until hydrated, so early typing is not lost).
// - typed: the first `input` event on the PIN field, i.e. the first typed digit the field took.
//   startup.js starts typing the PIN as soon as the field is usable and then presses Enter; the run
//   counts only if that PIN then unlocks, so a digit the app dropped (typed before it started)
//   fails the run instead of flattering it: "PIN usable (typing lands)".
// - enter: the Enter keydown on the PIN field (capture phase, before any page handler).
// - codeVisible: the first `[data-testid=code]` is visible.
// `window.__benchWait(name)` resolves with the time once the mark exists.
export const PROBE = `(() => {
	const marks = {};
	const waiters = {};
	const set = (name, t) => {
		if (marks[name] !== undefined) return;
		marks[name] = t;
		for (const resolve of waiters[name] ?? []) resolve(t);
	};
	window.__benchMarks = marks;
	window.__benchWait = (name) => marks[name] !== undefined ? Promise.resolve(marks[name]) : new Promise((r) => (waiters[name] ??= []).push(r));
	const shown = (el) => !!el && el.checkVisibility() && el.getBoundingClientRect().height > 0;
	const frame = () => {
		const now = performance.now();
		const pin = document.querySelector('[data-testid=pin]');
		if (shown(pin)) {
			set('pinVisible', now);
			if (!pin.disabled && !pin.closest('[inert]')) set('pinUsable', now);
		}
		if (marks.enter !== undefined && shown(document.querySelector('[data-testid=code]'))) set('codeVisible', now);
		requestAnimationFrame(frame);
	};
	requestAnimationFrame(frame);
	addEventListener('input', (e) => {
		if (e.target?.dataset?.testid === 'pin' && e.target.value) set('typed', performance.now());
	}, true);
	addEventListener('keydown', (e) => {
		if (e.key === 'Enter' && e.target?.dataset?.testid === 'pin') set('enter', performance.now());
	}, true);
	new PerformanceObserver((list) => {
		for (const entry of list.getEntries()) if (entry.name === 'first-contentful-paint') set('fcp', entry.startTime);
	}).observe({ type: 'paint', buffered: true });
})();`;
