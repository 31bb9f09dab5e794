/**
 * Which browser a page is in, as far as it matters for reaching a trainee: is it an in-app
 * browser (whose storage is not the real browser's and which cannot install a PWA), and is it an
 * iPhone/iPad (which installs only through Share → Add to Home Screen, into separate storage)?
 *
 * This is user-agent sniffing on purpose. No feature test tells an in-app WebView from the real
 * browser: both have IndexedDB, service workers (or not) and the same engine. The apps mark
 * themselves in the user agent, and that mark is the only signal (docs/decisions.md).
 */

/** The in-app browsers we name; `webview` is an unnamed Android WebView or iOS WKWebView. */
export type InAppBrowser =
	| 'kakaotalk'
	| 'naver'
	| 'line'
	| 'instagram'
	| 'facebook'
	| 'band'
	| 'daum'
	| 'wechat'
	| 'everytime'
	| 'threads'
	| 'twitter'
	| 'messenger'
	| 'telegram'
	| 'whatsapp'
	| 'tiktok'
	| 'snapchat'
	| 'google'
	| 'webview';

export type Os = 'android' | 'ios' | 'other';

export interface BrowserInfo {
	os: Os;
	/** `null` in a real browser (or the installed app). */
	inApp: InAppBrowser | null;
	/** Samsung Internet: a real browser that installs PWAs (beforeinstallprompt). */
	samsung: boolean;
	/** Running as the installed (home-screen) app. */
	standalone: boolean;
	/** iOS major version, when the user agent says it (`OS 17_4` → 17). */
	iosMajor: number | null;
}

/** What the page knows besides the user agent. */
export interface BrowserHints {
	/** `display-mode: standalone` or iOS's `navigator.standalone`. */
	standalone?: boolean;
	/** iPadOS 13+ claims to be a Mac; a Mac with a touch screen is an iPad. */
	maxTouchPoints?: number;
	/**
	 * Telegram's in-app browser sends the plain Chrome (Android) or Safari (iOS) user agent; it is
	 * known by the object it puts on `window`: `TelegramWebview` (Android) or
	 * `TelegramWebviewProxy` (iOS). The browser edge tests for them (currentBrowser.ts).
	 */
	telegram?: boolean;
}

/**
 * Each app's own mark, tested in order (the first match names the app). Checked against real user
 * agents from five public datasets (tests/fixtures/user-agents, src/lib/reach/userAgents.datasets.test.ts).
 * Several apps also write "Safari/" (WhatsApp, TikTok, the Google app, Facebook's MetaIAB on iOS),
 * so on iOS the mark, not the missing "Safari/" token, is what finds them.
 */
