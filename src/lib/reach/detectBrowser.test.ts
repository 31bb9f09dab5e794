import { describe, expect, it } from 'vitest';
import { detectBrowser, needsIosInstall, type BrowserInfo } from './detectBrowser';
import { UA } from './userAgents.testing';

/** [name, user agent, hints, expected os, expected in-app] */
const TABLE: [keyof typeof UA, { standalone?: boolean; maxTouchPoints?: number; telegram?: boolean }, BrowserInfo['os'], BrowserInfo['inApp']][] = [
	['kakaoAndroid', {}, 'android', 'kakaotalk'],
	['kakaoIos', {}, 'ios', 'kakaotalk'],
	['naverAndroid', {}, 'android', 'naver'],
	['naverIos', {}, 'ios', 'naver'],
	['lineAndroid', {}, 'android', 'line'],
	['lineIos', {}, 'ios', 'line'],
	['instagramIos', {}, 'ios', 'instagram'],
	['instagramAndroid', {}, 'android', 'instagram'],
	['facebookIos', {}, 'ios', 'facebook'],
	['facebookAndroid', {}, 'android', 'facebook'],
	['bandAndroid', {}, 'android', 'band'],
	['daumIos', {}, 'ios', 'daum'],
	['telegramAndroid', {}, 'android', 'telegram'],
	['telegramIos', { telegram: true }, 'ios', 'telegram'],
	// Without the page's Telegram object, the same user agent is Safari.
	['telegramIos', {}, 'ios', null],
	['whatsappAndroid', {}, 'android', 'whatsapp'],
	['whatsappIos', {}, 'ios', 'whatsapp'],
	['facebookMetaIabIos', {}, 'ios', 'facebook'],
	['googleIos', {}, 'ios', 'google'],
	['tiktokIos', {}, 'ios', 'tiktok'],
	['snapchatIos', {}, 'ios', 'snapchat'],
	['firefoxIos', {}, 'ios', null],
	['edgeIos', {}, 'ios', null],
	['genericAndroidWebView', {}, 'android', 'webview'],
	['genericIosWebView', {}, 'ios', 'webview'],
	['iosSafari', {}, 'ios', null],
	['iosChrome', {}, 'ios', null],
	['ipadSafariAsMac', { maxTouchPoints: 5 }, 'ios', null],
	['ipadSafariAsMac', { maxTouchPoints: 0 }, 'other', null],
	['androidChrome', {}, 'android', null],
	['samsungInternet', {}, 'android', null],
	['whaleAndroid', {}, 'android', null],
	['desktopChrome', {}, 'other', null],
	['linuxDesktop', {}, 'other', null],
	// The installed iOS app has no "Safari/" token either; standalone is not a WebView.
	['genericIosWebView', { standalone: true }, 'ios', null]
];

describe('detectBrowser', () => {
	it.each(TABLE)('%s %o → %s, in-app %s', (name, hints, os, inApp) => {
		const info = detectBrowser(UA[name], hints);
		expect(info.os).toBe(os);
		expect(info.inApp).toBe(inApp);
	});

	it('reads the iOS major version, also from an iPad that claims to be a Mac', () => {
		expect(detectBrowser(UA.kakaoIos).iosMajor).toBe(17);
		expect(detectBrowser(UA.naverIos).iosMajor).toBe(16);
		expect(detectBrowser(UA.ipadSafariAsMac, { maxTouchPoints: 5 }).iosMajor).toBe(17);
		expect(detectBrowser(UA.androidChrome).iosMajor).toBeNull();
	});

	it('marks Samsung Internet', () => {
		expect(detectBrowser(UA.samsungInternet).samsung).toBe(true);
		expect(detectBrowser(UA.androidChrome).samsung).toBe(false);
	});

	it('a named app stays in-app even if it claims to be standalone', () => {
		expect(detectBrowser(UA.kakaoIos, { standalone: true }).inApp).toBe('kakaotalk');
	});

	it('refuses a non-string user agent by name', () => {
		expect(() => detectBrowser(undefined as unknown as string)).toThrow(TypeError);
		expect(() => detectBrowser(undefined as unknown as string)).toThrow(/userAgent/);
	});

	it('an empty user agent is an ordinary browser on an unknown OS', () => {
		expect(detectBrowser('')).toEqual({ os: 'other', inApp: null, samsung: false, standalone: false, iosMajor: null });
	});
});

describe('needsIosInstall', () => {
	it('is true only for an iPhone/iPad browser tab', () => {
		expect(needsIosInstall(detectBrowser(UA.iosSafari))).toBe(true);
		expect(needsIosInstall(detectBrowser(UA.iosChrome))).toBe(true);
		expect(needsIosInstall(detectBrowser(UA.iosSafari, { standalone: true }))).toBe(false);
		expect(needsIosInstall(detectBrowser(UA.kakaoIos))).toBe(false);
		expect(needsIosInstall(detectBrowser(UA.androidChrome))).toBe(false);
	});
});
