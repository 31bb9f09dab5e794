// Cache-first for everything the bare page loads, so it reopens offline like the app.
const CACHE = 'bare-v2';
const FILES = ['/bare.html', '/bare.js', '/kdf-worker.js', '/hash-wasm/index.esm.js', '/noble/scrypt.js', '/noble/pbkdf2.js', '/noble/hmac.js', '/noble/sha2.js', '/noble/_md.js', '/noble/_u64.js', '/noble/utils.js'];

self.addEventListener('install', (event) => {
	event.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES)).then(() => self.skipWaiting()));
});
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (event) => {
	const url = new URL(event.request.url);
	// ignoreSearch: /bare.html?N=… is the same document.
	event.respondWith(caches.match(url.pathname, { ignoreSearch: true }).then((hit) => hit ?? fetch(event.request)));
});
