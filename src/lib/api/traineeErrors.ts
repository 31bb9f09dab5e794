/**
 * The error codes a trainee's app can meet, shared by the server (`ApiError`, which builds its
 * code type from this list) and the app (`enrollmentApi.ts`, and the messages in
 * `src/lib/i18n/enrollErrors.*.ts`, which must name every code here). One list, so a code the
 * server starts answering cannot reach a trainee as "the server's answer is invalid".
 *
 * `traineeErrors.test.ts` drives the trainee's endpoints (preview, redeem) through every refusal
 * they have and fails if one answers a code that is not on this list.
 */

/** Codes the enrollment endpoints (`/api/v1/enroll/preview`, `/redeem`) answer with. */
export const TRAINEE_API_ERROR_CODES = [
	'BAD_REQUEST',
	'PAYLOAD_TOO_LARGE',
	'UNSUPPORTED_MEDIA_TYPE',
	'NOT_FOUND',
	'METHOD_NOT_ALLOWED',
	'ENROLLMENT_NOT_FOUND',
	'ENROLLMENT_EXPIRED',
	'ENROLLMENT_USED',
	'ENROLLMENT_SUPERSEDED',
	'RATE_LIMITED',
	'INTERNAL',
	// A stored secret that does not open (tampered with, or another master key): a redeem's repeat can meet it.
	'STORED_SECRET_INVALID'
] as const;

/** What the app concludes when no server code arrives. */
export const TRAINEE_CLIENT_ERROR_CODES = ['OFFLINE', 'BAD_RESPONSE'] as const;

export type TraineeApiErrorCode = (typeof TRAINEE_API_ERROR_CODES)[number];
export type TraineeErrorCode = TraineeApiErrorCode | (typeof TRAINEE_CLIENT_ERROR_CODES)[number];

/** Every code a trainee can be shown a message for. */
export const TRAINEE_ERROR_CODES: readonly TraineeErrorCode[] = [...TRAINEE_API_ERROR_CODES, ...TRAINEE_CLIENT_ERROR_CODES];

/**
 * Codes after which the same request may succeed later, so the app offers "try again" and keeps
 * what it has (the PIN just chosen, the retry key). Every other code is final for this link.
 */
export const RETRYABLE_CODES: ReadonlySet<TraineeErrorCode> = new Set<TraineeErrorCode>(['RATE_LIMITED', 'INTERNAL', 'OFFLINE', 'BAD_RESPONSE']);

/** Whether `code` is one of the trainee-facing codes the server answers with. */
export function isTraineeApiErrorCode(code: unknown): code is TraineeApiErrorCode {
	return typeof code === 'string' && (TRAINEE_API_ERROR_CODES as readonly string[]).includes(code);
}
