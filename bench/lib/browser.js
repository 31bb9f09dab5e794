// Debian's Chromium, driven by playwright-core (Playwright's own browser download is never used).
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Launches a headless Chromium with background noise (updates, sync, networking) switched off. */
export function launchChromium() {
	return chromium.launch({
		executablePath: CHROMIUM_PATH,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync'
		]
	});
}

/** A phone-sized context (390×844), Korean, as the trainee sees the app. */
export async function phoneContext(browser, options = {}) {
	const context = await browser.newContext({
		...options,
		viewport: { width: 390, height: 844 },
		deviceScaleFactor: 1,
		isMobile: true,
		hasTouch: true,
		locale: 'ko-KR',
		timezoneId: 'Asia/Seoul'
	});
	// Generous: on a busy 2-core machine a throttled page can take many seconds; a wait that times
	// out must mean something is broken, not slow.
	context.setDefaultTimeout(120_000);
	context.setDefaultNavigationTimeout(120_000);
	return context;
}
