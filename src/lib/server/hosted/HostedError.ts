/** Why the hosted page (`/v`) refuses a request; the page shows a message for each, and never redirects on one. */
export type HostedErrorCode =
	/** A parameter is missing or malformed. */
	| 'BAD_REQUEST'
	/** No such client. */
	| 'UNKNOWN_CLIENT'
	/** The request's signature does not verify with the client's secret. */
	| 'BAD_SIGNATURE'
	/** `ts` is too old or in the future. */
	| 'EXPIRED'
	/** `return_to` is not under one of the client's registered prefixes. */
	| 'RETURN_TO_REFUSED'
	/** A form post that did not come from our own page. */
	| 'CROSS_SITE';

export class HostedError extends Error {
	readonly code: HostedErrorCode;
	constructor(code: HostedErrorCode, message: string) {
		super(message);
		this.name = 'HostedError';
		this.code = code;
	}
}
