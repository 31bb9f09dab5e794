import type { RequestHandler } from './$types';
import { handleApi } from '$lib/server/http/handleApi';
import { postEnrollPreview } from '$lib/server/api/postEnrollPreview';
import { methodNotAllowed } from '$lib/server/api/methodNotAllowed';

export const prerender = false;

export const POST: RequestHandler = (event) => handleApi(event, postEnrollPreview);
export const fallback: RequestHandler = () => methodNotAllowed('POST');
