// The KDF bench's worker: the app's WebAssembly KDF (hash-wasm, the installed version) in a
// dedicated worker, as src/lib/browser/kdf.worker.ts runs it. It answers one request with the key
// and the milliseconds the derivation took inside the worker; the page measures the round trip.
import { argon2id, scrypt } from '/hash-wasm/index.esm.js';

self.onmessage = async ({ data: spec }) => {
	const password = new TextEncoder().encode('482913');
	const salt = crypto.getRandomValues(new Uint8Array(16));
	const t0 = performance.now();
	const key =
		spec.name === 'argon2id'
			? await argon2id({ password, salt, iterations: spec.t, parallelism: spec.p, memorySize: spec.m, hashLength: 32, outputType: 'binary' })
			: await scrypt({ password, salt, costFactor: spec.N, blockSize: spec.r, parallelism: spec.p, hashLength: 32, outputType: 'binary' });
	self.postMessage({ inner: performance.now() - t0, length: key.length, key });
};
