import { expect } from 'vitest';
import type { Flow } from '../Flow';
import type { Tab } from '../driver/Driver';
import { KEY_URIS } from '../../e2e/support/keyUris';
import { vaultTextInPage } from '../../e2e/support/vaultRecord';
import { clickButton, enrollUri, expectCodeMatches, PIN, typePin, waitFor, waitForTestId } from '../support/page';

const LINK = KEY_URIS[0];
/** Distinct wrong PINs, in a fixed order (as vault-life.spec.ts). */
const WRONG = Array.from({ length: 60 }, (_, i) => String(100000 + i * 7919).padStart(6, '0')).filter((p) => p !== PIN);

/**
 * What the lock screen shows once it has finished with a PIN: locked out, a decoy vault (about 1
 * wrong PIN in 256 passes the 8-bit check value and opens plausible wrong codes, by design:
 * docs/vault-format.md), or the refusal with the attempts left.
 */
function settled(tab: Tab, attemptsBefore: number): Promise<'locked-out' | 'decoy' | string> {
	return waitFor(
		tab,
		'the lock screen to settle after a wrong PIN',
		(before: number) => {
			if (document.querySelector('[data-testid="locked-out"]')) return 'locked-out';
			if (document.querySelector('[data-testid="code"]')) return 'decoy';
			const alert = [...document.querySelectorAll('[role="alert"]')].map((e) => e.textContent ?? '').join(' ');
			const confirm = document.querySelector<HTMLButtonElement>('[data-testid="confirm"]');
			if (confirm && !confirm.disabled && alert.includes('PIN이 맞지 않아요') && alert.includes(`${before - 1}번 더`)) return alert;
			return null;
		},
		[attemptsBefore]
	);
}

/** A wrong PIN says how many attempts are left; the 5th detected one locks out and wipes the keys. */
export const wrongPinLockout: Flow = {
	id: 'wrong PIN, lockout after 5',
	title: 'a wrong PIN is refused with the attempts left; 5 lock out, wipe the vault, and survive a reload',
	async run({ launch, note }) {
		const { tab } = await launch();
		await enrollUri(tab, LINK.uri);
		await tab.reload();
		let detected = 0;
		let decoys = 0;
		for (const pin of WRONG) {
			await typePin(tab, pin);
			const outcome = await settled(tab, 5 - detected);
			if (outcome === 'decoy') {
				decoys++;
				await clickButton(tab, '잠그기');
				continue;
			}
			detected++;
			if (outcome === 'locked-out') break;
			expect(outcome).toContain(`${5 - detected}번 더`);
			if (detected === 1) {
				// The count is persisted before it is shown: a reload still knows.
				await tab.reload();
				await waitFor(tab, 'the attempts-left notice after a reload', () => document.body.innerText.includes('4번 더 틀리면'), []);
			}
		}
		if (decoys) note(`${decoys} wrong PIN(s) passed the 8-bit check and opened a decoy (by design), then locked again`);
		expect(detected).toBe(5);
		const lockedOut = await waitForTestId(tab, 'locked-out');
		expect(lockedOut).toContain('훈련기관');
		expect(lockedOut).toContain('HRDK'); // who to contact survives the wipe
		expect(await tab.evaluate(vaultTextInPage)).toBeNull(); // the secrets are gone
		await tab.reload();
		await waitForTestId(tab, 'locked-out');
		expect(await tab.evaluate(() => document.querySelector('[data-testid="pin"]') === null)).toBe(true);
		// A new enrollment is the way back.
		await enrollUri(tab, LINK.uri);
		await expectCodeMatches(tab, LINK.spec);
	}
};
