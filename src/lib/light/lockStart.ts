import { browserKeeper, handOverUnlockResult } from '$lib/app/browserKeeper';
import { db } from '$lib/browser/deviceStore';
import { measureClock } from '$lib/browser/timeSync';
import { NOTICE_THRESHOLD_MS } from '$lib/clock/diagnoseSkew';
import { parseStoredMeasurement } from '$lib/clock/StoredMeasurement';
import { preferredLocale } from '$lib/i18n/pickLocale';

/**
 * The lock screen without the framework (issue 14; docs/decisions.md, "The lock screen loads
 * without the framework").
 *
 * `/` is prerendered with its PIN form, and src/lib/light/early.js shows that form at first paint and
 * keeps a submit made before anything started. SvelteKit's bootstrap on `/` does not start by
 * itself (src/lib/server/prerender/lightLockPage.ts): it waits for `window.__motpKit(ready)`, which
 * this module calls. On the plain lock screen this module opens the vault itself, with the page's
 * one keeper (src/lib/app/browserKeeper.ts), and starts the framework when the vault is open: the
 * app's Session takes over that keeper, unlocked, and shows the codes. Svelte, the router and the
 * catalogues load while the KDF runs.
 *
 * Anything the plain form does not do starts the framework at once instead: a browser without an
 * enrollment (welcome), a vault that is not simply locked (locked out, broken, vanished), earlier
 * wrong PINs (the warning with attempts left), a passkey slot (its button), English (the
 * prerendered page is Korean), and a clock the warning must be shown for.
 */
declare global {
	interface Window {
		/** Defined by the rewritten bootstrap: loads SvelteKit now, and starts it once `ready` settles. */
		__motpKit?: (ready: Promise<void>) => void;
		/** Set as soon as this module runs, so the bootstrap's fallback does not start the framework itself. */
		__motpLight?: boolean;
	}
}

const kit = window.__motpKit;
window.__motpLight = true;

let loading = false;
let released = false;
let release!: () => void;
const ready = new Promise<void>((resolve) => (release = resolve));

/** Fetches and compiles the framework (from the service worker's cache offline), without starting it. */
function load(): void {
	if (loading || !kit) return;
	loading = true;
	kit(ready);
}

/** What this module added to the prerendered page; taken out again before the framework hydrates it. */
const added: Element[] = [];

/** Hands the page to the framework, as it was prerendered. */
function start(): void {
	load();
	if (released) return;
	released = true;
	for (const node of added.splice(0)) node.remove();
	release();
}

/** The accounts under the form, as the app's lock screen lists them (clear metadata, no secret). */
function showSummary(form: HTMLFormElement): void {
	const summary = browserKeeper().keeper.state.summary;
	if (!summary.length) return;
	const list = document.createElement('ul');
	list.className = 'light-accounts muted';
	for (const a of summary) {
		const item = document.createElement('li');
		item.textContent = a.account ? `${a.issuer} · ${a.account}` : a.issuer;
		list.append(item);
	}
	form.after(list);
	added.push(list);
}

async function frameworkNeededNow(): Promise<boolean> {
	if (!document.documentElement.classList.contains('enrolled')) return true;
	if (preferredLocale() !== 'ko') return true;
	const { keeper } = browserKeeper();
	await keeper.start();
	const s = keeper.state;
	if (s.phase !== 'locked' || s.failedPins > 0 || s.passkeys.length > 0) return true;
	const stored = await (await db()).get('kv', 'clock');
	if (stored === undefined) return false;
	try {
		return Math.abs(parseStoredMeasurement(stored).offsetMs) >= NOTICE_THRESHOLD_MS;
	} catch {
		return true; // the app says what is wrong with it
	}
}

let unlocking = false;

/** Opens the vault with the PIN in the prerendered form, then starts the framework either way. */
async function unlock(form: HTMLFormElement): Promise<void> {
	const input = form.querySelector<HTMLInputElement>('[data-testid=pin]');
	const button = form.querySelector<HTMLButtonElement>('[data-testid=confirm]');
	const pin = input?.value ?? '';
	if (unlocking) return void form.removeAttribute('data-early-pending');
	// The app's own form explains a PIN of the wrong shape: keep the submit pending for it.
	if (!input || !button || !/^[0-9]{6}$/.test(pin)) return start();
	form.removeAttribute('data-early-pending');
	unlocking = true;
	// The button's nodes include Svelte's hydration markers: kept aside and put back as they were.
	const label = [...button.childNodes];
	const working = button.dataset.working ?? '';
	form.setAttribute('aria-busy', 'true');
	button.disabled = true;
	input.readOnly = true;
	button.replaceChildren(working);
	load();
	try {
		handOverUnlockResult(await browserKeeper().keeper.unlock(pin, (f) => (button.textContent = `${working}\u00a0${Math.round(f * 100)}%`)));
	} catch {
		// The app's screen explains storage failures when it starts.
	} finally {
		// What the prerendered form looked like, so the framework finds the markup it rendered;
		// after a wrong PIN its own screen says how many attempts are left.
		input.value = '';
		input.readOnly = false;
		button.disabled = false;
		button.replaceChildren(...label);
		form.setAttribute('aria-busy', 'false');
		unlocking = false;
		start();
	}
}

async function run(): Promise<void> {
	if (!kit) return;
	if (await frameworkNeededNow().catch(() => true)) return start();
	const form = document.querySelector<HTMLFormElement>('form[data-early-submit]');
	if (!form) return start();
	showSummary(form);
	// The framework is fetched and compiled from the first digit on (started only after the
	// unlock), so that with a fast KDF the unlock does not wait for it.
	const field = form.querySelector<HTMLInputElement>('[data-testid=pin]');
	if (field?.value) load();
	else field?.addEventListener('input', load, { once: true });
	// A submit src/lib/light/early.js kept before this module ran, and every one after it.
	if (form.hasAttribute('data-early-pending') && !released) void unlock(form);
	// Once the framework has been asked to start, its own form takes the submits (a pending one
	// is replayed by PinForm when it mounts).
	form.addEventListener('submit', () => {
		if (form.hasAttribute('data-early-pending') && !released) void unlock(form);
	});
	// Online, the clock is measured as the app would, and a clock worth a warning gets the app's
	// warning on the lock screen. Offline this fails at once and nothing changes.
	if (navigator.onLine) {
		measureClock().then(
			(m) => Math.abs(m.offsetMs) >= NOTICE_THRESHOLD_MS && !unlocking && start(),
			() => undefined
		);
	}
}

void run();
