import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { Flow } from '../Flow';
import { KEY_URIS } from '../../e2e/support/keyUris';
import { collectOriginStorage } from '../../e2e/support/storageDump';
import { secretForms } from '../../e2e/support/secretForms';
import { enrollUri, typePin, waitForCodes, waitForServiceWorker, PIN } from '../support/page';
import { specOf } from './enrollInstituteLink';

/**
 * After enrolling a key URI and an institute link, nothing the origin stores (IndexedDB with the
 * CryptoKeys, both Web Storages, Cache Storage, cookies) holds either secret in any encoding.
 */
export const storageNoSecret: Flow = {
	id: 'no secret in origin storage',
	title: 'after enrollment, origin storage holds no trace of either secret',
	async run({ launch, gate, institute }) {
		const browser = await launch();
		const { tab } = browser;
		await enrollUri(tab, KEY_URIS[1].uri);
		const before = gate.redeemed.length;
		const issued = await institute.issueEnrollment(`engines-${randomBytes(4).toString('hex')}`);
		await tab.goto(issued.enrollUrl);
		await typePin(tab, PIN); // the existing vault's PIN, once
		await waitForCodes(tab, 2);
		await waitForServiceWorker(tab);
		const delivered = gate.redeemed[before];
		expect(delivered, 'the institute secret the browser received').toBeDefined();
		const secrets = [KEY_URIS[1].spec.secret, specOf(delivered!.otpauth).secret];

		const lines = await tab.evaluate(collectOriginStorage);
		const cookies = (await browser.cookies()).map((c) => `cookie ${c.name}=${c.value}`);
		const dump = [...lines, ...cookies].join('\n');
		expect(dump).toContain('idb motp/kv/vault');
		expect(dump).toMatch(/idb motp\/kv\/integrityKey = CryptoKey\(secret,false,/); // a non-extractable CryptoKey survived storage
		expect(dump).toMatch(/^cache /m); // the service worker's precache was searched too
		for (const s of secrets) {
			for (const f of secretForms(s)) expect(dump.includes(f), `secret found in storage as ${JSON.stringify(f)}`).toBe(false);
		}
		expect(await tab.url()).not.toMatch(/secret=|#/);
	}
};
