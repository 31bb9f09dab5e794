import { expect } from 'vitest';
import type { Flow } from '../Flow';
import { KEY_URIS } from '../../e2e/support/keyUris';
import { hasOathtool } from '../../e2e/support/independentTotp';
import { enrollUri, expectCodeMatches, texts } from '../support/page';

/** Four key URIs (SHA-1/256/512, 6 and 8 digits, 30 and 60 s) into one vault; each code equals oathtool's. */
export const enrollKeyUri: Flow = {
	id: 'enroll: key URI',
	title: 'enroll four key URIs by /enroll#otpauth://…; each code equals the independent one',
	async run({ launch, note }) {
		note(`codes compared with ${hasOathtool ? 'oathtool' : 'the otpauth npm package (oathtool not installed)'}`);
		const { tab } = await launch();
		for (const [i, l] of KEY_URIS.entries()) await enrollUri(tab, l.uri, { existing: i > 0, codesAfter: i + 1 });
		expect(await texts(tab, 'code')).toHaveLength(KEY_URIS.length);
		for (const l of KEY_URIS) {
			const name = await tab.evaluate(
				(issuer: string) =>
					[...document.querySelectorAll('article')].find((a) => a.querySelector('.issuer')?.textContent?.trim() === issuer)?.querySelector('.name')?.textContent?.trim() ?? null,
				l.issuer
			);
			expect(name, `account name on the ${l.issuer} card`).toBe(l.account);
			const shown = await expectCodeMatches(tab, l.spec, { issuer: l.issuer });
			expect(shown).toHaveLength(l.spec.digits);
		}
		// The secret left the address bar as soon as it was read.
		expect(await tab.url()).not.toContain('secret=');
	}
};
