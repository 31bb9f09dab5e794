import type { RequestHandler } from './$types';
import { handleApi } from '$lib/server/http/handleApi';
import { getAuditCheck } from '$lib/server/api/getAuditCheck';
import { methodNotAllowed } from '$lib/server/api/methodNotAllowed';

export const prerender = false;

export const GET: RequestHandler = (event) => handleApi(event, getAuditCheck);
export const fallback: RequestHandler = () => methodNotAllowed('GET');
