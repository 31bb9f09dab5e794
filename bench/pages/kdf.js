// `window.runKdf(spec)` derives a 32-byte key once on the page's main thread and resolves with the
// milliseconds it took (the app's fallback, and what the vault ran before issue 14).
// scrypt and argon2id are @noble/hashes (the library the vault uses), run asynchronously with
// the app's 10 ms yielding (src/lib/crypto/scryptKdf.ts); PBKDF2 is the browser's WebCrypto.
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { argon2idAsync } from '@noble/hashes/argon2.js';

const PIN = new TextEncoder().encode('482913');

window.runKdf = async (spec) => {
	const salt = crypto.getRandomValues(new Uint8Array(16));
	const t0 = performance.now();
	if (spec.name === 'scrypt') {
		await scryptAsync(PIN, salt, { N: spec.N, r: spec.r, p: spec.p, dkLen: 32, asyncTick: 10 });
	} else if (spec.name === 'argon2id') {
		await argon2idAsync(PIN, salt, { m: spec.m, t: spec.t, p: spec.p, dkLen: 32, asyncTick: 10 });
	} else if (spec.name === 'pbkdf2') {
		const key = await crypto.subtle.importKey('raw', PIN, 'PBKDF2', false, ['deriveBits']);
		await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: spec.iterations }, key, 256);
	} else {
		throw new Error(`unknown KDF ${spec.name}`);
	}
	return performance.now() - t0;
};
/**
 * `window.runKdfInWorker(spec)`: as the app unlocks, one new worker per derivation (script load and
 * WebAssembly compile included), ended after its answer. Resolves with the round trip from the
 * page (`total`) and the derivation inside the worker (`inner`), in ms.
 */
window.runKdfInWorker = (spec) =>
	new Promise((resolve, reject) => {
		const t0 = performance.now();
		const worker = new Worker('/kdf-worker.js', { type: 'module' });
		worker.onmessage = ({ data }) => {
			worker.terminate();
			if (data.length !== 32) reject(new Error('bad key'));
			else resolve({ total: performance.now() - t0, inner: data.inner });
		};
		worker.onerror = (e) => (worker.terminate(), reject(new Error(e.message || 'worker failed')));
		worker.postMessage(spec);
	});
window.kdfReady = true;
