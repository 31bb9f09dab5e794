// `npm start`: the built app (adapter-node's `build/handler.js`, its documented custom-server
// entry) behind a wrapper that puts the security headers on EVERY answer. adapter-node serves
// prerendered pages and static files before SvelteKit's hooks run, so hooks.server.ts alone
// would leave the trainee app's pages without a CSP header, frame-ancestors or HSTS.
// Environment as for `node build/index.js`: PORT, HOST, ORIGIN, PROTOCOL_HEADER, … (see README).
import http from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { arrivedOverHttps, cspHeader, metaScriptHashes, securityHeaders } from './src/lib/server/http/securityHeaders.js';
import { explainFormRefusal } from './src/lib/server/http/formRefusalPage.js';

/** Every inline-script hash the prerendered pages' meta CSPs allow (see cspHeader for why a union is safe). */
function prerenderedScriptHashes(dir) {
	const hashes = new Set();
	for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
		if (entry.isFile() && entry.name.endsWith('.html')) {
			for (const h of metaScriptHashes(readFileSync(join(entry.parentPath ?? entry.path, entry.name), 'utf8'))) hashes.add(h);
		}
	}
	return [...hashes].sort();
}

const scriptHashes = prerenderedScriptHashes(new URL('./build/prerendered', import.meta.url).pathname);
const protocolHeader = (process.env.PROTOCOL_HEADER ?? '').toLowerCase() || undefined;
const origin = process.env.ORIGIN;

/**
 * Without ORIGIN, adapter-node builds each request's URL from PROTOCOL_HEADER and Host, and
 * assumes `https` when PROTOCOL_HEADER is unset: on plain HTTP every enrollment link then began
 * `https://` and SvelteKit's CSRF check refused every console form (docs/decisions-server.md,
 * "The request's protocol"). So server.js decides the protocol per request (the socket, or the
 * operator's PROTOCOL_HEADER when set) and hands it to adapter-node under a header name that only
 * server.js writes: a client's copy of it is always overwritten. adapter-node reads PROTOCOL_HEADER
 * when `build/handler.js` is imported, hence the dynamic import after setting it.
 */
const SERVER_PROTOCOL_HEADER = 'x-motp-server-protocol';
if (origin === undefined) process.env.PROTOCOL_HEADER = SERVER_PROTOCOL_HEADER;
const { handler } = await import('./build/handler.js');

/**
 * The path a request target names, for choosing headers; never throws. Not `new URL(target, base)`:
 * a target like `//x%` is a protocol-relative URL to it, and throws. Absolute-form targets
 * (`http://host/path`) lose their origin, and runs of slashes collapse, so `//institute/x` still
 * counts as the console (the stricter headers are the safe mistake).
 * @param {string | undefined} target
 */
function requestPath(target = '/') {
	const path = target.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').split(/[?#]/)[0] ?? '';
	return `/${path}`.replace(/\/{2,}/g, '/');
}

/**
 * Sets the headers just before the status line is written. Node calls `writeHead` for explicit
 * and implicit headers alike (`res.end()` without `writeHead` goes through `_implicitHeader`),
 * so wrapping it on each response catches every answer, whoever produced it.
 */
function withSecurityHeaders(req, res) {
	const pathname = requestPath(req.url);
	const https = arrivedOverHttps({ encrypted: Boolean(req.socket.encrypted), protocolHeader, headerValue: protocolHeader && req.headers[protocolHeader], origin });
	const writeHead = res.writeHead;
	res.writeHead = function (status, ...rest) {
		// Fold headers passed to writeHead itself into the response first, so they are seen here.
		const headers = typeof rest[rest.length - 1] === 'object' && rest[rest.length - 1] !== null ? rest.pop() : undefined;
		if (Array.isArray(headers)) {
			for (let i = 0; i + 1 < headers.length; i += 2) res.appendHeader(headers[i], headers[i + 1]);
		} else if (headers) {
			for (const [k, v] of Object.entries(headers)) if (v !== undefined) res.setHeader(k, v);
		}
		if (!res.headersSent) {
			for (const [k, v] of Object.entries(securityHeaders({ pathname, https }))) res.setHeader(k, v);
			const existing = res.getHeader('content-security-policy');
			res.setHeader('content-security-policy', cspHeader(typeof existing === 'string' ? existing : undefined, scriptHashes));
		}
		return writeHead.call(this, status, ...rest);
	};
}

/** Puts server.js's own answer to "http or https?" on the request, for adapter-node (see above). */
function handProtocolToAdapter(req) {
	delete req.headers[SERVER_PROTOCOL_HEADER];
	if (origin !== undefined) return;
	const headerValue = protocolHeader && req.headers[protocolHeader];
	req.headers[SERVER_PROTOCOL_HEADER] = arrivedOverHttps({ encrypted: Boolean(req.socket.encrypted), protocolHeader, headerValue }) ? 'https' : 'http';
}

/** The origin SvelteKit compares a form's `Origin` with, as adapter-node builds it; shown on the 403 page only. */
function kitOrigin(req) {
	if (origin !== undefined) return new URL(origin.trim()).origin;
	const hostHeader = (process.env.HOST_HEADER ?? '').toLowerCase();
	return `${req.headers[SERVER_PROTOCOL_HEADER]}://${(hostHeader && req.headers[hostHeader]) || req.headers.host || ''}`;
}

const server = http.createServer((req, res) => {
	try {
		handProtocolToAdapter(req);
		withSecurityHeaders(req, res);
		// A console form refused as cross-site gets a page that says what to do, not Kit's bare sentence.
		explainFormRefusal(req, res, () => kitOrigin(req));
	} catch (error) {
		// Never let a header bug take the process down with every trainee's next code.
		console.error('mOTP: server.js could not prepare headers:', error instanceof Error ? error.message : error);
		res.statusCode = 400;
		res.end();
		return;
	}
	handler(req, res, () => {
		// adapter-node's handler answers everything itself; this is only a safety net.
		res.statusCode = 404;
		res.end('Not found');
	});
});

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';
// On every interface the address to open is localhost (the README's), not 0.0.0.0.
const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
server.listen(port, host, () => console.log(`Listening on http://${host}:${port} — open http://${shownHost}:${port}`));

/** As adapter-node's own entry: stop taking requests, then let the app close its store. */
function shutdown(reason) {
	server.closeIdleConnections();
	server.close(() => process.emit('sveltekit:shutdown', reason));
	setTimeout(() => server.closeAllConnections(), Number(process.env.SHUTDOWN_TIMEOUT ?? 30) * 1000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
