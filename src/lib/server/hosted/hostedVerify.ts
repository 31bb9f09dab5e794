import type { Services } from '../institute/Services';
import { verifyCode } from '../institute/verifyCode';
import { RateLimitError } from '../limits/RateLimitError';
import { checkHostedRequest, type HostedParams } from './hostedRequest';
import { returnUrl, signResult } from './resultToken';

/** What the page does after a code was typed. */
export type HostedAnswer =
	/** Send the trainee back to the LMS with the signed result (accepted, locked, or not enrolled). */
	| { kind: 'redirect'; location: string; result: 'accepted' | 'locked' | 'rejected' }
	/** Stay: the code was wrong (a strike) or already used (no strike); the trainee may type the next one. */
	| { kind: 'retry'; reason: 'invalid' | 'replayed'; attemptsLeft: number }
	/** Stay: not six digits (nothing was verified). */
	| { kind: 'code-format' }
	/** Stay: too many attempts from this address or for this trainee; wait. */
	| { kind: 'rate-limited'; retryAfter: number };

/**
 * The hosted page's verification (issue 16): the signed request is checked again (the page's form
 * carries it), then the very `verifyCode` of `POST /api/v1/verify` runs, with a per-address limit of its own
 * (`hostedVerifyByIp`: a trainee cannot drain the institute backend's `verifyByIp`), the same
 * per-trainee rate limit, the same single use and the same lockout; the audit rows name the
 * actor `hosted`. A wrong or replayed code keeps the trainee on the page (as the LMS's own form
 * would); a decision the LMS must act on — accepted, locked, not enrolled — goes back to it as a
 * compact JWS signed with the client secret.
 * @throws HostedError for a request that does not check out
 */
export async function hostedVerify(services: Services, params: HostedParams, typed: string, ip: string, requestOrigin: string): Promise<HostedAnswer> {
	const request = await checkHostedRequest(services, params);
	const code = typed.replace(/[\s-]/g, '');
	if (!/^[0-9]{6}$/.test(code)) return { kind: 'code-format' };
	let result;
	try {
		services.limits.check('hostedVerifyByIp', ip, services.now());
		result = await verifyCode(services, { traineeId: request.traineeId }, code, { kind: 'hosted', ip });
	} catch (error) {
		if (error instanceof RateLimitError) return { kind: 'rate-limited', retryAfter: error.retryAfterSeconds };
		throw error;
	}
	if (result.result === 'rejected' && result.reason !== 'not-enrolled') {
		return { kind: 'retry', reason: result.reason, attemptsLeft: result.attemptsLeft };
	}
	const iat = Math.floor(services.now() / 1000);
	const origin = services.config.origin ?? requestOrigin;
	const jws = signResult(
		request.clientSecret,
		{
			iss: origin,
			aud: request.clientId,
			sub: request.traineeId,
			result: result.result,
			...(result.result === 'rejected' ? { reason: result.reason } : {}),
			state: request.state,
			iat
		},
		request.clientId
	);
	return { kind: 'redirect', location: returnUrl(request.returnTo, jws), result: result.result };
}
