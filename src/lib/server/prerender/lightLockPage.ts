import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The light lock screen's module, as Vite's client manifest names it (vite.config.ts emits it). */
export const LOCK_START_SOURCE = 'src/lib/light/lockStart.ts';
const CLIENT_MANIFEST = '.svelte-kit/output/client/.vite/manifest.json';
/** The script that shows the prerendered form and keeps an early submit; inlined into `/`. */
const EARLY_SCRIPT = 'src/lib/light/early.js';

interface ManifestChunk {
	file: string;
	src?: string;
	imports?: string[];
}

/** The URL paths (`/_app/immutable/…`) of the light module and every chunk it imports statically. */
export function lockStartFiles(manifest: Record<string, ManifestChunk>): { entry: string; imports: string[] } {
	const root = manifest[LOCK_START_SOURCE];
	if (!root) throw new Error(`lightLockPage: ${LOCK_START_SOURCE} is not in the client manifest`);
	const seen = new Set<string>();
	const walk = (key: string) => {
		for (const dep of manifest[key]?.imports ?? []) {
			if (seen.has(dep)) continue;
			seen.add(dep);
			walk(dep);
		}
	};
	walk(LOCK_START_SOURCE);
	return { entry: `/${root.file}`, imports: [...seen].map((k) => `/${manifest[k]!.file}`) };
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64');

/**
 * Rewrites the prerendered `/` so that SvelteKit does not start by itself (issue 14; docs/decisions.md,
 * "The lock screen loads without the framework"):
 *
 * - Kit's inline bootstrap, `Promise.all([import(start), import(app)]).then(([kit, app]) => kit.start(…))`,
 *   becomes `window.__motpKit = (ready) => …`: it imports when called, and starts once `ready` settles.
 *   A fallback in the same script starts it when the light module never ran (it failed to load).
 *   The page's CSP meta tag gets the new script's hash in place of the old one; server.js reads
 *   the hashes from the prerendered pages, so the header follows.
 * - The light module (src/lib/light/lockStart.ts) and its imports are loaded instead, as a module
 *   script and modulepreload links. Kit's own modulepreload links are left out by the caller
 *   (`preload` in hooks.server.ts).
 *
 * Throws when Kit's bootstrap does not look as expected, so a Kit upgrade that changes it fails
 * the build instead of shipping a page that never starts.
 */
export function lightLockPage(html: string, files: { entry: string; imports: string[] }, early = ''): string {
	const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].filter((m) => m[1]!.includes('kit.start('));
	if (scripts.length !== 1) throw new Error(`lightLockPage: expected one SvelteKit bootstrap script, found ${scripts.length}`);
	const before = scripts[0]![1]!;
	const START = 'Promise.all([';
	const THEN = ']).then(([kit, app]) => {';
	if (before.split(START).length !== 2 || before.split(THEN).length !== 2) throw new Error('lightLockPage: SvelteKit bootstrap has an unexpected shape');
	const after = before
		.replace(START, `window.__motpKit = (ready) => ${START}`)
		.replace(THEN, `]).then(async (m) => (await ready, m)).then(([kit, app]) => {`)
		.replace(/\n(\s*)\}\s*$/, (_, indent: string) => `\n${indent}\taddEventListener("DOMContentLoaded", () => { if (!window.__motpLight) window.__motpKit(Promise.resolve()); });\n${indent}}\n\t\t\t`);
	const oldHash = `'sha256-${sha256(before)}'`;
	if (!html.includes(oldHash)) throw new Error('lightLockPage: the bootstrap hash is not in the page CSP');
	const links = [...files.imports.map((f) => `<link href=".${f}" rel="modulepreload">`), `<script type="module" src=".${files.entry}"></script>`].join('\n\t\t');
	const hashes = early ? `'sha256-${sha256(early)}' 'sha256-${sha256(after)}'` : `'sha256-${sha256(after)}'`;
	let out = html
		.replace(before, after)
		.replace(oldHash, hashes)
		.replace('</head>', `\t${links}\n\t</head>`);
	if (early) {
		// Right after the CSP meta tag: before the stylesheets, so nothing waits for a request for it.
		const meta = /<meta http-equiv="content-security-policy"[^>]*>/.exec(out);
		if (!meta) throw new Error('lightLockPage: no CSP meta tag to put the early script after');
		out = out.replace(meta[0], `${meta[0]}\n\t\t<script>${early}</script>`);
	}
	return out;
}

let cached: { entry: string; imports: string[] } | undefined;

/** The light module's files in this build (read once, while prerendering). */
export function builtLockStartFiles(): { entry: string; imports: string[] } {
	return (cached ??= lockStartFiles(JSON.parse(readFileSync(resolve(CLIENT_MANIFEST), 'utf8')) as Record<string, ManifestChunk>));
}

/** The early script's source, to inline. */
export function earlyScript(): string {
	return readFileSync(resolve(EARLY_SCRIPT), 'utf8');
}
