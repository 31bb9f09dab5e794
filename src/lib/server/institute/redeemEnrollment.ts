import { randomBytes } from 'node:crypto';
import { formatKeyUri } from '$lib/otp/keyUri';
import { ApiError } from '../ApiError';
import { secretAad } from '../crypto/SecretBox';
import type { Actor } from '../store/Store';
import { findEnrollment, refusalWord, throwIfRefused, type EnrollmentRef } from './findEnrollment';
import { OTP_PARAMETERS } from './otpParameters';
import type { Services } from './Services';

/** What the app receives, exactly once. */
export interface RedeemedEnrollment {
	/** `otpauth://totp/<institute>:<name>?secret=…&issuer=<institute>&algorithm=SHA1&digits=6&period=60` */
	otpauth: string;
	institute: string;
	name: string;
}

/**
 * Spends an enrollment: draws a fresh 160-bit secret, seals it for the trainee and installs it
 * in the same transaction that marks the enrollment used, so of two racing redeems exactly one
 * gets a secret that works. The previous secret, failures and lock are gone (one person, one device).
 */
export async function redeemEnrollment(services: Services, ref: EnrollmentRef, actor: Actor): Promise<RedeemedEnrollment> {
	let traineeId: string | null = null;
	try {
		const e = await findEnrollment(services, ref, 'enroll.redeem');
		traineeId = e.traineeId;
		services.limits.check('enrollByTrainee', e.traineeId, services.now());
		const secret = new Uint8Array(randomBytes(OTP_PARAMETERS.secretBytes));
		try {
			// Built before the secret is installed: a name the URI cannot carry must fail while nothing changed.
			const otpauth = formatKeyUri({
				type: 'totp',
				issuer: services.config.instituteName,
				account: e.name,
				secret,
				algorithm: OTP_PARAMETERS.algorithm,
				digits: OTP_PARAMETERS.digits,
				period: OTP_PARAMETERS.period
			});
			const outcome = await services.store.redeemEnrollment(
				{ enrollmentId: e.id, sealedSecret: services.box.seal(secret, secretAad(e.traineeId)), now: services.now() },
				actor
			);
			throwIfRefused(outcome === 'redeemed' ? null : outcome);
			return { otpauth, institute: services.config.instituteName, name: e.name };
		} finally {
			secret.fill(0);
		}
	} catch (error) {
		if (error instanceof ApiError && error.code !== 'RATE_LIMITED') {
			// A miss is counted by findEnrollment; a refusal found by the store was audited inside its transaction.
			const miss = traineeId === null && error.code === 'ENROLLMENT_NOT_FOUND';
			const auditedByStore = traineeId !== null && error.status === 410;
			if (!miss && !auditedByStore) {
				await services.store.appendAudit({ at: services.now(), actor, action: 'enroll.redeem', traineeId, result: refusalWord(error.code) });
			}
		}
		throw error;
	}
}
