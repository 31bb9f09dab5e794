import { constantTimeEqual } from '../crypto/constantTimeEqual';
import type { Services } from '../institute/Services';
import type { Actor } from '../store/Store';

/**
 * Checks a key typed into the console's login form: rate-limited per address (the key is long
 * and random, but the form should not be a free oracle), compared in constant time, audited
 * either way (never with the typed text).
 * @throws ApiError `RATE_LIMITED`
 */
export async function checkConsoleKey(services: Services, typed: string, actor: Actor): Promise<boolean> {
	services.limits.check('loginByIp', actor.ip ?? 'unknown', services.now());
	const ok = constantTimeEqual(typed.trim(), services.config.apiKey);
	await services.store.appendAudit({ at: services.now(), actor, action: 'console.login', traineeId: null, result: ok ? 'ok' : 'wrong-key' });
	return ok;
}
