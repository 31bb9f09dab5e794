import type { RequestHandler } from './$types';
import { ApiError } from '$lib/server/ApiError';
import { errorResponse } from '$lib/server/http/errorResponse';

// Unknown API paths answer JSON, not the app's HTML error page.
export const prerender = false;

export const fallback: RequestHandler = () => errorResponse(new ApiError('NOT_FOUND', 'no such API endpoint'));
