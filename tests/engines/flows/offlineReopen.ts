import { expect } from 'vitest';
import type { Flow } from '../Flow';
import { KEY_URIS } from '../../e2e/support/keyUris';
import { enrollUri, expectCodeMatches, unlock, waitFor, waitForServiceWorker, waitForTestId } from '../support/page';

const LINK = KEY_URIS[0];

/** After the first visit the service worker opens the app with no network: lock screen, PIN, right code, another route. */
export const offlineReopen: Flow = {
	id: 'reopen offline (service worker)',
	title: 'offline after the first visit: reload, unlock, right code, and /settings, all from the service worker',
	async run({ launch, note }) {
		const browser = await launch();
		const { tab } = browser;
		note(`offline: ${browser.means.offline}`);
		await enrollUri(tab, LINK.uri);
		await waitForServiceWorker(tab);
		await browser.setOffline(true);
		try {
			// The network really is gone for this page (else the rest proves nothing).
			const reached = await tab.evaluate(() =>
				fetch(`/api/v1/time?t=${Math.random()}`, { cache: 'no-store' }).then(
					() => true,
					() => false
				)
			);
			expect(reached, 'the time endpoint must be unreachable while offline').toBe(false);
			await tab.reload();
			await waitForTestId(tab, 'pin');
			await unlock(tab);
			await expectCodeMatches(tab, LINK.spec);
			// A route never visited in this tab, by a full navigation, also opens offline.
			await tab.goto('/settings');
			await waitFor(tab, 'the settings screen offline', () => document.querySelector('h1')?.textContent?.trim() === '설정', []);
		} finally {
			await browser.setOffline(false);
		}
	}
};
