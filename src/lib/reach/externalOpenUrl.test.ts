import { describe, expect, it } from 'vitest';
import { detectBrowser } from './detectBrowser';
import { androidIntentUrl, externalOpenUrl, fragmentForEscape } from './externalOpenUrl';
import { parseEnrollFragment } from '$lib/app/enrollTarget';
import { UA } from './userAgents.testing';

const OTPAUTH = 'otpauth://totp/%ED%9B%88%EB%A0%A8%EC%9B%90:%ED%99%8D%EA%B8%B8%EB%8F%99?secret=JBSWY3DPEHPK3PXP&issuer=%ED%9B%88%EB%A0%A8%EC%9B%90&period=60';
const TOKEN = 'AbCdEfGhIjKlMnOpQrStUv_-0123';
const page = (fragment: string) => new URL(`https://motp.example.kr/enroll#${fragment}`);

/** What Android's Intent.parseUri does with a new-format intent URL: data = scheme + ':' + the part before the last '#'. */
function androidParse(intent: string): { data: string; extras: string } {
	const i = intent.lastIndexOf('#');
	expect(intent.startsWith('#Intent;', i)).toBe(true);
	const scheme = /;scheme=([^;]+);/.exec(intent.slice(i))?.[1];
	return { data: `${scheme}:${intent.slice('intent:'.length, i)}`, extras: intent.slice(i) };
}

describe('fragmentForEscape', () => {
	it('keeps a base64url token as is and encodes anything else whole', () => {
		expect(fragmentForEscape(`#${TOKEN}`)).toBe(TOKEN);
		expect(fragmentForEscape(OTPAUTH)).toBe(encodeURIComponent(OTPAUTH));
		expect(fragmentForEscape('#a#b')).toBe('a%23b');
		expect(fragmentForEscape('')).toBe('');
	});
});

describe('androidIntentUrl', () => {
	it.each([
		['token', TOKEN],
		['otpauth', OTPAUTH],
		['otpauth with a raw #', 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP#tail']
	])('carries the %s fragment intact to Chrome', (_, fragment) => {
		const intent = androidIntentUrl(page(fragment));
		expect(intent).toMatch(/^intent:\/\/motp\.example\.kr\/enroll#/);
		expect(intent.endsWith('#Intent;scheme=https;package=com.android.chrome;end')).toBe(true);
		const { data } = androidParse(intent);
		const opened = new URL(data);
		expect(opened.origin + opened.pathname).toBe('https://motp.example.kr/enroll');
		// What the enroll page reads in Chrome is what it would have read in the in-app browser.
		expect(parseEnrollFragment(opened.hash)).toEqual(parseEnrollFragment(page(fragment).hash));
	});

	it('keeps port and query, and works without a fragment', () => {
		expect(androidIntentUrl(new URL('http://localhost:4192/?a=1'))).toBe(
			'intent://localhost:4192/?a=1#Intent;scheme=http;package=com.android.chrome;end'
		);
	});

	it('refuses bad arguments by name', () => {
		expect(() => androidIntentUrl('https://x' as unknown as URL)).toThrow(TypeError);
		expect(() => androidIntentUrl(page(TOKEN), 'com.x;end#Intent')).toThrow(RangeError);
	});
});

describe('externalOpenUrl', () => {
	it('uses KakaoTalk’s own scheme on Android and iOS, with the whole page URL', () => {
		for (const ua of [UA.kakaoAndroid, UA.kakaoIos]) {
			const out = externalOpenUrl(page(OTPAUTH), detectBrowser(ua));
			expect(out?.kind).toBe('kakaotalk');
			const href = new URL(out!.href);
			expect(href.protocol).toBe('kakaotalk:');
			const target = new URL(href.searchParams.get('url')!);
			expect(parseEnrollFragment(target.hash)).toEqual(parseEnrollFragment(`#${OTPAUTH}`));
		}
	});

	it('adds openExternalBrowser=1 for LINE', () => {
		const out = externalOpenUrl(page(TOKEN), detectBrowser(UA.lineIos));
		expect(out).toEqual({ kind: 'line', href: `https://motp.example.kr/enroll?openExternalBrowser=1#${TOKEN}` });
	});

	it('uses a Chrome intent for other Android in-app browsers', () => {
		for (const ua of [UA.naverAndroid, UA.instagramAndroid, UA.bandAndroid, UA.genericAndroidWebView]) {
			expect(externalOpenUrl(page(TOKEN), detectBrowser(ua))?.kind).toBe('android-intent');
		}
	});

	it('offers x-safari-https only on iOS 17+, and nothing before', () => {
		expect(externalOpenUrl(page(TOKEN), detectBrowser(UA.facebookIos))).toEqual({
			kind: 'ios-safari-scheme',
			href: `x-safari-https://motp.example.kr/enroll#${TOKEN}`
		});
		expect(externalOpenUrl(page(TOKEN), detectBrowser(UA.instagramIos))).toBeNull();
		expect(externalOpenUrl(page(TOKEN), detectBrowser(UA.naverIos))).toBeNull();
	});

	it('has nothing to escape from in a real browser', () => {
		expect(externalOpenUrl(page(TOKEN), detectBrowser(UA.androidChrome))).toBeNull();
		expect(externalOpenUrl(page(TOKEN), detectBrowser(UA.iosSafari))).toBeNull();
	});
});
