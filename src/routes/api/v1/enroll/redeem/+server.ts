import type { RequestHandler } from './$types';
import { handleApi } from '$lib/server/http/handleApi';
import { postEnrollRedeem } from '$lib/server/api/postEnrollRedeem';
import { methodNotAllowed } from '$lib/server/api/methodNotAllowed';

export const prerender = false;

export const POST: RequestHandler = (event) => handleApi(event, postEnrollRedeem);
export const fallback: RequestHandler = () => methodNotAllowed('POST');
