import type { RequestHandler } from './$types';
import { handleApi } from '$lib/server/http/handleApi';
import { postEnrollment } from '$lib/server/api/postEnrollment';
import { methodNotAllowed } from '$lib/server/api/methodNotAllowed';

export const prerender = false;

export const POST: RequestHandler = (event) => handleApi(event, postEnrollment);
export const fallback: RequestHandler = () => methodNotAllowed('POST');
