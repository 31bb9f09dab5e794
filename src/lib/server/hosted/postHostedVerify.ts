import { ApiError } from '../ApiError';
import { fromWebRequest } from '../http/ApiRequest';
import { readJsonBody } from '../http/readJsonBody';
import type { Services } from '../institute/Services';
import { HostedError } from './HostedError';
import { hostedParams } from './hostedRequest';
import { hostedVerify } from './hostedVerify';

function answer(body: unknown, status = 200): Response {
	return new Response(JSON.stringify(body), {
		status,
		headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' }
	});
}

/**
 * `POST /v/verify` from the hosted page: `{ client, trainee, state, return_to, ts, sig, code }` →
 * a `HostedAnswer`. CSRF: only our own page's script can send it — the `Origin` must be ours (the
 * page's fetch sends it, `referrerPolicy: 'same-origin'`, although the page itself is `no-referrer`),
 * `Sec-Fetch-Site`, when the browser sends it, must be `same-origin`, and the body must be JSON
 * (another site cannot send that cross-origin without a CORS preflight, which we never answer).
 * The signed request itself is checked again, so the post cannot verify for anyone the LMS did not name.
 */
export async function postHostedVerify(
	event: { request: Request; url: URL; getClientAddress(): string },
	services: Services
): Promise<Response> {
	const { request } = event;
	const site = request.headers.get('sec-fetch-site');
	if (request.headers.get('origin') !== event.url.origin || (site !== null && site !== 'same-origin')) {
		return answer({ error: 'CROSS_SITE' }, 403);
	}
	let body: Record<string, unknown>;
	try {
		const parsed = await readJsonBody(fromWebRequest(request));
		if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return answer({ error: 'BAD_REQUEST' }, 400);
		body = parsed as Record<string, unknown>;
	} catch (error) {
		if (error instanceof ApiError) return answer({ error: error.code }, error.status);
		throw error;
	}
	const code = typeof body.code === 'string' ? body.code.slice(0, 32) : '';
	let ip = 'unknown';
	try {
		ip = event.getClientAddress() || 'unknown';
	} catch {
		// adapter-node throws when ADDRESS_HEADER is configured but absent
	}
	try {
		return answer(await hostedVerify(services, hostedParams((n) => (typeof body[n] === 'string' ? (body[n] as string) : null)), code, ip, event.url.origin));
	} catch (error) {
		if (error instanceof HostedError) return answer({ error: error.code }, 400);
		console.error('mOTP: POST /v/verify failed:', error instanceof Error ? error.message : typeof error);
		return answer({ error: 'INTERNAL' }, 500);
	}
}
