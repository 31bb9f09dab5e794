import { ApiError } from '../ApiError';
import { normalizeEnrollCode } from '../enroll/enrollCode';
import { isEnrollTokenShape } from '../enroll/enrollToken';
import type { EnrollmentRef } from '../institute/findEnrollment';
import { BodyReader } from '../validate/BodyReader';

/** A retry key: 16 to 64 random bytes in base64url, made by the app for one enrollment. */
const RETRY_KEY = /^[A-Za-z0-9_-]{22,86}$/;

/**
 * `{ "token": "<from the link fragment>" }` or `{ "code": "ABCD-EFGH" }` (case-insensitive,
 * dash and spaces optional): exactly one of them. With `retryKey` allowed (redeem only), also an
 * optional `"retryKey"` (decisions-server.md, "A redeem survives a lost answer").
 * @throws ApiError `BAD_REQUEST`
 */
export function parseEnrollmentRef(body: unknown): EnrollmentRef;
export function parseEnrollmentRef(body: unknown, opts: { retryKey: true }): EnrollmentRef & { retryKey?: string };
export function parseEnrollmentRef(body: unknown, opts: { retryKey?: boolean } = {}): EnrollmentRef & { retryKey?: string } {
	const reader = new BodyReader(body, opts.retryKey ? ['token', 'code', 'retryKey'] : ['token', 'code']);
	const retryKey = opts.retryKey ? reader.optionalString('retryKey', 128) : undefined;
	if (retryKey !== undefined && !RETRY_KEY.test(retryKey)) throw ApiError.badRequest('retryKey', 'retryKey must be 22 to 86 base64url characters');
	const extra = retryKey === undefined ? {} : { retryKey };
	const token = reader.optionalString('token', 256);
	const code = reader.optionalString('code', 64);
	if ((token === undefined) === (code === undefined)) {
		throw ApiError.badRequest('token', 'send exactly one of "token" and "code"');
	}
	if (token !== undefined) {
		if (!isEnrollTokenShape(token)) throw ApiError.badRequest('token', 'token is not an enrollment token');
		return { token, ...extra };
	}
	const normalized = normalizeEnrollCode(code!);
	if (normalized === null) throw ApiError.badRequest('code', 'code must be 8 letters and digits, like ABCD-EFGH');
	return { code: normalized, ...extra };
}
