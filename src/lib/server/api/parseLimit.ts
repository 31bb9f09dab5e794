import { ApiError } from '../ApiError';

/** `?limit=` as an integer in 1..max, `fallback` when absent. @throws ApiError `BAD_REQUEST` */
export function parseLimit(url: URL, fallback: number, max: number): number {
	const raw = url.searchParams.get('limit');
	if (raw === null) return fallback;
	if (!/^[0-9]{1,4}$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
		throw ApiError.badRequest('limit', `limit must be an integer from 1 to ${max}`);
	}
	return Number(raw);
}
