/** What a store refused. */
export type StoreErrorCode = 'UNIQUE_VIOLATION';

/** A refusal by the database that the caller can act on (e.g. draw a new code after a collision). */
export class StoreError extends Error {
	readonly code: StoreErrorCode;

	constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'StoreError';
		this.code = code;
	}
}
