import type { RequestHandler } from './$types';
import { getServices } from '$lib/server/getServices';
import { postHostedVerify } from '$lib/server/hosted/postHostedVerify';

// The hosted page's verification (issue 16): a JSON POST from the page's own script.
export const prerender = false;

export const POST: RequestHandler = async (event) => postHostedVerify(event, await getServices());

export const fallback: RequestHandler = () =>
	new Response(JSON.stringify({ error: 'METHOD_NOT_ALLOWED' }), {
		status: 405,
		headers: { allow: 'POST', 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }
	});
