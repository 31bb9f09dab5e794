import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LOCK_START_SOURCE, lightLockPage, lockStartFiles } from './lightLockPage';

// The shape SvelteKit 2.70 prerenders (build/prerendered/index.html), cut down.
const BOOT = `
				{
					__sveltekit_x = {
						base: new URL(".", location).pathname.slice(0, -1)
					};

					const element = document.currentScript.parentElement;

					Promise.all([
						import("./_app/immutable/entry/start.A.js"),
						import("./_app/immutable/entry/app.B.js")
					]).then(([kit, app]) => {
						kit.start(app, element, {
							node_ids: [0, 2, 4],
							data: [null,null,null],
							form: null,
							error: null
						});
					});
				}
			`;
const hash = (s: string) => createHash('sha256').update(s, 'utf8').digest('base64');
const page = (boot: string) =>
	`<html><head><meta http-equiv="content-security-policy" content="default-src 'self'; script-src 'self' 'sha256-${hash(BOOT)}'; style-src 'self'">\n\t</head><body><div class="sveltekit-body"><p>x</p>\n\t\t\t<script>${boot}</script>\n\t\t</div></body></html>`;
const FILES = { entry: '/_app/immutable/entry/lock-start.C.js', imports: ['/_app/immutable/chunks/D.js'] };

describe('lightLockPage', () => {
	const out = lightLockPage(page(BOOT), FILES);
	const script = /<script>([\s\S]*?)<\/script>/.exec(out)![1]!;

	it('turns the bootstrap into a function that imports when called and starts when ready', () => {
		expect(script).toContain('window.__motpKit = (ready) => Promise.all([');
		expect(script).toContain(']).then(async (m) => (await ready, m)).then(([kit, app]) => {');
		expect(script).toContain('if (!window.__motpLight) window.__motpKit(Promise.resolve())');
		expect(() => new Function(script)).not.toThrow(); // still valid JavaScript
		// Nothing is imported at the top level any more: every import( is inside the function.
		expect(script.indexOf('import(')).toBeGreaterThan(script.indexOf('window.__motpKit ='));
	});

	it('allows exactly the new script in the CSP meta tag, and not the old one', () => {
		expect(out).toContain(`'sha256-${hash(script)}'`);
		expect(out).not.toContain(`'sha256-${hash(BOOT)}'`);
	});

	it('loads the light module and preloads its imports', () => {
		expect(out).toContain('<script type="module" src="./_app/immutable/entry/lock-start.C.js"></script>');
		expect(out).toContain('<link href="./_app/immutable/chunks/D.js" rel="modulepreload">');
	});

	it('inlines the early script after the CSP meta tag, allowed by its own hash', () => {
		const early = "document.documentElement.classList.add('enrolled');";
		const withEarly = lightLockPage(page(BOOT), FILES, early);
		const inline = [...withEarly.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
		expect(inline[0]).toBe(early);
		expect(withEarly.indexOf(`<script>${early}`)).toBeGreaterThan(withEarly.indexOf('http-equiv="content-security-policy"'));
		const csp = /content="([^"]*)"/.exec(withEarly)![1]!;
		expect(csp).toContain(`script-src 'self' 'sha256-${hash(early)}' 'sha256-${hash(inline[1]!)}';`);
	});

	it('refuses a bootstrap of another shape, or a page whose CSP does not carry its hash', () => {
		expect(() => lightLockPage(page(BOOT.replace('Promise.all([', 'Promise.allSettled([')), FILES)).toThrow(/shape/);
		expect(() => lightLockPage(page(BOOT).replace(hash(BOOT), 'x'), FILES)).toThrow(/hash/);
		expect(() => lightLockPage('<html><head></head><body></body></html>', FILES)).toThrow(/bootstrap/);
	});
});

describe('lockStartFiles', () => {
	it('lists the entry and its static imports, transitively, once each', () => {
		const files = lockStartFiles({
			[LOCK_START_SOURCE]: { file: '_app/immutable/entry/lock-start.C.js', imports: ['_a', '_b'] },
			_a: { file: '_app/immutable/chunks/a.js', imports: ['_b'] },
			_b: { file: '_app/immutable/chunks/b.js', imports: ['_c'] },
			_c: { file: '_app/immutable/chunks/c.js' }
		});
		expect(files.entry).toBe('/_app/immutable/entry/lock-start.C.js');
		expect(files.imports.sort()).toEqual(['/_app/immutable/chunks/a.js', '/_app/immutable/chunks/b.js', '/_app/immutable/chunks/c.js']);
	});

	it('fails loudly when the build has no light module', () => {
		expect(() => lockStartFiles({})).toThrow(/not in the client manifest/);
	});
});
