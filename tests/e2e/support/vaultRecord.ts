import type { Page } from '@playwright/test';

/**
 * Runs IN THE PAGE (self-contained, for any driver): the raw vault record (the JSON text) from
 * IndexedDB `motp`/`kv`/`vault`, or `undefined` (JSON `null` through WebDriver) when there is none.
 */
export function vaultTextInPage(): Promise<string | undefined> {
	return new Promise<string | undefined>((res, rej) => {
		const r = indexedDB.open('motp');
		r.onerror = () => rej(r.error);
		r.onsuccess = () => {
			const db = r.result;
			if (!db.objectStoreNames.contains('kv')) return res(undefined);
			const g = db.transaction('kv').objectStore('kv').get('vault');
			g.onsuccess = () => {
				db.close();
				res(g.result as string | undefined);
			};
		};
	});
}

/** Reads the raw vault record (the JSON text) from IndexedDB `motp`/`kv`/`vault`. */
export function readVaultText(page: Page): Promise<string | undefined> {
	return page.evaluate(vaultTextInPage);
}

/** Overwrites the raw vault record, as an attacker or a disk fault could. */
export function writeVaultText(page: Page, text: string): Promise<void> {
	return page.evaluate(
		(value) =>
			new Promise<void>((res, rej) => {
				const r = indexedDB.open('motp');
				r.onerror = () => rej(r.error);
				r.onsuccess = () => {
					const db = r.result;
					const tx = db.transaction('kv', 'readwrite');
					tx.objectStore('kv').put(value, 'vault');
					tx.oncomplete = () => {
						db.close();
						res();
					};
					tx.onerror = () => rej(tx.error);
				};
			}),
		text
	);
}

/** Reads one stored preference (IndexedDB `motp`/`kv`/`prefs`), e.g. to wait until a setting is saved. */
export function readStoredPref(page: Page, name: string): Promise<unknown> {
	return page.evaluate(
		(field) =>
			new Promise((res) => {
				const r = indexedDB.open('motp');
				r.onsuccess = () => {
					const g = r.result.transaction('kv').objectStore('kv').get('prefs');
					g.onsuccess = () => res((g.result as Record<string, unknown> | undefined)?.[field]);
				};
			}),
		name
	);
}
