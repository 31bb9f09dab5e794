/** The refusals of the institute's operations (issue, redeem, verify, unlock, revoke). */
export type InstituteErrorCode =
	| 'TRAINEE_NOT_FOUND'
	| 'PHONE_AMBIGUOUS'
	| 'ENROLLMENT_NOT_FOUND'
	| 'ENROLLMENT_USED'
	| 'ENROLLMENT_EXPIRED'
	| 'ENROLLMENT_SUPERSEDED'
	| 'CONFLICT'
	| 'REISSUE_UNCONFIRMED';

/**
 * A refusal by the institute layer, with a stable code. It knows nothing of HTTP: the API and the
 * console turn it into their answers through the one table (`toApiError`, `API_ERROR_STATUS`).
 */
export class InstituteError extends Error {
	readonly code: InstituteErrorCode;

	constructor(code: InstituteErrorCode, message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'InstituteError';
		this.code = code;
	}
}
