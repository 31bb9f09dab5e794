import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

/**
 * The light lock screen's module (src/lib/light/lockStart.ts) as one more entry of the client
 * build, so it shares chunks (the vault, idb) with the app. Nothing imports it: the prerendered
 * `/` loads it by the file name Vite's manifest gives it (src/lib/server/prerender/lightLockPage.ts).
 */
function lightLockEntry(): Plugin {
	let ssr = false;
	return {
		name: 'motp-light-lock-entry',
		apply: 'build',
		configResolved(config) {
			ssr = !!config.build.ssr;
		},
		buildStart() {
			if (!ssr) this.emitFile({ type: 'chunk', id: fileURLToPath(new URL('./src/lib/light/lockStart.ts', import.meta.url)), name: 'lock-start' });
		}
	};
}

export default defineConfig({
	plugins: [
		sveltekit(),
		lightLockEntry(),
		SvelteKitPWA({
			strategies: 'generateSW',
			// The update is offered to the user, never forced mid-use (src/lib/browser/pwaUpdate.svelte.ts).
			registerType: 'prompt',
			injectRegister: false,
			// One worker for the whole origin, registered at /sw.js from any page.
			base: '/',
			scope: '/',
			manifest: {
				id: '/',
				name: 'mOTP web',
				short_name: 'mOTP',
				description: '원격훈련 본인인증용 모바일 OTP',
				lang: 'ko',
				start_url: '/',
				scope: '/',
				display: 'standalone',
				orientation: 'portrait',
				theme_color: '#1e4fd8',
				background_color: '#ffffff',
				icons: [
					{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
					{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
					{ src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }
				]
			},
			workbox: {
				globPatterns: ['client/**/*.{js,css,ico,png,svg,webmanifest}', 'prerendered/**/*.{html,json}'],
				// The institute console and the API are online-only; never answer them from the cache.
				navigateFallbackDenylist: [/^\/api\//, /^\/institute/, /^\/v(\/|\?|$)/],
				cleanupOutdatedCaches: true,
				// The first install takes control of the open page, so a trainee who enrolls and then
				// loses the network is already covered. Later versions wait for the update prompt.
				clientsClaim: true,
				// The QR decoder's WebAssembly (about 1 MB) is not precached for everyone: it is cached
				// the first time a scan loads it, and then works offline too.
				runtimeCaching: [
					{ urlPattern: /\/_app\/immutable\/.*\.wasm$/, handler: 'CacheFirst', options: { cacheName: 'motp-qr-decoder' } }
				]
			}
		})
	],
	// Workers are ES modules (the QR decoder worker imports the ZXing ponyfill and its .wasm URL),
	// emitted under /_app/immutable/workers/: the one path whose scripts may compile WebAssembly
	// (src/lib/server/http/requestKind.js).
	worker: { format: 'es' },
	test: {
		include: ['src/**/*.test.ts'],
		environment: 'node',
		testTimeout: 60_000
	}
});
