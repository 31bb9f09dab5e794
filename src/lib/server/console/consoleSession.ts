import { randomBytes } from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';
import type { Services } from '../institute/Services';

/** The console's session cookie. */
export const SESSION_COOKIE = 'motp_session';
/** A console session lasts one working day, then the key is asked for again. */
export const SESSION_TTL_MS = 8 * 3_600_000;
/** The cookie is sent only to the console. */
const COOKIE_PATH = '/institute';

/**
 * Starts a console session after a correct key: a 256-bit random id in an HttpOnly,
 * SameSite=Strict cookie (Secure whenever the request came over HTTPS); only its keyed hash is
 * stored, in the database, so sessions survive restarts and work across processes. The session is
 * bound to the API key it was opened with ({@link sessionKeyHash}): rotating the key ends every
 * console session at once (issue 12).
 */
export async function startConsoleSession(services: Services, cookies: Cookies, url: URL): Promise<void> {
	const id = randomBytes(32).toString('base64url');
	const now = services.now();
	await services.store.createSession(services.lookup.hash('session', id), now, now + SESSION_TTL_MS, sessionKeyHash(services));
	cookies.set(SESSION_COOKIE, id, {
		path: COOKIE_PATH,
		httpOnly: true,
		sameSite: 'strict',
		secure: url.protocol === 'https:',
		maxAge: SESSION_TTL_MS / 1000
	});
}

/** Whether the request carries a live console session. */
export async function hasConsoleSession(services: Services, cookies: Cookies): Promise<boolean> {
	const id = cookies.get(SESSION_COOKIE);
	if (!id || !/^[A-Za-z0-9_-]{43}$/.test(id)) return false;
	return services.store.hasSession(services.lookup.hash('session', id), services.now(), sessionKeyHash(services));
}

/** The keyed hash of the current API key that sessions are bound to (never the key itself). */
function sessionKeyHash(services: Services): string {
	return services.lookup.hash('session-api-key', services.config.apiKey);
}

/** Ends the session server-side (a stolen cookie dies with it) and clears the cookie. */
export async function endConsoleSession(services: Services, cookies: Cookies, url: URL): Promise<void> {
	const id = cookies.get(SESSION_COOKIE);
	if (id) await services.store.deleteSession(services.lookup.hash('session', id), services.now());
	cookies.delete(SESSION_COOKIE, { path: COOKIE_PATH, httpOnly: true, sameSite: 'strict', secure: url.protocol === 'https:' });
}
