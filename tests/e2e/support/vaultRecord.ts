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

/**
 * Wrong PINs that the stored vault's check byte refuses, computed in Node from the PIN slot in
 * storage, independently of the app's code: scrypt and HKDF from node:crypto, argon2id from
 * hash-wasm (the app's worker runs it too; its JavaScript fallback, @noble/hashes, is checked
 * against it and against RFC 9106 in the unit tests). Typing these is deterministic: each is a
 * detected failure, never a decoy unlock (1 in 256 wrong PINs would be).
 */
export async function refusedPins(page: Page, n: number, avoid: readonly string[] = []): Promise<string[]> {
	const { scryptSync, hkdfSync } = await import('node:crypto');
	const { argon2id } = await import('hash-wasm');
	const text = await readVaultText(page);
	if (!text) throw new Error('no vault stored');
	type Kdf = { name: 'scrypt'; N: number; r: number; p: number } | { name: 'argon2id'; m: number; t: number; p: number };
	const record = JSON.parse(text) as { header: { slots: { type: string; salt: string; check: number; kdf: Kdf }[] } };
	const slot = record.header.slots.find((s) => s.type === 'pin')!;
	const salt = Buffer.from(slot.salt, 'base64url');
	const kdf = slot.kdf;
	const derive = async (pin: string): Promise<Uint8Array> =>
		kdf.name === 'argon2id'
			? argon2id({ password: pin, salt, iterations: kdf.t, parallelism: kdf.p, memorySize: kdf.m, hashLength: 32, outputType: 'binary' })
			: scryptSync(pin, salt, 32, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 2 ** 28 });
	const out: string[] = [];
	for (let i = 0; out.length < n; i++) {
		const pin = String((100000 + i * 7919) % 1_000_000).padStart(6, '0');
		if (avoid.includes(pin)) continue;
		const k = await derive(pin);
		const check = new Uint8Array(hkdfSync('sha256', k, new Uint8Array(0), 'motp/v1/pin-slot/check', 1))[0];
		if (check !== slot.check) out.push(pin);
	}
	return out;
}

/** Reads the stored strike counter (`guard` record). */
export function readGuard(page: Page): Promise<{ failedPins: number; lockedOut: unknown } | undefined> {
	return page.evaluate(
		() =>
			new Promise((res) => {
				const r = indexedDB.open('motp');
				r.onsuccess = () => {
					const g = r.result.transaction('kv').objectStore('kv').get('guard');
					g.onsuccess = () => {
						r.result.close();
						res(g.result as { failedPins: number; lockedOut: unknown } | undefined);
					};
				};
			})
	);
}

/** Takes away the Web Locks API and BroadcastChannel before the app loads, as old Samsung Internet and some WebViews lack them. */
export async function withoutLocksAndChannel(page: Page): Promise<void> {
	await page.addInitScript(() => {
		delete (Navigator.prototype as { locks?: unknown }).locks;
		delete (globalThis as { BroadcastChannel?: unknown }).BroadcastChannel;
	});
}

/**
 * Adds a key URI from the unlocked code screen the way a tapped link does inside the app: a
 * client-side navigation to `/enroll#…`, so the session stays unlocked, then the confirm button.
 */
export async function addViaLink(page: Page, uri: string): Promise<void> {
	await page.evaluate((href) => {
		const a = document.createElement('a');
		a.href = href;
		(document.querySelector('main') ?? document.body).append(a);
		a.click();
		a.remove();
	}, `/enroll#${uri}`);
	await page.getByTestId('confirm').click();
	await page.waitForURL((u) => u.pathname === '/');
}
