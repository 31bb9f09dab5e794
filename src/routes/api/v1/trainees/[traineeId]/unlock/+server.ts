import type { RequestHandler } from './$types';
import { handleApi } from '$lib/server/http/handleApi';
import { postUnlock } from '$lib/server/api/postUnlock';
import { methodNotAllowed } from '$lib/server/api/methodNotAllowed';

export const prerender = false;

export const POST: RequestHandler = (event) => handleApi(event, postUnlock);
export const fallback: RequestHandler = () => methodNotAllowed('POST');
