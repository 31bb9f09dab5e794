import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	ANNOUNCER_STYLE,
	arrivedOverHttps,
	CSP_DIRECTIVES,
	cspHeader,
	metaScriptHashes,
	PERMISSIONS_POLICY,
	securityHeaders,
	serializeCsp,
	WORKER_SCRIPT_SRC
} from './securityHeaders.js';

const HASH = 'sha256-ERoOEmC7xhbQ6k+e6B4hU703EI1G0v3xHkTG6Tx0b70=';

describe('CSP_DIRECTIVES', () => {
	it('allow no inline script, no eval and no other origin', () => {
		const all = Object.values(CSP_DIRECTIVES).flat();
		expect(all).not.toContain('unsafe-inline');
		expect(all).not.toContain('unsafe-eval');
		expect(all.filter((v) => /^[a-z]+:\/\//i.test(v) || v === '*')).toEqual([]);
		// No document may compile WebAssembly (issue 12); only worker scripts get 'wasm-unsafe-eval'.
		expect(CSP_DIRECTIVES['script-src']).toEqual(['self']);
		expect(WORKER_SCRIPT_SRC).toEqual(['self', 'wasm-unsafe-eval']);
		expect(CSP_DIRECTIVES['connect-src']).toEqual(['self']);
		expect(CSP_DIRECTIVES['object-src']).toEqual(['none']);
		expect(CSP_DIRECTIVES['base-uri']).toEqual(['none']);
		expect(CSP_DIRECTIVES['frame-ancestors']).toEqual(['none']);
	});

	it("allow exactly one style attribute, SvelteKit's route announcer, and it still matches Kit's source", () => {
		const kitDir = dirname(createRequire(import.meta.url).resolve('@sveltejs/kit/package.json'));
		const source = readFileSync(join(kitDir, 'src/core/sync/write_root.js'), 'utf8');
		const style = /id="svelte-announcer"[^>]*style="([^"]*)"/.exec(source)?.[1];
		expect(style).toBe(ANNOUNCER_STYLE);
		const hash = `sha256-${createHash('sha256').update(style!).digest('base64')}`;
		expect(CSP_DIRECTIVES['style-src-attr']).toEqual(['unsafe-hashes', hash]);
	});
});

describe('serializeCsp', () => {
	it('quotes keywords and hashes, appends script hashes to script-src only', () => {
		expect(serializeCsp({ 'script-src': ['self'], 'img-src': ['self', 'data:'], 'object-src': ['none'] }, [HASH])).toBe(
			`script-src 'self' '${HASH}'; img-src 'self' data:; object-src 'none'`
		);
	});
});

describe('metaScriptHashes', () => {
	it("reads the hashes of a prerendered page's meta policy", () => {
		const html = `<head><meta http-equiv="content-security-policy" content="default-src 'self'; script-src 'self' '${HASH}'; style-src 'self'"></head>`;
		expect(metaScriptHashes(html)).toEqual([HASH]);
	});
	it('finds nothing in a page without one, or with a policy that has no hash', () => {
		expect(metaScriptHashes('<html></html>')).toEqual([]);
		expect(metaScriptHashes(`<meta http-equiv="content-security-policy" content="script-src 'self'">`)).toEqual([]);
		// A keyword that only looks like a hash is not taken.
		expect(metaScriptHashes(`<meta http-equiv="content-security-policy" content="script-src 'self' 'unsafe-inline' sha256-x">`)).toEqual([]);
	});
});

