import { randomBytes } from 'node:crypto';
import { formatKeyUri } from '$lib/otp/keyUri';
import { InstituteError } from './InstituteError';
import { secretAad } from '../crypto/SecretBox';
import type { Actor } from '../store/Store';
import { findEnrollment, lookupEnrollment, refusalWord, throwIfRefused, type EnrollmentRef } from './findEnrollment';
import { OTP_PARAMETERS } from './otpParameters';
import type { Services } from './Services';

/** What the app receives, exactly once. */
export interface RedeemedEnrollment {
	/** `otpauth://totp/<institute>:<name>?secret=…&issuer=<institute>&algorithm=SHA1&digits=6&period=60` */
	otpauth: string;
	institute: string;
	name: string;
}

/** How long the app may repeat a redeem whose answer it never received (decisions-server.md). */
export const REDEEM_REPEAT_MS = 10 * 60_000;

/**
 * Spends an enrollment: draws a fresh 160-bit secret, seals it for the trainee and installs it
 * in the same transaction that marks the enrollment used, so of two racing redeems exactly one
 * gets a secret that works. The previous secret, failures and lock are gone (one person, one device).
 *
 * With a `retryKey` (random, made by the app for this enrollment), the same app may repeat the
 * redeem for 10 minutes and receive the same secret again, in case the first answer was lost on
 * the way. Without the key that the first redeem carried, a spent link stays spent.
 */
export async function redeemEnrollment(
	services: Services,
	ref: EnrollmentRef & { retryKey?: string },
	actor: Actor
): Promise<RedeemedEnrollment> {
	let traineeId: string | null = null;
	const retryKeyHash = ref.retryKey === undefined ? undefined : services.lookup.hash('redeem-retry-key', ref.retryKey);
	try {
		if (retryKeyHash !== undefined) {
			const repeated = await repeatRedeem(services, ref, retryKeyHash, actor);
			if (repeated) return repeated;
		}
		const e = await findEnrollment(services, ref, 'enroll.redeem');
		traineeId = e.traineeId;
		services.limits.check('enrollByTrainee', e.traineeId, services.now());
		const secret = new Uint8Array(randomBytes(OTP_PARAMETERS.secretBytes));
		try {
			// Built before the secret is installed: a name the URI cannot carry must fail while nothing changed.
			const otpauth = keyUriFor(services, e.name, secret);
			const outcome = await services.store.redeemEnrollment(
				{
					enrollmentId: e.id,
					sealedSecret: services.box.seal(secret, secretAad(e.traineeId)),
					now: services.now(),
					...(retryKeyHash === undefined ? {} : { retryKeyHash })
				},
				actor
			);
			throwIfRefused(outcome === 'redeemed' ? null : outcome);
			return { otpauth, institute: services.config.instituteName, name: e.name };
		} finally {
			secret.fill(0);
		}
	} catch (error) {
		if (error instanceof InstituteError) {
			// A miss is counted by findEnrollment; a refusal found by the store was audited inside its transaction.
			const miss = traineeId === null && error.code === 'ENROLLMENT_NOT_FOUND';
			const auditedByStore = traineeId !== null && error.code !== 'ENROLLMENT_NOT_FOUND';
			if (!miss && !auditedByStore) {
				await services.store.appendAudit({ at: services.now(), actor, action: 'enroll.redeem', traineeId, result: refusalWord(error.code) });
			}
		}
		throw error;
	}
}

/** The same answer again, when the store confirms that this app's redeem installed the current secret. */
async function repeatRedeem(services: Services, ref: EnrollmentRef, retryKeyHash: string, actor: Actor): Promise<RedeemedEnrollment | null> {
	const e = await lookupEnrollment(services, ref);
	if (!e || e.redeemedAt === null) return null;
	services.limits.check('enrollByTrainee', e.traineeId, services.now());
	const sealed = await services.store.repeatRedeem({ enrollmentId: e.id, retryKeyHash, now: services.now(), windowMs: REDEEM_REPEAT_MS }, actor);
	if (!sealed) return null;
	const secret = services.box.open(sealed, secretAad(e.traineeId));
	try {
		return { otpauth: keyUriFor(services, e.name, secret), institute: services.config.instituteName, name: e.name };
	} finally {
		secret.fill(0);
	}
}

/** The key URI the app receives: the institute as issuer, the trainee's name as account. */
function keyUriFor(services: Services, name: string, secret: Uint8Array): string {
	return formatKeyUri({
		type: 'totp',
		issuer: services.config.instituteName,
		account: name,
		secret,
		algorithm: OTP_PARAMETERS.algorithm,
		digits: OTP_PARAMETERS.digits,
		period: OTP_PARAMETERS.period
	});
}
