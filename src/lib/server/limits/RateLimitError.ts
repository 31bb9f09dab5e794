/** A rate limit refused a request; `retryAfterSeconds` says when one may succeed again. */
export class RateLimitError extends Error {
	readonly code = 'RATE_LIMITED';
	readonly retryAfterSeconds: number;

	constructor(retryAfterSeconds: number) {
		super('too many requests; try again later');
		this.name = 'RateLimitError';
		this.retryAfterSeconds = retryAfterSeconds;
	}
}
