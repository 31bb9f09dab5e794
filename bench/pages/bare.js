// The bare page's behaviour: register the caching worker, and on Enter derive the key as the app
// does, then write a code. The KDF and its parameters come from the URL (the bench passes the
// enrolled vault's): argon2id runs in a new dedicated worker with the app's WebAssembly KDF
// (bench/pages/kdf-worker.js, hash-wasm), as src/lib/browser/pinKdfWorker.ts does; scrypt (a vault
// of versions 1–2) runs on the main thread with @noble/hashes and the app's 10 ms yielding.
// `window.__kdfInner` is the derivation's own time inside the worker and `window.__kdfTrip` the
// round trip from the page (worker start, WebAssembly compile, derivation), for the bench's 4×
// model (DevTools cannot throttle a worker; bench/README.md).
import { scryptAsync } from '@noble/hashes/scrypt.js';

navigator.serviceWorker.register('/bare-sw.js');

const params = new URLSearchParams(location.search);
const name = params.get('name') ?? 'argon2id';
const spec =
	name === 'scrypt'
		? { name, N: Number(params.get('N')), r: Number(params.get('r')), p: Number(params.get('p')) }
		: { name, m: Number(params.get('m')), t: Number(params.get('t')), p: Number(params.get('p')) };
const salt = crypto.getRandomValues(new Uint8Array(16));

function inWorker() {
	return new Promise((resolve, reject) => {
		const t0 = performance.now();
		const worker = new Worker('/kdf-worker.js', { type: 'module' });
		worker.onmessage = ({ data }) => {
			worker.terminate();
			window.__kdfInner = data.inner;
			window.__kdfTrip = performance.now() - t0;
			resolve(data.key);
		};
		worker.onerror = (e) => (worker.terminate(), reject(new Error(e.message)));
		worker.postMessage(spec);
	});
}

document.getElementById('unlock').addEventListener('submit', async (event) => {
	event.preventDefault();
	const pin = new TextEncoder().encode(document.getElementById('pin').value);
	const key = name === 'scrypt' ? await scryptAsync(pin, salt, { N: spec.N, r: spec.r, p: spec.p, dkLen: 32, asyncTick: 10 }) : await inWorker();
	const code = document.createElement('div');
	code.dataset.testid = 'code';
	code.textContent = String(((key[0] << 16) | (key[1] << 8) | key[2]) % 1e6).padStart(6, '0');
	document.body.append(code);
});
