import { kitRoute } from '$lib/server/api/kitRoute';

// The endpoint and its methods are in src/lib/server/api/apiRoutes.ts (also served by server.js's fast path).
export const prerender = false;

export const { POST, fallback } = kitRoute('/api/v1/classes/enrollments');
