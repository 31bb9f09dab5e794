import { expect } from 'vitest';
import type { Flow } from '../Flow';
import { KEY_URIS } from '../../e2e/support/keyUris';
import { clickButton, enrollUri, expectCodeMatches, texts, unlock, waitFor, waitForTestId } from '../support/page';

const LINK = KEY_URIS[0];

/** Reopen the app: the lock screen, no code; the PIN shows the right code; locking hides it at once. */
export const reopenUnlock: Flow = {
	id: 'reopen + unlock with PIN',
	title: 'reopen asks for the PIN; the right PIN shows the right code; locking removes it',
	async run({ launch }) {
		const { tab } = await launch();
		await enrollUri(tab, LINK.uri);
		await tab.reload();
		await waitForTestId(tab, 'pin');
		await waitForTestId(tab, 'confirm');
		expect(await texts(tab, 'code')).toEqual([]);
		expect(await tab.evaluate(() => document.querySelector('h1,h2')?.textContent ?? '')).not.toBe('');
		await waitFor(tab, 'the lock screen title', () => document.body.innerText.includes('PIN을 입력하세요'), []);
		await unlock(tab);
		await expectCodeMatches(tab, LINK.spec);
		await clickButton(tab, '잠그기');
		await waitFor(tab, 'no code and a PIN field', () => !document.querySelector('[data-testid="code"]') && !!document.querySelector('[data-testid="pin"]'), []);
	}
};