const MARKS: readonly [InAppBrowser, RegExp][] = [
	['kakaotalk', /KAKAOTALK|KAKAOSTORY/i],
	// Naver's apps say NAVER(inapp; search|cafe|blog…); its Whale browser is a real browser.
	['naver', /NAVER\(inapp;(?!\s*whale)/i],
	['band', /\bBAND\//],
	['line', /\bLine\//],
	['instagram', /\bInstagram\b/],
	// Messenger is Meta's too, but says which it is: FBAN/MessengerForiOS, FB_IAB/MESSENGER, FB_IAB/Orca-Android.
	['messenger', /FBAN\/Messenger|FB_IAB\/(MESSENGER|Orca-Android)/],
	// Facebook's newer in-app browser no longer sends FBAN/FBAV: "… Safari/604.1 MetaIAB Facebook".
	['facebook', /FBAN\/|FBAV\/|FB_IAB\/|FBIOS|\bMetaIAB\b/],
	['threads', /\bBarcelona\b/],
	['daum', /DaumApps/i],
	['wechat', /MicroMessenger/i],
	['everytime', /everytimeApp/i],
	['twitter', /TwitterAndroid|\bTwitter for iP(hone|ad)\b/],
	['telegram', /\bTelegram-Android\//],
	// WhatsApp's in-app browser: "[WA4A/2.25.32.75;]" (Android, no "; wv)"), "[WAiOS/2.25.31]" (iOS, with "Safari/").
	['whatsapp', /\[WA4A\/|\[WAiOS\//],
	// TikTok (musical_ly), its Asian build (trill) and ByteDance's WebView mark.
	['tiktok', /\bmusical_ly|\btrill_|\bBytedanceWebview\//],
	// Usually Snapchat/<version>; one Android build glues it on: "Safari/537.36Snapchat11.83.0.31".
	['snapchat', /Snapchat[/\d]/],
	// The Google app (Google Search App): GSA/<version> on iOS and older Android, GoogleApp/<version> on newer Android.
	['google', /\bGSA\/|\bGoogleApp\//]
];

/**
 * Other apps whose WebView drops Android's "; wv)" marker but names the app (seen in the datasets):
 * Bing, Instabridge, PLAYit, Baidu, and the Crosswalk WebView runtime.
 */
const OTHER_WEBVIEW_MARKS = /\b(BingSapphire|Instabridge|baiduboxapp|Crosswalk)\/|\bappname\/PLAYit\b/i;

/** Real iOS browsers, which all run on WKWebView; some versions leave out "Safari/" (FxiOS 116 did). */
const IOS_BROWSERS = /\b(CriOS|FxiOS|EdgiOS|OPiOS|OPT|YaBrowser|Whale|DuckDuckGo|Brave)\//;

/** Classifies a user agent. Pure: the caller passes `navigator.userAgent` and the hints. */
export function detectBrowser(userAgent: string, hints: BrowserHints = {}): BrowserInfo {
	if (typeof userAgent !== 'string') throw new TypeError('detectBrowser: userAgent must be a string');
	const ua = userAgent;
	const standalone = hints.standalone === true;
	const ipadAsMac = /\bMacintosh\b/.test(ua) && (hints.maxTouchPoints ?? 0) > 1;
	const os: Os = /\b(iPhone|iPad|iPod)\b/.test(ua) || ipadAsMac ? 'ios' : /\bAndroid\b/.test(ua) ? 'android' : 'other';
	const iosVersion = os === 'ios' ? /\bOS (\d+)_/.exec(ua) : null;
	const iosMajor = iosVersion?.[1] ? Number(iosVersion[1]) : ipadAsMac ? versionFromSafari(ua) : null;

	let inApp: InAppBrowser | null = MARKS.find(([, mark]) => mark.test(ua))?.[0] ?? null;
	if (inApp === null && hints.telegram === true) inApp = 'telegram';
	if (inApp === null && !standalone) {
		// Android marks every WebView with "; wv)" (Android docs, "User-Agent in WebView").
		if (os === 'android' && (/;\s*wv\)/.test(ua) || OTHER_WEBVIEW_MARKS.test(ua))) inApp = 'webview';
		// A bare WKWebView has no "Safari/" token; Safari, Chrome (CriOS), Firefox (FxiOS), Edge and
		// Whale on iOS keep it, or name themselves. The installed home-screen app drops it too, hence `standalone`.
		if (os === 'ios' && !/\bSafari\//.test(ua) && !IOS_BROWSERS.test(ua)) inApp = 'webview';
	}
	return { os, inApp, samsung: /\bSamsungBrowser\//.test(ua), standalone, iosMajor };
}

function versionFromSafari(ua: string): number | null {
	const m = /\bVersion\/(\d+)/.exec(ua);
	return m?.[1] ? Number(m[1]) : null;
}

/**
 * True when this iPhone/iPad page is in a browser tab, not the installed app: enrolling here would
 * put the key in the browser's storage, which the home-screen app cannot see.
 */
export function needsIosInstall(info: BrowserInfo): boolean {
	return info.os === 'ios' && info.inApp === null && !info.standalone;
}
