import type { ApiHandler } from '../http/ApiContext';
import { handleApi } from '../http/handleApi';
import type { Services } from '../institute/Services';
import { TEST_API_KEY } from './testServices';

/** A request to an endpoint function, as SvelteKit would pass it. */
export interface CallOptions {
	method?: string;
	path?: string;
	params?: Record<string, string>;
	/** An object is sent as JSON; a string is sent verbatim. */
	body?: unknown;
	/** `false` sends no Authorization header; a string sends that key. Default: the right key. */
	key?: string | false;
	headers?: Record<string, string>;
	ip?: string;
}

/** Calls `handler` through `handleApi` (error mapping included) and returns the raw Response. */
export async function callApi(services: Services, handler: ApiHandler, o: CallOptions = {}): Promise<Response> {
	const url = new URL(o.path ?? '/api/v1/x', 'http://localhost:4173');
	const headers = new Headers(o.headers);
	if (o.key !== false) headers.set('authorization', `Bearer ${o.key ?? TEST_API_KEY}`);
	let body: string | undefined;
	if (o.body !== undefined) {
		body = typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
		if (!headers.has('content-type')) headers.set('content-type', 'application/json');
	}
	const request = new Request(url, { method: o.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
	return handleApi({ request, url, params: o.params ?? {}, getClientAddress: () => o.ip ?? '203.0.113.5' }, handler, services);
}

/** `callApi`, then the status and the parsed JSON body. */
export async function callJson(services: Services, handler: ApiHandler, o: CallOptions = {}): Promise<{ status: number; json: any; res: Response }> {
	const res = await callApi(services, handler, o);
	return { status: res.status, json: await res.json(), res };
}
