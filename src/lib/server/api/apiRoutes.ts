import type { ApiHandler } from '../http/ApiContext';
import type { Services } from '../institute/Services';
import { deleteClient } from './deleteClient';
import { deleteTrainee } from './deleteTrainee';
import { getAudit } from './getAudit';
import { getAuditCheck } from './getAuditCheck';
import { getAuditExport } from './getAuditExport';
import { getClients } from './getClients';
import { getTime } from './getTime';
import { getTrainee } from './getTrainee';
import { getTraineeTimeline } from './getTraineeTimeline';
import { getTrainees } from './getTrainees';
import { postClassEnrollments } from './postClassEnrollments';
import { postClient } from './postClient';
import { postEnrollment } from './postEnrollment';
import { postEnrollPreview } from './postEnrollPreview';
import { postEnrollRedeem } from './postEnrollRedeem';
import { postUnlock } from './postUnlock';
import { postVerify } from './postVerify';

/** An HTTP method an endpoint may answer (HEAD is GET without the body, as SvelteKit does it). */
export type ApiMethod = 'GET' | 'POST' | 'DELETE';

/** One API path: its SvelteKit route id and the endpoint per method. */
export interface ApiRoute {
	/** The SvelteKit route id, e.g. `/api/v1/trainees/[traineeId]`. */
	id: string;
	methods: Partial<Record<ApiMethod, ApiHandler>>;
	/** False for endpoints that need no database (`/time` answers while PostgreSQL is down). */
	services: boolean;
}

/**
 * Every endpoint of the institute API, in one table: the SvelteKit routes are built from it
 * (`kitRoute`) and so is the fast path in front of SvelteKit (`serveApiFast`), so the two can
 * never answer different things. docs/api.md and docs/openapi.yaml describe the same list.
 */
export const API_ROUTES: readonly ApiRoute[] = [
	{ id: '/api/v1/time', services: false, methods: { GET: async () => getTime() } },
	{ id: '/api/v1/verify', services: true, methods: { POST: postVerify } },
	{ id: '/api/v1/enroll/preview', services: true, methods: { POST: postEnrollPreview } },
	{ id: '/api/v1/enroll/redeem', services: true, methods: { POST: postEnrollRedeem } },
	{ id: '/api/v1/trainees', services: true, methods: { GET: getTrainees } },
	{ id: '/api/v1/trainees/[traineeId]', services: true, methods: { GET: getTrainee, DELETE: deleteTrainee } },
	{ id: '/api/v1/trainees/[traineeId]/enrollment', services: true, methods: { POST: postEnrollment } },
	{ id: '/api/v1/trainees/[traineeId]/unlock', services: true, methods: { POST: postUnlock } },
	{ id: '/api/v1/classes/enrollments', services: true, methods: { POST: postClassEnrollments } },
	{ id: '/api/v1/audit', services: true, methods: { GET: getAudit } },
	{ id: '/api/v1/audit/check', services: true, methods: { GET: getAuditCheck } },
	{ id: '/api/v1/clients', services: true, methods: { GET: getClients, POST: postClient } },
	{ id: '/api/v1/clients/[clientId]', services: true, methods: { DELETE: deleteClient } },
	{ id: '/api/v1/audit/export', services: true, methods: { GET: getAuditExport } },
	{ id: '/api/v1/trainees/[traineeId]/timeline', services: true, methods: { GET: getTraineeTimeline } }
];

/** The `Allow` list of a route, in a fixed order. */
export function allowed(route: ApiRoute): string {
	return (['GET', 'POST', 'DELETE'] as const).filter((m) => route.methods[m]).join(', ');
}

/** The route with this id. @throws Error for an id not in the table (a wiring mistake) */
export function apiRoute(id: string): ApiRoute {
	const route = API_ROUTES.find((r) => r.id === id);
	if (!route) throw new Error(`no API route ${id}`);
	return route;
}

/** The services stand-in for endpoints that need none (`/time`): touching it is a bug, and `/time` never opens the database. */
export const NO_SERVICES: Services = new Proxy({} as Services, {
	get() {
		throw new Error('this endpoint needs no services');
	}
});
