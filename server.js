// `npm start`: the built app (adapter-node's `build/handler.js`, its documented custom-server
// entry) behind a wrapper that puts the security headers on EVERY answer. adapter-node serves
// prerendered pages and static files before SvelteKit's hooks run, so hooks.server.ts alone
// would leave the trainee app's pages without a CSP header, frame-ancestors or HSTS.
// Environment as for `node build/index.js`: PORT, HOST, ORIGIN, PROTOCOL_HEADER, … (see README).
import http from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROUTE_KIND_HEADER, arrivedOverHttps, cspHeader, metaScriptHashes, securityHeaders } from './src/lib/server/http/securityHeaders.js';
import { kindOfTarget, stricterKind } from './src/lib/server/http/requestKind.js';
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
 * when `build/handler.js` is imported, hence the dynamic import after setting it. The API's fast
 * path reads the same setting (src/lib/server/api/serveApiFast.ts).
 */
const SERVER_PROTOCOL_HEADER = 'x-motp-server-protocol';
if (origin === undefined) process.env.PROTOCOL_HEADER = SERVER_PROTOCOL_HEADER;
const { handler } = await import('./build/handler.js');
/** `{ match, serve }`, registered by hooks.server.ts `init` (awaited by build/handler.js at import); absent with MOTP_API_FAST_PATH=off. */
const fastApi = globalThis[Symbol.for('motp-web/api-fast-path')];

/** The security headers of each kind of answer, computed once: they depend on nothing else (issue 15). */
const headerSets = new Map();
function headersFor(kind, https) {
	const key = `${kind}${https ? '+tls' : ''}`;
	let set = headerSets.get(key);
	if (!set) headerSets.set(key, (set = Object.entries(securityHeaders({ kind, https }))));
	return set;
}
/** The CSP of each kind of answer that brings none of its own, computed once. */
const policies = new Map();
function policyFor(kind) {
	let policy = policies.get(kind);
	if (!policy) policies.set(kind, (policy = cspHeader(undefined, scriptHashes, kind)));
	return policy;
}

/**
 * Sets the headers just before the status line is written. Node calls `writeHead` for explicit
 * and implicit headers alike (`res.end()` without `writeHead` goes through `_implicitHeader`),
 * so wrapping it on each response catches every answer, whoever produced it.
 */
function withSecurityHeaders(req, res) {
	const targetKind = kindOfTarget(req.url);
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
			// The route the router resolved (hooks.server.ts says which, in a header that never leaves
			// this process), combined with the canonical request target: the stricter one wins, so
			// neither an encoded path nor a file served before the router loosens anything.
			const routed = res.getHeader(ROUTE_KIND_HEADER);
			res.removeHeader(ROUTE_KIND_HEADER);
			const kind = stricterKind(targetKind, routed === 'console' || routed === 'api' || routed === 'hosted' || routed === 'app' ? routed : null);
			for (const [k, v] of headersFor(kind, https)) res.setHeader(k, v);
			const existing = res.getHeader('content-security-policy');
			res.setHeader('content-security-policy', typeof existing === 'string' ? cspHeader(existing, scriptHashes, kind) : policyFor(kind));
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
		// A console form refused as cross-site gets a page that says what to do, not Kit's bare sentence
		// (the API keeps SvelteKit's plain answer, through either path: a program reads it, not a person).
		if (kindOfTarget(req.url) !== 'api') explainFormRefusal(req, res, () => kitOrigin(req));
	} catch (error) {
		// Never let a header bug take the process down with every trainee's next code.
		console.error('mOTP: server.js could not prepare headers:', error instanceof Error ? error.message : error);
		res.statusCode = 400;
		res.end();
		return;
	}
	// The institute API's plain spellings go to the fast path (src/lib/server/http/serveApiFast.ts),
	// which hooks.server.ts registered while build/handler.js started; everything else to SvelteKit.
	const match = fastApi?.match(req.url);
	if (match) {
		fastApi.serve(req, res, match).catch((error) => {
			console.error('mOTP: the API fast path failed:', error instanceof Error ? error.message : error);
			if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
			res.end('{"error":{"code":"INTERNAL","message":"internal error"}}');
		});
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
