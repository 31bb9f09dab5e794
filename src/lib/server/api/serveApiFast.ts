import type { IncomingMessage, ServerResponse } from 'node:http';
import { API_ROUTES, allowed, NO_SERVICES, type ApiMethod, type ApiRoute } from './apiRoutes';
import { methodNotAllowedReply } from './methodNotAllowed';
import { getServices } from '../getServices';
import type { ApiContext } from '../http/ApiContext';
import type { ApiReply } from '../http/ApiReply';
import { concatBytes } from '$lib/crypto/bytes';
import type { ApiRequest } from '../http/ApiRequest';
import { runApi } from '../http/runApi';

/**
 * The institute API served straight from Node's request, in front of SvelteKit (issue 15).
 *
 * SvelteKit turns every request into a Web `Request` with a streamed body, runs its router, hooks
 * and `Response` back into Node's socket; for a JSON endpoint that was most of a verification's
 * CPU (bench/RESULTS.md). `server.js` (`npm start`) asks {@link matchApiFast} first and, on a match,
 * lets {@link serveApiFast} answer with the very endpoint functions SvelteKit's routes run
 * (`API_ROUTES`), through the same error mapping (`runApi`). Headers are server.js's, as for every
 * answer; body limits, rate limits and the error shape are the endpoints' own.
 *
 * Only plain spellings are taken: a path that is exactly a route, with parameters of the trainee-id
 * alphabet (no `%`, no `.`/`..` segments, no doubled slashes). Anything else — an encoded or
 * dotted spelling, an unknown path — is left to SvelteKit, which decodes and normalises it and
 * then runs the same endpoint, so the fast path can never answer differently, only sooner.
 */

/** A matched request: the route and its parameters. */
export interface FastMatch {
	route: ApiRoute;
	params: Record<string, string>;
}

interface Compiled {
	route: ApiRoute;
	pattern: RegExp;
	names: string[];
}

const PARAM = '([A-Za-z0-9_-][A-Za-z0-9._-]{0,63})';
const COMPILED: Compiled[] = API_ROUTES.map((route) => {
	const names: string[] = [];
	// Route ids are plain path segments and `[name]` parameters (apiRoutes.ts): nothing else to escape.
	const source = route.id.replace(/\[(\w+)\]/g, (_m, name: string) => {
		names.push(name);
		return PARAM;
	});
	return { route, pattern: new RegExp(`^${source}$`), names };
});

/** The route a request target names in its plain spelling, or `null` (SvelteKit then answers). */
export function matchApiFast(target: string | undefined): FastMatch | null {
	if (!target || !target.startsWith('/api/v1/')) return null;
	const q = target.indexOf('?');
	const path = q === -1 ? target : target.slice(0, q);
	if (path.includes('#')) return null;
	for (const c of COMPILED) {
		const m = c.pattern.exec(path);
		if (!m) continue;
		const params: Record<string, string> = {};
		c.names.forEach((name, i) => (params[name] = m[i + 1]!));
		return { route: c.route, params };
	}
	return null;
}

/** Settings read once: what adapter-node reads for the request's origin and client address. */
interface FastEnv {
	origin: string | undefined;
	addressHeader: string;
	xffDepth: number;
	protocolHeader: string;
	hostHeader: string;
	portHeader: string;
}

function readEnv(env: NodeJS.ProcessEnv): FastEnv {
	return {
		origin: env.ORIGIN?.trim() ? new URL(env.ORIGIN.trim()).origin : undefined,
		addressHeader: (env.ADDRESS_HEADER ?? '').toLowerCase(),
		xffDepth: parseInt(env.XFF_DEPTH ?? '1'),
		protocolHeader: (env.PROTOCOL_HEADER ?? '').toLowerCase(),
		hostHeader: (env.HOST_HEADER ?? '').toLowerCase(),
		portHeader: (env.PORT_HEADER ?? '').toLowerCase()
	};
}

let settings: FastEnv | undefined;

/**
 * Answers a request {@link matchApiFast} matched. Never throws; every failure becomes the API's
 * JSON error (or, as SvelteKit does, a plain 403 for a cross-site form post).
 */
