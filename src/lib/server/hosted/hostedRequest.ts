import { createHmac } from 'node:crypto';
import { constantTimeEqual } from '../crypto/constantTimeEqual';
import type { Services } from '../institute/Services';
import { TRAINEE_ID_PATTERN } from '../validate/fields';
import { HostedError } from './HostedError';
import { CLIENT_ID_PATTERN, clientAad } from './registerClient';
import { matchReturnTo, parseReturnPrefix, type ReturnPrefix } from './returnTo';

/** How long a signed `/v` link stays usable after the LMS made it (and how far its clock may run ahead: 60 s). */
export const REQUEST_TTL_SECONDS = 15 * 60;
const CLOCK_AHEAD_SECONDS = 60;

/** The parameters an LMS signs, in signing order. */
export const SIGNED_PARAMS = ['client', 'trainee', 'state', 'return_to', 'ts'] as const;
export type HostedParams = Record<(typeof SIGNED_PARAMS)[number] | 'sig', string>;

/**
 * The text an LMS signs: `motp-v1`, then the five parameters, joined by `\n` (none may contain one).
 * The signature is HMAC-SHA-256 over it with the client secret (its UTF-8 bytes) as the key, base64url without padding.
 */
export function signingInput(p: Omit<HostedParams, 'sig'>): string {
	return ['motp-v1', p.client, p.trainee, p.state, p.return_to, p.ts].join('\n');
}

/** The request signature (what the LMS computes; the docs' examples do the same in five languages). */
export function requestSignature(secret: string, p: Omit<HostedParams, 'sig'>): string {
	return createHmac('sha256', Buffer.from(secret, 'utf8')).update(signingInput(p), 'utf8').digest('base64url');
}

/** A checked request: whom to verify for which client, and where to send the result. */
export interface HostedRequest {
	clientId: string;
	clientName: string;
	clientSecret: string;
	traineeId: string;
	state: string;
	returnTo: URL;
	params: HostedParams;
}

/** Reads the six parameters from a query string or a posted object; missing ones are `''`. */
export function hostedParams(get: (name: string) => string | null | undefined): HostedParams {
	const read = (n: string) => {
		const v = get(n);
		return typeof v === 'string' ? v : '';
	};
	return { client: read('client'), trainee: read('trainee'), state: read('state'), return_to: read('return_to'), ts: read('ts'), sig: read('sig') };
}

/**
 * Checks a `/v` request: every parameter well-formed, the client known, the signature right (in
 * constant time), `ts` fresh, `return_to` under one of the client's prefixes. The order matters:
 * `return_to` is only looked at once the signature proves the client sent it, so a forged link
 * learns nothing about the prefixes.
 * @throws HostedError
 */
export async function checkHostedRequest(services: Services, p: HostedParams): Promise<HostedRequest> {
	if (!CLIENT_ID_PATTERN.test(p.client)) throw new HostedError('BAD_REQUEST', 'client is malformed');
	if (!TRAINEE_ID_PATTERN.test(p.trainee)) throw new HostedError('BAD_REQUEST', 'trainee is malformed');
	if (!/^[\x20-\x7e]{1,256}$/.test(p.state)) throw new HostedError('BAD_REQUEST', 'state must be 1–256 printable ASCII characters');
	if (!/^[\x21-\x7e]{1,2048}$/.test(p.return_to)) throw new HostedError('BAD_REQUEST', 'return_to is malformed');
	if (!/^[0-9]{1,12}$/.test(p.ts)) throw new HostedError('BAD_REQUEST', 'ts must be Unix seconds');
	if (!/^[A-Za-z0-9_-]{43}$/.test(p.sig)) throw new HostedError('BAD_REQUEST', 'sig is malformed');
	const client = await services.store.getClient(p.client);
	if (!client) throw new HostedError('UNKNOWN_CLIENT', 'no such client');
	const secretBytes = services.box.open(client.sealedSecret, clientAad(client.id));
	const clientSecret = Buffer.from(secretBytes).toString('utf8');
	secretBytes.fill(0);
	if (!constantTimeEqual(requestSignature(clientSecret, p), p.sig)) throw new HostedError('BAD_SIGNATURE', 'the signature does not verify');
	const age = Math.floor(services.now() / 1000) - Number(p.ts);
	if (age > REQUEST_TTL_SECONDS || age < -CLOCK_AHEAD_SECONDS) throw new HostedError('EXPIRED', 'the link has expired');
	const prefixes = client.returnPrefixes.map(parseReturnPrefix).filter((x): x is ReturnPrefix => x !== null);
	const returnTo = matchReturnTo(p.return_to, prefixes);
	if (!returnTo) throw new HostedError('RETURN_TO_REFUSED', 'return_to is not under a registered prefix');
	return { clientId: client.id, clientName: client.name, clientSecret, traineeId: p.trainee, state: p.state, returnTo, params: p };
}
