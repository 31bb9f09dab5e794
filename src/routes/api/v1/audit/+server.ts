import type { RequestHandler } from './$types';
import { handleApi } from '$lib/server/http/handleApi';
import { getAudit } from '$lib/server/api/getAudit';
import { methodNotAllowed } from '$lib/server/api/methodNotAllowed';

export const prerender = false;

export const GET: RequestHandler = (event) => handleApi(event, getAudit);
export const fallback: RequestHandler = () => methodNotAllowed('GET');
