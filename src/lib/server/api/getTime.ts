import { jsonReply, type ApiReply } from '../http/ApiReply';

/**
 * `GET /api/v1/time` → `{ "now": <ms since the epoch> }`, public and never cached: the app
 * measures its clock offset against it (src/lib/browser/timeSync.ts). The `Date` header is set
 * from the same instant (RFC 9110 §6.6.1), for clients that can only read headers. Needs no
 * services: it answers even while the database is unreachable.
 */
export function getTime(now: number = Date.now()): ApiReply {
	return jsonReply({ now }, 200, { date: new Date(now).toUTCString() });
}
