import type { RequestHandler } from './$types';
import { handleApi } from '$lib/server/http/handleApi';
import { getTrainees } from '$lib/server/api/getTrainees';
import { methodNotAllowed } from '$lib/server/api/methodNotAllowed';

export const prerender = false;

export const GET: RequestHandler = (event) => handleApi(event, getTrainees);
export const fallback: RequestHandler = () => methodNotAllowed('GET');
