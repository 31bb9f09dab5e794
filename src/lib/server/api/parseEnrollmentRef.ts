import { ApiError } from '../ApiError';
import { normalizeEnrollCode } from '../enroll/enrollCode';
import { isEnrollTokenShape } from '../enroll/enrollToken';
import type { EnrollmentRef } from '../institute/findEnrollment';
import { BodyReader } from '../validate/BodyReader';

/**
 * `{ "token": "<from the link fragment>" }` or `{ "code": "ABCD-EFGH" }` (case-insensitive,
 * dash and spaces optional): exactly one of them.
 * @throws ApiError `BAD_REQUEST`
 */
export function parseEnrollmentRef(body: unknown): EnrollmentRef {
	const reader = new BodyReader(body, ['token', 'code']);
	const token = reader.optionalString('token', 256);
	const code = reader.optionalString('code', 64);
	if ((token === undefined) === (code === undefined)) {
		throw ApiError.badRequest('token', 'send exactly one of "token" and "code"');
	}
	if (token !== undefined) {
		if (!isEnrollTokenShape(token)) throw ApiError.badRequest('token', 'token is not an enrollment token');
		return { token };
	}
	const normalized = normalizeEnrollCode(code!);
	if (normalized === null) throw ApiError.badRequest('code', 'code must be 8 letters and digits, like ABCD-EFGH');
	return { code: normalized };
}
