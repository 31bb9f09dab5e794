import type { BrowserContext, Page } from '@playwright/test';

/**
 * Runs IN THE PAGE (self-contained, so any driver can send it: Playwright's `page.evaluate`, a
 * WebDriver script, BiDi's `script.callFunction`). Everything the origin stores, one line each:
 * every IndexedDB database/store/record (binary values rendered as hex, base64 and latin1;
 * CryptoKeys described by their public properties only), localStorage, sessionStorage and Cache
 * Storage bodies. Cookies are the driver's to add (HttpOnly ones are invisible to the page).
 */
export async function collectOriginStorage(): Promise<string[]> {
	const out: string[] = [];
	const render = (v: unknown, depth = 0): string => {
		if (depth > 8) return '…';
		if (v instanceof ArrayBuffer) v = new Uint8Array(v);
		if (ArrayBuffer.isView(v)) {
			const b = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
			const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
			const latin1 = String.fromCharCode(...b);
			return `bytes(hex=${hex} b64=${btoa(latin1)} latin1=${latin1})`;
		}
		if (typeof CryptoKey !== 'undefined' && v instanceof CryptoKey) {
			return `CryptoKey(${v.type},${v.extractable},${JSON.stringify(v.algorithm)})`;
		}
		if (Array.isArray(v)) return `[${v.map((x) => render(x, depth + 1)).join(',')}]`;
		if (v && typeof v === 'object') {
			return `{${Object.entries(v).map(([k, x]) => `${k}:${render(x, depth + 1)}`).join(',')}}`;
		}
		return JSON.stringify(v) ?? String(v);
	};
	for (const info of await indexedDB.databases()) {
		if (!info.name) continue;
		const db = await new Promise<IDBDatabase>((res, rej) => {
			const r = indexedDB.open(info.name!);
			r.onsuccess = () => res(r.result);
			r.onerror = () => rej(r.error);
		});
		for (const storeName of [...db.objectStoreNames]) {
			const tx = db.transaction(storeName, 'readonly');
			const store = tx.objectStore(storeName);
			const [keys, values] = await Promise.all([
				new Promise<IDBValidKey[]>((res) => (store.getAllKeys().onsuccess = (e) => res((e.target as IDBRequest).result))),
				new Promise<unknown[]>((res) => (store.getAll().onsuccess = (e) => res((e.target as IDBRequest).result)))
			]);
			keys.forEach((k, i) => out.push(`idb ${info.name}/${storeName}/${String(k)} = ${render(values[i])}`));
		}
		db.close();
	}
	for (let i = 0; i < localStorage.length; i++) {
		const k = localStorage.key(i)!;
		out.push(`localStorage ${k} = ${localStorage.getItem(k)}`);
	}
	for (let i = 0; i < sessionStorage.length; i++) {
		const k = sessionStorage.key(i)!;
		out.push(`sessionStorage ${k} = ${sessionStorage.getItem(k)}`);
	}
	for (const name of await caches.keys()) {
		const cache = await caches.open(name);
		for (const req of await cache.keys()) {
			const res = await cache.match(req);
			out.push(`cache ${name} ${req.url} = ${res ? await res.text() : ''}`);
		}
	}
	return out;
}

/**
 * Everything the origin stores, as text: {@link collectOriginStorage} plus the context's cookies.
 */
export async function dumpOriginStorage(page: Page, context: BrowserContext): Promise<string> {
	const inPage = await page.evaluate(collectOriginStorage);
	const cookies = (await context.cookies()).map((c) => `cookie ${c.name}=${c.value}`);
	return [...inPage, ...cookies].join('\n');
}
