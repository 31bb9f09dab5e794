import { ApiError } from '../ApiError';
import { constantTimeEqual } from '../crypto/constantTimeEqual';

/**
 * Checks `Authorization: Bearer <key>` (RFC 6750 §2.1) against the institute key in constant
 * time. The presented key is never logged or echoed.
 * @throws ApiError `UNAUTHORIZED` (401) when the header is missing, malformed or wrong
 */
export function requireApiKey(request: Request, apiKey: string): void {
	const header = request.headers.get('authorization') ?? '';
	const match = /^Bearer[ ]+([\x21-\x7e]{1,512})\s*$/i.exec(header);
	// Compare even when the header is malformed, so timing does not tell the two cases apart.
	const ok = constantTimeEqual(match?.[1] ?? '', apiKey) && match !== null;
	if (!ok) throw new ApiError('UNAUTHORIZED', 'a valid "Authorization: Bearer <key>" header is required');
}
