import { randomBytes } from 'node:crypto';
import { ApiError } from '../ApiError';
import type { Services } from '../institute/Services';
import type { Actor } from '../store/Store';
import { StoreError } from '../store/StoreError';
import { parseReturnPrefix, prefixText } from './returnTo';

/** The SecretBox associated data of a client's secret: a box copied to another client's row does not open. */
export function clientAad(clientId: string): string {
	return `lms-client:${clientId}`;
}

/** Client ids: `c_` and 20 lower-case base-32 characters (100 bits); never secret, but not guessable either. */
export const CLIENT_ID_PATTERN = /^c_[a-z2-7]{20}$/;

/** A newly registered client, with its secret: shown once, never again. */
export interface RegisteredClient {
	clientId: string;
	clientSecret: string;
	name: string;
	returnTo: string[];
	createdAt: number;
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * Registers an LMS client of the hosted page: a random id, a 256-bit secret (base64url, shown once,
 * stored sealed with the SecretBox), a name for the page and the audit log, and the `return_to`
 * prefixes (1–10, each an absolute https URL; http only for loopback).
 * @throws ApiError `BAD_REQUEST` (field `name` or `returnTo`)
 */
export async function registerClient(services: Services, input: { name: string; returnTo: unknown }, actor: Actor): Promise<RegisteredClient> {
	const name = input.name.trim();
	if (name.length === 0 || name.length > 100 || /[\p{Cc}\p{Cf}]/u.test(name)) {
		throw ApiError.badRequest('name', '"name" must be 1–100 characters without control characters');
	}
	if (!Array.isArray(input.returnTo) || input.returnTo.length === 0 || input.returnTo.length > 10) {
		throw ApiError.badRequest('returnTo', '"returnTo" must be a list of 1–10 URL prefixes');
	}
	const prefixes = input.returnTo.map((raw) => {
		const prefix = typeof raw === 'string' ? parseReturnPrefix(raw) : null;
		if (!prefix) {
			throw ApiError.badRequest('returnTo', 'each "returnTo" prefix must be an absolute https:// URL without userinfo, query or fragment (http:// only for localhost)');
		}
		return prefixText(prefix);
	});
	const clientSecret = randomBytes(32).toString('base64url');
	for (let attempt = 0; ; attempt++) {
		const clientId = `c_${Array.from(randomBytes(20), (b) => BASE32[b & 31]).join('')}`;
		const now = services.now();
		try {
			await services.store.createClient(
				{ id: clientId, name, returnPrefixes: prefixes, sealedSecret: services.box.seal(Buffer.from(clientSecret, 'utf8'), clientAad(clientId)), now },
				actor
			);
			return { clientId, clientSecret, name, returnTo: prefixes, createdAt: now };
		} catch (error) {
			if (!(error instanceof StoreError) || attempt >= 3) throw error;
		}
	}
}
