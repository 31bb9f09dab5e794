import type { RequestHandler } from './$types';
import { getTime } from '$lib/server/api/getTime';
import { methodNotAllowed } from '$lib/server/api/methodNotAllowed';

// Public, uncached, and never prerendered: a build-time "now" would be a wrong clock forever.
export const prerender = false;

export const GET: RequestHandler = () => getTime();
export const fallback: RequestHandler = () => methodNotAllowed('GET');
