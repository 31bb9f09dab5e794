// Which built files belong to which part of the app, read from the build's own manifests rather
// than guessed from file names (Vite names shared chunks by hash).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const VITE_MANIFEST = '.svelte-kit/output/client/.vite/manifest.json';
const SERVER_NODES = '.svelte-kit/output/server/nodes';

/** Module paths of optional code that must load only on demand (matched against the manifest's `src`). */
const QR_DECODER_SRC = /barcode-detector|zxing|decodeQrImage/i;

/**
 * @returns {{
 *   consoleOnly: Set<string>, qrDecoder: Set<string>, appNodes: Set<string>,
 *   nodeRoute: Map<string, string>
 * }} file sets as URL paths (`/_app/immutable/...`)
 */
export function readBuildManifest() {
	if (!existsSync(VITE_MANIFEST)) throw new Error(`${VITE_MANIFEST} is missing: run npm run build`);
	/** @type {Record<string, {file: string, src?: string, imports?: string[], dynamicImports?: string[], css?: string[]}>} */
	const manifest = JSON.parse(readFileSync(VITE_MANIFEST, 'utf8'));

	// Node index → the route component it renders (e.g. 4 → "(app)/_page.svelte").
	/** @type {Map<string, string>} client node file → route */
	const nodeRoute = new Map();
	for (const name of readdirSync(SERVER_NODES)) {
		const text = readFileSync(join(SERVER_NODES, name), 'utf8');
		const component = /entries\/(?:pages|fallbacks)\/([^']+?)\.js/.exec(text.match(/component = [^\n]*/)?.[0] ?? '')?.[1];
		const clientFile = /"(_app\/immutable\/nodes\/[^"]+)"/.exec(text)?.[1];
		if (component && clientFile) nodeRoute.set('/' + clientFile, component);
	}

	/** Static-import closure of a manifest key (what loads with it, before any dynamic import). */
	const closure = (key, out = new Set()) => {
		const entry = manifest[key];
		if (!entry || out.has('/' + entry.file)) return out;
		out.add('/' + entry.file);
		for (const css of entry.css ?? []) out.add('/' + css);
		for (const dep of entry.imports ?? []) closure(dep, out);
		return out;
	};
	const keyOfFile = new Map(Object.entries(manifest).map(([k, v]) => ['/' + v.file, k]));

	const consoleReach = new Set();
	const otherReach = new Set();
	const appNodes = new Set();
	for (const [file, route] of nodeRoute) {
		const key = keyOfFile.get(file);
		if (!key) continue;
		const reach = closure(key);
		const target = route.startsWith('institute/') ? consoleReach : otherReach;
		for (const f of reach) target.add(f);
		if (route.startsWith('(app)/')) appNodes.add(file);
	}
	for (const [key, entry] of Object.entries(manifest)) {
		if (entry.src?.includes('client/entry.js') || entry.src?.endsWith('client-optimized/app.js')) {
			for (const f of closure(key)) otherReach.add(f);
		}
	}
	const consoleOnly = new Set([...consoleReach].filter((f) => !otherReach.has(f)));

	const qrDecoder = new Set();
	for (const [key, entry] of Object.entries(manifest)) {
		if (entry.src && QR_DECODER_SRC.test(entry.src)) {
			qrDecoder.add('/' + entry.file);
			// Its own dependencies count too, unless the first-load code shares them anyway.
			for (const f of closure(key)) if (!otherReach.has(f)) qrDecoder.add(f);
		}
	}
	return { consoleOnly, qrDecoder, appNodes, nodeRoute };
}
