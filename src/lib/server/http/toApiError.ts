import { ApiError } from '../ApiError';
import { SecretBoxError } from '../crypto/SecretBoxError';
import { InstituteError } from '../institute/InstituteError';
import { RateLimitError } from '../limits/RateLimitError';
import { StoreError } from '../store/StoreError';

/**
 * The one translation from each layer's error to the API's (`ApiError`, whose code fixes the
 * HTTP status in `API_ERROR_STATUS`), for the JSON API (`runApi`) and the console (`consoleTry`).
 * Anything else is not a refusal but a bug or an outage: `null`, and the caller answers a generic
 * `INTERNAL` without details.
 */
export function toApiError(error: unknown): ApiError | null {
	if (error instanceof ApiError) return error;
	if (error instanceof InstituteError) return new ApiError(error.code, error.message, { cause: error });
	if (error instanceof RateLimitError) return new ApiError('RATE_LIMITED', error.message, { retryAfter: error.retryAfterSeconds, cause: error });
	// Stored data that was edited, or a master key that changed: not the client's fault, and not a
	// bug either. A code of its own, so an operator can tell it from an outage (and alert on it).
	if (error instanceof SecretBoxError) return new ApiError('STORED_SECRET_INVALID', 'a stored secret failed to open (tampered with, or another master key)', { cause: error });
	if (error instanceof StoreError) return new ApiError('CONFLICT', 'the database refused a duplicate; try again', { cause: error });
	return null;
}
