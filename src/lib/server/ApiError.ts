import type { TraineeApiErrorCode } from '$lib/api/traineeErrors';

/**
 * Every refusal the institute service makes, with a stable machine-readable `code`.
 * Clients (the app, the console, an institute's own site) switch on `code`, never on `message`.
 * The codes a trainee's app can meet come from the list shared with the app
 * (`src/lib/api/traineeErrors.ts`); the others only reach institutes.
 */
export type ApiErrorCode =
	| TraineeApiErrorCode
	| 'UNAUTHORIZED'
	| 'TRAINEE_NOT_FOUND'
	| 'PHONE_AMBIGUOUS'
	| 'CONFLICT'
	| 'CSV_INVALID'
	| 'REISSUE_UNCONFIRMED'
	| 'IDEMPOTENCY_KEY_REUSED'
	| 'CLIENT_NOT_FOUND';

/** HTTP status for each code; one place so docs/api.md and the code cannot drift. */
export const API_ERROR_STATUS: Readonly<Record<ApiErrorCode, number>> = {
	BAD_REQUEST: 400,
	PAYLOAD_TOO_LARGE: 413,
	UNSUPPORTED_MEDIA_TYPE: 415,
	UNAUTHORIZED: 401,
	NOT_FOUND: 404,
	METHOD_NOT_ALLOWED: 405,
	TRAINEE_NOT_FOUND: 404,
	ENROLLMENT_NOT_FOUND: 404,
	ENROLLMENT_EXPIRED: 410,
	ENROLLMENT_USED: 410,
	ENROLLMENT_SUPERSEDED: 410,
	PHONE_AMBIGUOUS: 409,
	RATE_LIMITED: 429,
	CONFLICT: 409,
	CSV_INVALID: 422,
	REISSUE_UNCONFIRMED: 409,
	IDEMPOTENCY_KEY_REUSED: 422,
	CLIENT_NOT_FOUND: 404,
	INTERNAL: 500,
	STORED_SECRET_INVALID: 500
};

/** Options for {@link ApiError}. */
export interface ApiErrorOptions {
	/** The request field at fault (for `BAD_REQUEST`). */
	field?: string;
	/** Seconds until a retry may succeed (for `RATE_LIMITED`; becomes `Retry-After`). */
	retryAfter?: number;
	cause?: unknown;
}

/**
 * The API's error: a code, its HTTP status, and the field at fault. The layers below have their own
 * (`InstituteError`, `RateLimitError`, `SecretBoxError`, `StoreError`); `toApiError` turns them
 * into this one (docs/architecture.md, "Errors").
 */
export class ApiError extends Error {
	readonly code: ApiErrorCode;
	readonly status: number;
	readonly field: string | undefined;
	readonly retryAfter: number | undefined;

	constructor(code: ApiErrorCode, message: string, options: ApiErrorOptions = {}) {
		super(message, options.cause === undefined ? undefined : { cause: options.cause });
		this.name = 'ApiError';
		this.code = code;
		this.status = API_ERROR_STATUS[code];
		this.field = options.field;
		this.retryAfter = options.retryAfter;
	}

	/** Shorthand for a 400 that names the bad field. */
	static badRequest(field: string, message: string): ApiError {
		return new ApiError('BAD_REQUEST', message, { field });
	}
}
