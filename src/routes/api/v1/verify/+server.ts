import type { RequestHandler } from './$types';
import { handleApi } from '$lib/server/http/handleApi';
import { postVerify } from '$lib/server/api/postVerify';
import { methodNotAllowed } from '$lib/server/api/methodNotAllowed';

export const prerender = false;

export const POST: RequestHandler = (event) => handleApi(event, postVerify);
export const fallback: RequestHandler = () => methodNotAllowed('POST');
