// A tiny node:http file server for the bench's own pages: the bare baseline page and the KDF page.
// It serves the installed @noble/hashes ESM files under /noble/, so browser code can
// `import '@noble/hashes/scrypt.js'` through an import map, with no bundler and no network.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.json': 'application/json' };

/** URL prefix → directory. */
const ROOTS = [
	['/noble/', resolve('node_modules/@noble/hashes')],
	['/hash-wasm/', resolve('node_modules/hash-wasm/dist')],
	['/', resolve('bench/pages')]
];

/**
 * @param {number} port
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>}
 */
export async function startStaticServer(port) {
	const server = createServer(async (req, res) => {
		const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
		const [prefix, dir] = ROOTS.find(([p]) => path.startsWith(p)) ?? [];
		const rel = normalize(path.slice(prefix.length) || 'index.html');
		if (!dir || rel.startsWith('..')) {
			res.writeHead(404).end();
			return;
		}
		try {
			const body = await readFile(join(dir, rel));
			// no-cache: the pages are reopened offline through their own service worker, like the app.
			res.writeHead(200, { 'content-type': TYPES[extname(rel)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
			res.end(body);
		} catch {
			res.writeHead(404).end();
		}
	});
	await new Promise((r) => server.listen(port, '127.0.0.1', r));
	return {
		url: `http://127.0.0.1:${port}`,
		stop: () => new Promise((r) => server.close(() => r()))
	};
}
