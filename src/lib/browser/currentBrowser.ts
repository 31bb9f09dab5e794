import { detectBrowser, type BrowserInfo } from '$lib/reach/detectBrowser';

/** True when the page runs as the installed app (any platform). */
export function isStandalone(): boolean {
	const iosStandalone = (navigator as Navigator & { standalone?: boolean }).standalone === true;
	const displayMode = ['standalone', 'fullscreen', 'minimal-ui'].some((m) => matchMedia?.(`(display-mode: ${m})`).matches);
	return iosStandalone || displayMode;
}

/** This page's browser, from `navigator` (see `detectBrowser` for why the user agent). */
export function currentBrowser(): BrowserInfo {
	// Telegram's in-app browser is known only by the object it adds to the page (detectBrowser.ts).
	const telegram = 'TelegramWebview' in globalThis || 'TelegramWebviewProxy' in globalThis;
	return detectBrowser(navigator.userAgent, { standalone: isStandalone(), maxTouchPoints: navigator.maxTouchPoints, telegram });
}
