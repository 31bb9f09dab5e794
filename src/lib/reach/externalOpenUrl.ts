import type { BrowserInfo } from './detectBrowser';

/** How the escape leaves the in-app browser. */
export type ExternalOpen =
	| { kind: 'kakaotalk'; href: string }
	| { kind: 'line'; href: string }
	| { kind: 'android-intent'; href: string }
	| { kind: 'ios-safari-scheme'; href: string };

/**
 * The fragment as it should ride inside another URL. A base64url token passes as is; anything
 * else (an otpauth URI may hold `#`, `?`, `%`, spaces) is percent-encoded whole, which
 * `parseEnrollFragment` undoes (`#otpauth%3A…`). Above all a `#` must not survive raw: Android
 * finds an intent's `#Intent;` part with the *last* `#` of the string.
 */
export function fragmentForEscape(hash: string): string {
	const text = hash.startsWith('#') ? hash.slice(1) : hash;
	return /^[A-Za-z0-9_-]*$/.test(text) ? text : encodeURIComponent(text);
}

/**
 * An Android intent URL that opens `url` in Chrome:
 * `intent://HOST/PATH?QUERY#FRAGMENT#Intent;scheme=https;package=com.android.chrome;end`.
 * Android's `Intent.parseUri` splits at the last `#`: what precedes `#Intent;` (minus `intent:`)
 * becomes the data URI with the given scheme, so the page's own fragment survives as long as it
 * contains no raw `#` (see `fragmentForEscape`).
 */
export function androidIntentUrl(url: URL, packageName = 'com.android.chrome'): string {
	if (!(url instanceof URL)) throw new TypeError('androidIntentUrl: url must be a URL');
	if (!/^[A-Za-z][A-Za-z0-9_.]*$/.test(packageName)) throw new RangeError(`androidIntentUrl: bad package name ${packageName}`);
	const fragment = url.hash.length > 1 ? `#${fragmentForEscape(url.hash)}` : '';
	const scheme = url.protocol.replace(/:$/, '');
	return `intent://${url.host}${url.pathname}${url.search}${fragment}#Intent;scheme=${scheme};package=${packageName};end`;
}

/** The page's URL with its fragment made safe to carry (see `fragmentForEscape`). */
function carried(url: URL): string {
	const base = `${url.origin}${url.pathname}${url.search}`;
	return url.hash.length > 1 ? `${base}#${fragmentForEscape(url.hash)}` : base;
}

/**
 * The one-tap way out of an in-app browser to the real browser, or `null` when there is none and
 * the trainee must be told how (most iOS in-app browsers before iOS 17).
 * - KakaoTalk (Android and iOS): its own `kakaotalk://web/openExternal?url=…` scheme.
 * - LINE (Android and iOS): the documented `openExternalBrowser=1` query parameter.
 * - Any other Android in-app browser: an intent URL for Chrome.
 * - Other iOS in-app browsers on iOS 17+: `x-safari-https://`, which iOS routes to Safari; an app
 *   may ignore it, so the written steps stay on screen beside the button.
 */
export function externalOpenUrl(url: URL, info: BrowserInfo): ExternalOpen | null {
	if (!(url instanceof URL)) throw new TypeError('externalOpenUrl: url must be a URL');
	if (info.inApp === null) return null;
	if (info.inApp === 'kakaotalk') {
		return { kind: 'kakaotalk', href: `kakaotalk://web/openExternal?url=${encodeURIComponent(carried(url))}` };
	}
	if (info.inApp === 'line') {
		const withParam = new URL(carried(url));
		withParam.searchParams.set('openExternalBrowser', '1');
		return { kind: 'line', href: withParam.href };
	}
	if (info.os === 'android') return { kind: 'android-intent', href: androidIntentUrl(url) };
	if (info.os === 'ios' && (info.iosMajor ?? 0) >= 17 && url.protocol === 'https:') {
		return { kind: 'ios-safari-scheme', href: `x-safari-${carried(url)}` };
	}
	return null;
}
