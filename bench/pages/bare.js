// The bare page's behaviour: register the caching worker, and unlock with scrypt on Enter.
// The scrypt parameters come from the URL (?N=&r=&p=), the bench passes the app's own.
import { scryptAsync } from '@noble/hashes/scrypt.js';

navigator.serviceWorker.register('/bare-sw.js');

const params = new URLSearchParams(location.search);
const N = Number(params.get('N') ?? 65536);
const r = Number(params.get('r') ?? 8);
const p = Number(params.get('p') ?? 2);
const salt = crypto.getRandomValues(new Uint8Array(16));

document.getElementById('unlock').addEventListener('submit', async (event) => {
	event.preventDefault();
	const pin = new TextEncoder().encode(document.getElementById('pin').value);
	// asyncTick 10: the app's setting (src/lib/crypto/scryptKdf.ts), so both yield equally often.
	const key = await scryptAsync(pin, salt, { N, r, p, dkLen: 32, asyncTick: 10 });
	const code = document.createElement('div');
	code.dataset.testid = 'code';
	code.textContent = String(((key[0] << 16) | (key[1] << 8) | key[2]) % 1e6).padStart(6, '0');
	document.body.append(code);
});