describe('cspHeader', () => {
	it('gives a static answer the app policy plus the prerendered pages’ script hashes, and frame-ancestors', () => {
		const h = cspHeader(undefined, [HASH]);
		expect(h).toContain(`script-src 'self' '${HASH}';`);
		expect(h).not.toContain('wasm-unsafe-eval');
		expect(h).toContain("frame-ancestors 'none'");
		expect(h).not.toContain('unsafe-inline');
	});
	it('gives a worker script the app policy with WebAssembly allowed, and no page hashes', () => {
		const h = cspHeader(undefined, [HASH], 'worker');
		expect(h).toContain("script-src 'self' 'wasm-unsafe-eval';");
		expect(h).not.toContain(HASH);
		expect(h).toContain("connect-src 'self'");
		for (const kind of ['app', 'api', 'console'] as const) expect(cspHeader(undefined, [HASH], kind)).not.toContain('wasm');
	});
	it("keeps Kit's own header on a server-rendered page, adding frame-ancestors only if missing", () => {
		const kit = `default-src 'self'; script-src 'self' '${HASH}'; frame-ancestors 'none'`;
		expect(cspHeader(kit, ['sha256-other'])).toBe(kit);
		expect(cspHeader("script-src 'self'", [])).toBe("script-src 'self'; frame-ancestors 'none'");
	});
});

describe('securityHeaders', () => {
	it('the trainee app: no referrer, nosniff, no framing, camera and passkeys for us only, caching left alone', () => {
		const h = securityHeaders({ kind: 'app', https: false });
		expect(h).toMatchObject({
			'x-content-type-options': 'nosniff',
			'referrer-policy': 'no-referrer',
			'x-frame-options': 'DENY',
			'permissions-policy': PERMISSIONS_POLICY
		});
		expect(PERMISSIONS_POLICY).toMatch(/(^|, )camera=\(self\)(,|$)/);
		expect(PERMISSIONS_POLICY).toMatch(/(^|, )microphone=\(\)(,|$)/);
		expect(PERMISSIONS_POLICY).toMatch(/publickey-credentials-get=\(self\)/);
		expect(h['cache-control']).toBeUndefined();
		expect(h['strict-transport-security']).toBeUndefined();
	});
	it('the API: no-store, no referrer', () => {
		expect(securityHeaders({ kind: 'api', https: false })).toMatchObject({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
	});
	it('the console: no-store, and same-origin referrers so its form POSTs pass the CSRF check', () => {
		expect(securityHeaders({ kind: 'console', https: false })).toMatchObject({ 'cache-control': 'no-store', 'referrer-policy': 'same-origin' });
	});
	it('HSTS over HTTPS only', () => {
		expect(securityHeaders({ kind: 'app', https: true })['strict-transport-security']).toBe('max-age=31536000');
		expect(securityHeaders({ kind: 'console', https: false })['strict-transport-security']).toBeUndefined();
	});
});

describe('arrivedOverHttps', () => {
	it('believes a TLS socket and an https ORIGIN', () => {
		expect(arrivedOverHttps({ encrypted: true })).toBe(true);
		expect(arrivedOverHttps({ encrypted: false, origin: 'https://motp.example.ac.kr' })).toBe(true);
		expect(arrivedOverHttps({ encrypted: false, origin: 'http://localhost:3000' })).toBe(false);
	});
	it('believes a protocol header only when the operator named it (PROTOCOL_HEADER)', () => {
		expect(arrivedOverHttps({ encrypted: false, headerValue: 'https' })).toBe(false);
		expect(arrivedOverHttps({ encrypted: false, protocolHeader: 'x-forwarded-proto', headerValue: 'https' })).toBe(true);
		expect(arrivedOverHttps({ encrypted: false, protocolHeader: 'x-forwarded-proto', headerValue: 'HTTPS, http' })).toBe(true);
		expect(arrivedOverHttps({ encrypted: false, protocolHeader: 'x-forwarded-proto', headerValue: 'http' })).toBe(false);
		expect(arrivedOverHttps({ encrypted: false, protocolHeader: 'x-forwarded-proto', headerValue: null })).toBe(false);
		expect(arrivedOverHttps({ encrypted: false, protocolHeader: 'x-forwarded-proto', headerValue: ['https', 'http'] })).toBe(true);
	});
});