export async function serveApiFast(req: IncomingMessage, res: ServerResponse, match: FastMatch, env: NodeJS.ProcessEnv = process.env): Promise<void> {
	settings ??= readEnv(env);
	const s = settings;
	const method = (req.method ?? 'GET').toUpperCase();
	const request = nodeRequest(req, method);
	let reply: ApiReply;
	const origin = () => s.origin ?? requestOrigin(req, s);
	const csrf = csrfRefusal(method, request, origin);
	if (csrf) {
		reply = csrf;
	} else {
		const handler = match.route.methods[(method === 'HEAD' ? 'GET' : method) as ApiMethod];
		if (!handler) {
			reply = methodNotAllowedReply(allowed(match.route));
		} else {
			const pathname = (req.url ?? '/').split('?')[0]!;
			reply = await runApi(
				method,
				pathname,
				async (): Promise<ApiContext> => {
					let url: URL | undefined;
					return {
						request,
						get url() {
							return (url ??= new URL(req.url ?? '/', origin()));
						},
						params: match.params,
						services: match.route.services ? await getServices() : NO_SERVICES,
						clientAddress: clientAddress(req, s)
					};
				},
				handler
			);
		}
	}
	write(req, res, method, reply, request.bodyLeftUnread());
}

function write(req: IncomingMessage, res: ServerResponse, method: string, reply: ApiReply, unread: boolean): void {
	if (reply.stream) {
		void writeStream(req, res, method, reply, reply.stream, unread);
		return;
	}
	const headers: Record<string, string | number> = { ...reply.headers, 'content-length': Buffer.byteLength(reply.body) };
	// A body we stopped reading (too large) is not drained: close the connection after the answer.
	if (unread) headers.connection = 'close';
	res.writeHead(reply.status, headers);
	res.end(method === 'HEAD' ? undefined : reply.body);
	if (unread) res.once('finish', () => req.destroy());
}

/**
 * A streamed answer (the audit export), chunk by chunk, waiting for `drain` when the socket's buffer
 * is full. A failure part-way destroys the connection: the client sees a cut-off download.
 */
async function writeStream(req: IncomingMessage, res: ServerResponse, method: string, reply: ApiReply, stream: AsyncIterable<string>, unread: boolean): Promise<void> {
	const headers: Record<string, string> = { ...reply.headers };
	if (unread) headers.connection = 'close';
	res.writeHead(reply.status, headers);
	if (method === 'HEAD') {
		res.end();
		return;
	}
	const iterator = stream[Symbol.asyncIterator]();
	const closed = () => res.destroyed || res.writableEnded;
	try {
		for (;;) {
			if (closed()) {
				await iterator.return?.();
				return;
			}
			const { value, done } = await iterator.next();
			if (done) break;
			if (!res.write(value)) await new Promise<void>((resolve) => {
				const go = () => {
					res.off('drain', go);
					res.off('close', go);
					resolve();
				};
				res.on('drain', go);
				res.on('close', go);
			});
		}
		res.end();
		if (unread) res.once('finish', () => req.destroy());
	} catch (error) {
		console.error('mOTP: a streamed answer failed part-way:', error instanceof Error ? error.message : typeof error);
		res.destroy();
	}
}

/** An {@link ApiRequest} over Node's request, with a note of whether its body was left unread. */
function nodeRequest(req: IncomingMessage, method: string): ApiRequest & { bodyLeftUnread(): boolean } {
	let state: 'untouched' | 'read' | 'abandoned' = 'untouched';
	return {
		method,
		headers: {
			get(name) {
				const value = req.headers[name.toLowerCase()];
				return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
			}
		},
		readBody(limit) {
			return new Promise((resolve) => {
				const chunks: Buffer[] = [];
				let size = 0;
				const done = (result: Uint8Array | 'too-large' | 'unreadable', how: typeof state) => {
					req.off('data', onData);
					req.off('end', onEnd);
					req.off('error', onError);
					req.off('aborted', onError);
					state = how;
					if (how === 'abandoned') req.pause();
					resolve(result);
				};
				const onData = (chunk: Buffer) => {
					size += chunk.byteLength;
					if (size > limit) done('too-large', 'abandoned');
					else chunks.push(chunk);
				};
				const onEnd = () => done(chunks.length === 1 ? chunks[0]! : concatBytes(...chunks), 'read');
				const onError = () => done('unreadable', 'abandoned');
				req.on('data', onData);
				req.on('end', onEnd);
				req.on('error', onError);
				req.on('aborted', onError);
			});
		},
		// A body the endpoint stopped reading, or never read because it refused first (no key, a
		// declared length over the limit), is not drained: the connection closes after the answer.
		bodyLeftUnread: () => state === 'abandoned' || (state === 'untouched' && hasBody(req))
	};
}

