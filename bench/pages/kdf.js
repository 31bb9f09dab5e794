// `window.runKdf(spec)` derives a 32-byte key once and resolves with the milliseconds it took.
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
window.kdfReady = true;
