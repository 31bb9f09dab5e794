import { ApiError } from '../ApiError';
import { phoneDigits } from './phone';

/**
 * The rules for each request field, shared by the API and the console so both refuse the same
 * inputs with the same codes.
 */

/** Institute-chosen trainee ids: short, URL-safe, no surprises in paths or logs. */
export const TRAINEE_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
/** Names are kept exactly as given (spaces too: the seeds say they must match exactly). */
export const NAME_MAX_CHARS = 50;

/** @throws ApiError `BAD_REQUEST` unless `value` matches {@link TRAINEE_ID_PATTERN} */
export function parseTraineeId(value: string, field = 'traineeId'): string {
	if (!TRAINEE_ID_PATTERN.test(value)) {
		throw ApiError.badRequest(field, 'traineeId must be 1–64 characters of A–Z a–z 0–9 . _ -');
	}
	return value;
}

/**
 * A trainee's name, 1–50 characters (code points), stored exactly as given: inner spaces are
 * kept (`홍 길동` stays `홍 길동`), because the institute compares it to its own record spaces
 * included, and nothing is normalised. Surrounding whitespace, control characters (\p{Cc}) and
 * lone surrogates are refused, the same rule the Key URI label follows (`src/lib/otp/keyUri.ts`),
 * so every accepted name can be put in the `otpauth://` URI the app receives.
 */
export function parseName(value: string, field = 'name'): string {
	const chars = [...value].length;
	if (chars < 1 || chars > NAME_MAX_CHARS) throw ApiError.badRequest(field, `name must be 1–${NAME_MAX_CHARS} characters`);
	if (value !== value.trim()) throw ApiError.badRequest(field, 'name must not start or end with whitespace');
	if (/\p{Cc}/u.test(value)) throw ApiError.badRequest(field, 'name must not contain control characters');
	if (/\p{Cs}/u.test(value)) throw ApiError.badRequest(field, 'name must be well-formed Unicode');
	return value;
}

/** @returns the phone's 10–11 digits. @throws ApiError `BAD_REQUEST` otherwise */
export function parsePhone(value: string, field = 'phone'): string {
	const digits = phoneDigits(value);
	if (digits === null) throw ApiError.badRequest(field, 'phone must have 10–11 digits (dashes and spaces allowed)');
	return digits;
}

/**
 * A 6-digit TOTP code. A malformed code is a 400, not a strike: it cannot be a correct guess,
 * and counting it would let a broken client lock a trainee out.
 */
export function parseOtpCode(value: string, field = 'code'): string {
	if (!/^[0-9]{6}$/.test(value)) throw ApiError.badRequest(field, 'code must be exactly 6 digits');
	return value;
}
