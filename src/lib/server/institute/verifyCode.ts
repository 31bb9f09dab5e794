import { importHmacKey } from '$lib/otp/importHmacKey';
import { hotp } from '$lib/otp/hotp';
import { timeStep } from '$lib/otp/totp';
import { ApiError } from '../ApiError';
import { secretAad } from '../crypto/SecretBox';
import type { Actor } from '../store/Store';
import { applyVerification, outcomeWord, type Candidate, type VerifyOutcome } from './applyVerification';
import { OTP_PARAMETERS, VERIFY_WINDOW } from './otpParameters';
import type { Services } from './Services';

/** Whom to verify: the institute's trainee id, or the member's phone digits (seed 003 §4's form). */
export type VerifySubject = { traineeId: string } | { phoneDigits: string };

/** The answer of `POST /api/v1/verify`. */
export type VerifyResult =
	| { result: 'accepted'; traineeId: string; failuresSinceLastSuccess: number; lastFailureAt: number | null }
	| { result: 'rejected'; reason: 'invalid' | 'replayed'; attemptsLeft: number; traineeId: string }
	| { result: 'rejected'; reason: 'not-enrolled'; attemptsLeft: 0; traineeId?: string }
	| { result: 'locked'; traineeId: string };

/** Retries when a redeem swapped the secret between reading it and locking the row. */
const STALE_RETRIES = 3;

/**
 * Verifies a 6-digit code (RFC 6238, current 60-s step ± 1) for one trainee.
 *
 * The three candidate codes are computed first, always all three, from the sealed secret; then
 * `Store.transitionVerifyState` hands the trainee's state to the one rule (`applyVerification`) and
 * writes what it decides in the same transaction, so a step is accepted at most once and the
 * lockout counts exactly even when many requests (or processes) race. Not being enrolled (unknown,
 * only a pending enrollment, revoked) is `rejected/not-enrolled` and counts nothing.
 *
 * @throws ApiError `PHONE_AMBIGUOUS` (409) when a phone number belongs to several enrolled trainees
 */
export async function verifyCode(services: Services, subject: VerifySubject, code: string, actor: Actor): Promise<VerifyResult> {
	const traineeId = 'traineeId' in subject ? subject.traineeId : await traineeByPhone(services, subject.phoneDigits, actor);
	if (traineeId === null) return { result: 'rejected', reason: 'not-enrolled', attemptsLeft: 0 };
	services.limits.check('verifyByTrainee', traineeId, services.now());

	for (let attempt = 0; attempt <= STALE_RETRIES; attempt++) {
		const credential = await services.store.getCredential(traineeId);
		const now = services.now();
		if (!credential) {
			await services.store.appendAudit({ at: now, actor, action: 'verify', traineeId, result: 'not-enrolled' });
			return { result: 'rejected', reason: 'not-enrolled', attemptsLeft: 0, traineeId };
		}
		const candidates = await candidateCodes(services.box.open(credential.sealedSecret, secretAad(traineeId)), now);
		const done = await services.store.transitionVerifyState({ traineeId, generation: credential.generation, now }, actor, (state) => {
			const { outcome, next, audit } = applyVerification(state, { candidates, code, now }, services.config.lockout);
			return { next, audit, lastResult: outcomeWord(outcome), value: outcome };
		});
		if (done === 'stale') continue;
		if (done === 'not-enrolled') {
			await services.store.appendAudit({ at: now, actor, action: 'verify', traineeId, result: 'not-enrolled' });
			return { result: 'rejected', reason: 'not-enrolled', attemptsLeft: 0, traineeId };
		}
		return withTrainee(done.value, traineeId);
	}
	throw new ApiError('CONFLICT', 'the trainee was re-enrolled repeatedly during verification; try again');
}

/**
 * The codes for the steps around `now`. The secret is imported into a non-extractable
 * WebCrypto key and wiped right away.
 */
export async function candidateCodes(secret: Uint8Array, now: number): Promise<Candidate[]> {
	try {
		const key = await importHmacKey(secret, OTP_PARAMETERS.algorithm);
		const current = timeStep(now, OTP_PARAMETERS.period);
		const steps: number[] = [];
		for (let d = -VERIFY_WINDOW; d <= VERIFY_WINDOW; d++) if (current + d >= 0) steps.push(current + d);
		return Promise.all(steps.map(async (step) => ({ step, code: await hotp({ key, counter: step, digits: OTP_PARAMETERS.digits }) })));
	} finally {
		secret.fill(0);
	}
}

async function traineeByPhone(services: Services, phoneDigits: string, actor: Actor): Promise<string | null> {
	const ids = await services.store.findEnrolledByPhone(phoneDigits);
	if (ids.length > 1) throw new ApiError('PHONE_AMBIGUOUS', 'several enrolled trainees share this phone number; verify by traineeId');
	if (ids.length === 0) {
		await services.store.appendAudit({ at: services.now(), actor, action: 'verify', traineeId: null, result: 'not-enrolled' });
		return null;
	}
	return ids[0]!;
}

function withTrainee(outcome: VerifyOutcome, traineeId: string): VerifyResult {
	switch (outcome.result) {
		case 'accepted':
			return { result: 'accepted', traineeId, failuresSinceLastSuccess: outcome.failuresSinceLastSuccess, lastFailureAt: outcome.lastFailureAt };
		case 'rejected':
			return { result: 'rejected', reason: outcome.reason, attemptsLeft: outcome.attemptsLeft, traineeId };
		case 'locked':
			return { result: 'locked', traineeId };
	}
}
