import { expect } from 'vitest';
import type { Flow } from '../Flow';
import type { Tab } from '../driver/Driver';
import { KEY_URIS } from '../../e2e/support/keyUris';
import { bodyText, enrollUri, expectCodeMatches, typePin, unlock, waitForCodes, waitForTestId, PIN } from '../support/page';

const [FIRST, SECOND, THIRD] = [KEY_URIS[0], KEY_URIS[1], KEY_URIS[2]];

/** The issuers on the code screen, sorted. */
function issuers(tab: Tab): Promise<string[]> {
	return tab.evaluate(() => [...document.querySelectorAll('article .issuer')].map((e) => (e.textContent ?? '').trim()).sort());
}

/**
 * Two tabs (windows) of one browser, both opened on an existing vault, each add an account at the same
 * moment (PIN typed in both before either write lands). Afterwards both accounts are there in
 * both tabs after a reload, and the PIN still opens the vault with the right codes. Without the
 * vault's write safety (issue 13: Web Locks, compare-and-swap, BroadcastChannel) the second
 * write replaces the first: a lost account.
 */
export const twoTabsWrite: Flow = {
	id: 'two tabs writing at once',
	title: 'two tabs add an account at the same time; both accounts survive in both tabs, the PIN still works',
	async run({ launch }) {
		const browser = await launch();
		await enrollUri(browser.tab, FIRST.uri);
		// Two more windows of the same browser, each opened straight on its link: both load the vault
		// as it is now and ask for the PIN. Windows, not background tabs: both must really run at
		// once, and WebKit all but stops a background tab's timers (the KDF there would only finish
		// after the other's write). Opened fresh, so no page of this origin sits in their history
		// (WebKit's back-forward cache, see docs/decisions.md "Three engines").
		const one = await browser.newTab('window');
		await one.goto(`/enroll#${SECOND.uri}`);
		const two = await browser.newTab('window');
		await two.goto(`/enroll#${THIRD.uri}`);
		await Promise.all([waitForTestId(one, 'pin'), waitForTestId(two, 'pin')]);
		// Enter in both, without waiting for either: both derive the key (scrypt) and write concurrently.
		await Promise.all([typePin(one, PIN), typePin(two, PIN)]);
		await Promise.all([waitForCodes(one, 2), waitForCodes(two, 2)]).catch(async (e: Error) => {
			throw new Error(`${e.message}\nwindow 1: ${(await bodyText(one)).slice(0, 400)}\nwindow 2: ${(await bodyText(two)).slice(0, 400)}`);
		});

		const want = [FIRST.issuer, SECOND.issuer, THIRD.issuer].sort();
		const seen: string[][] = [];
		for (const tab of [one, two]) {
			await tab.reload();
			await unlock(tab);
			seen.push(await issuers(tab));
		}
		expect(
			seen,
			`after both writes and a reload, tab 1 shows [${seen[0]?.join(', ')}] and tab 2 [${seen[1]?.join(', ')}]; ` +
				`expected [${want.join(', ')}] in both. A missing account is a lost write (one tab's vault replaced the other's).`
		).toEqual([want, want]);
		for (const l of [FIRST, SECOND, THIRD]) await expectCodeMatches(two, l.spec, { issuer: l.issuer });
	}
};