/** Whether the request announced a body (RFC 9112 §6.3: a length above zero, or a transfer coding). */
function hasBody(req: IncomingMessage): boolean {
	return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/**
 * SvelteKit's CSRF check (kit/src/runtime/server/respond.js), so that a cross-site form post gets
 * the same `403` on the fast path as through SvelteKit.
 */
function csrfRefusal(method: string, request: ApiRequest, origin: () => string): ApiReply | null {
	if (method !== 'POST' && method !== 'PUT' && method !== 'PATCH' && method !== 'DELETE') return null;
	const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
	if (!FORM_TYPES.has(type)) return null;
	const requestOrigin = request.headers.get('origin');
	if (requestOrigin === origin()) return null;
	const message = `Cross-site ${method} form submissions are forbidden`;
	return request.headers.get('accept') === 'application/json'
		? { status: 403, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message }) }
		: { status: 403, headers: {}, body: message }; // SvelteKit's text() sends bytes with no content type
}
const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain', 'application/x-sveltekit-formdata']);

/** adapter-node's `getClientAddress`, with its two failures (header absent, too few addresses) as `unknown`. */
function clientAddress(req: IncomingMessage, s: FastEnv): string {
	if (s.addressHeader) {
		const raw = req.headers[s.addressHeader];
		if (raw === undefined) return 'unknown';
		const value = (Array.isArray(raw) ? raw.join(', ') : raw) || '';
		if (s.addressHeader !== 'x-forwarded-for') return value || 'unknown';
		const addresses = value.split(',');
		if (!(s.xffDepth >= 1) || s.xffDepth > addresses.length) return 'unknown';
		return addresses[addresses.length - s.xffDepth]!.trim() || 'unknown';
	}
	return req.socket?.remoteAddress || 'unknown';
}

/**
 * adapter-node's origin when `ORIGIN` is not set: `PROTOCOL_HEADER` (else `https`), `HOST_HEADER`
 * (else `Host`), `PORT_HEADER`. A value it would refuse (a protocol with `:`, no host) gives an
 * origin that matches nothing, rather than an exception.
 */
function requestOrigin(req: IncomingMessage, s: FastEnv): string {
	const one = (name: string) => {
		const v = name ? req.headers[name] : undefined;
		return Array.isArray(v) ? (v.length === 1 ? v[0] : undefined) : v;
	};
	let protocol = 'https';
	try {
		protocol = decodeURIComponent(one(s.protocolHeader) || 'https');
	} catch {
		return 'null://invalid';
	}
	const host = one(s.hostHeader) || one('host');
	if (protocol.includes(':') || !host) return 'null://invalid';
	const port = one(s.portHeader);
	try {
		return new URL(`${protocol}://${host}${port ? `:${port}` : ''}`).origin;
	} catch {
		return 'null://invalid';
	}
}


/** Where server.js finds the fast path: hooks.server.ts `init` puts it here (it runs inside the build). */
export const FAST_API_KEY = Symbol.for('motp-web/api-fast-path');

/** Makes the fast path available to server.js, unless `MOTP_API_FAST_PATH=off` (for before/after benchmarks). */
export function registerApiFastPath(env: NodeJS.ProcessEnv = process.env): void {
	if ((env.MOTP_API_FAST_PATH ?? '').toLowerCase() === 'off') return;
	(globalThis as Record<symbol, unknown>)[FAST_API_KEY] = { match: matchApiFast, serve: serveApiFast };
}
