import { createHmac, randomBytes } from 'node:crypto';

/** How long a signed result is valid: the LMS must receive it within this many seconds. */
export const RESULT_TTL_SECONDS = 300;

/** The claims of a signed result (a compact JWS, HS256, RFC 7515/7519 names). */
export interface ResultClaims {
	/** Our origin. */
	iss: string;
	/** The client id. */
	aud: string;
	/** The trainee id the LMS asked about. */
	sub: string;
	result: 'accepted' | 'locked' | 'rejected';
	/** Only with `rejected`: why (`not-enrolled`). */
	reason?: string;
	/** The LMS's `state`, unchanged. */
	state: string;
	/** 128 random bits; the LMS accepts each nonce once. */
	nonce: string;
	/** When the code was verified (Unix seconds). */
	iat: number;
	exp: number;
}

/** Signs claims as a compact JWS with HS256 over the client secret (its UTF-8 bytes). */
export function signResult(secret: string, claims: Omit<ResultClaims, 'nonce' | 'exp'>, kid: string): string {
	const header = { alg: 'HS256', typ: 'JWT', kid };
	const full: ResultClaims = { ...claims, nonce: randomBytes(16).toString('base64url'), exp: claims.iat + RESULT_TTL_SECONDS };
	const input = `${b64(JSON.stringify(header))}.${b64(JSON.stringify(full))}`;
	return `${input}.${createHmac('sha256', Buffer.from(secret, 'utf8')).update(input).digest('base64url')}`;
}

function b64(text: string): string {
	return Buffer.from(text, 'utf8').toString('base64url');
}

/** The URL the trainee is sent back to: `return_to` with `motp_result=<JWS>` added to its query. */
export function returnUrl(returnTo: URL, jws: string): string {
	const url = new URL(returnTo.href);
	url.searchParams.set('motp_result', jws);
	return url.href;
}
