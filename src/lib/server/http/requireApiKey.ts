import { ApiError } from '../ApiError';
import { constantTimeEqual } from '../crypto/constantTimeEqual';
import type { ApiContext } from './ApiContext';

/**
 * Whether `Authorization: Bearer <key>` (RFC 6750 §2.1) carries the institute key, compared in
 * constant time. Compares even when the header is malformed, so timing does not tell the two apart.
 */
export function bearerKeyMatches(request: { headers: { get(name: string): string | null } }, apiKey: string): boolean {
	const header = request.headers.get('authorization') ?? '';
	const match = /^Bearer[ ]+([\x21-\x7e]{1,512})\s*$/i.exec(header);
	return constantTimeEqual(match?.[1] ?? '', apiKey) && match !== null;
}

/**
 * The API's key check. A wrong key spends one request of the caller's address's `apiKeyByIp`
 * budget; an address whose budget is spent is refused before its key is even compared, as the
 * console's login form is (issue 12). A right key spends nothing: an LMS verifies all day.
 * The presented key is never logged or echoed.
 * @throws ApiError `RATE_LIMITED` (429) for an address that has failed too often,
 *   `UNAUTHORIZED` (401) when the header is missing, malformed or wrong
 */
export function requireApiKey(ctx: Pick<ApiContext, 'request' | 'services' | 'clientAddress'>): void {
	const { limits, now } = ctx.services;
	limits.checkAvailable('apiKeyByIp', ctx.clientAddress, now());
	if (bearerKeyMatches(ctx.request, ctx.services.config.apiKey)) return;
	limits.spend('apiKeyByIp', ctx.clientAddress, now());
	throw new ApiError('UNAUTHORIZED', 'a valid "Authorization: Bearer <key>" header is required');
}
