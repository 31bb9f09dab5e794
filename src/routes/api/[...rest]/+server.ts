import type { RequestHandler } from './$types';
import { ApiError } from '$lib/server/ApiError';
import { toResponse } from '$lib/server/http/ApiReply';
import { errorReply } from '$lib/server/http/errorReply';

// Unknown API paths answer JSON, not the app's HTML error page.
export const prerender = false;

export const fallback: RequestHandler = () => toResponse(errorReply(new ApiError('NOT_FOUND', 'no such API endpoint')));
