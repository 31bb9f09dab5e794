// The lock screen before the app has started (issue 14). Inlined into the prerendered `/` at
// prerender (src/lib/server/prerender/lightLockPage.ts), right after the page's CSP meta tag, which
// allows it by its hash: it runs before the first paint, and the page needs no request for it.
// - `html.enrolled` when this browser has a vault (the `motp_enrolled` cookie, see
//   src/lib/browser/enrollmentMarker.ts): `/` then paints its prerendered PIN form at once
//   instead of "loading" (src/routes/(app)/+page.svelte).
// - A PIN form marked `data-early-submit` that is submitted (Enter, the button) before the app
//   has taken it over is not sent as a navigation: it is marked `data-early-pending` (an attribute
//   the component does not render, so hydration leaves it alone), and PinForm submits it
//   as soon as it starts. The digits stay in the field; Svelte reads them when it hydrates.
(function () {
	if (document.cookie.split('; ').indexOf('motp_enrolled=1') !== -1) document.documentElement.classList.add('enrolled');
	document.addEventListener(
		'submit',
		function (event) {
			var form = event.target;
			if (form instanceof HTMLFormElement && form.hasAttribute('data-early-submit')) {
				event.preventDefault();
				form.setAttribute('data-early-pending', '');
			}
		},
		true
	);
})();
