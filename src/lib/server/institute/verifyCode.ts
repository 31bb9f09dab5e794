import { createHmac } from 'node:crypto';
import { windowCodesSync } from '$lib/otp/validate';
import { InstituteError } from './InstituteError';
import { secretAad } from '../crypto/SecretBox';
import type { Actor, IdempotentRecord } from '../store/Store';
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

/** An `Idempotency-Key` for {@link verifyCode}: see `Store.transitionVerifyState`. */
export interface VerifyIdempotency {
	keyHash: string;
	requestHash: string;
	expiresAt: number;
	/** The answer's text for a result, stored for the retries. */
	reply(result: VerifyResult): string;
}

/**
 * Verifies a 6-digit code (RFC 6238, current 60-s step ± 1) for one trainee.
 *
 * One transaction does it all (`Store.transitionVerifyState`): under the trainee's row lock it
 * opens the sealed secret, computes the codes of the whole window (always all three), hands them
 * with the trainee's state to the one rule (`applyVerification`) and writes what the rule decides
 * with its audit rows. A step is therefore accepted at most once and the lockout counts exactly
 * however many requests (or processes) race, and a redeem that replaces the secret meanwhile is
 * simply ordered before or after. Not being enrolled (unknown, only a pending enrollment, revoked)
 * is `rejected/not-enrolled` and counts nothing.
 *
 * With `idempotency`, the decision and its stored answer commit together, and a request whose key
 * already holds an answer decides nothing: `{ earlier }` (the caller compares what was asked).
 *
 * @throws InstituteError `PHONE_AMBIGUOUS` (409) when a phone number belongs to several enrolled trainees
 */
export async function verifyCode(
	services: Services,
	subject: VerifySubject,
	code: string,
	actor: Actor,
	idempotency: VerifyIdempotency | undefined
): Promise<VerifyResult | { earlier: IdempotentRecord }>;
export async function verifyCode(services: Services, subject: VerifySubject, code: string, actor: Actor): Promise<VerifyResult>;
export async function verifyCode(
	services: Services,
	subject: VerifySubject,
	code: string,
	actor: Actor,
	idempotency?: VerifyIdempotency
): Promise<VerifyResult | { earlier: IdempotentRecord }> {
	const traineeId = 'traineeId' in subject ? subject.traineeId : await traineeByPhone(services, subject.phoneDigits, actor);
	if (traineeId === null) return { result: 'rejected', reason: 'not-enrolled', attemptsLeft: 0 };
	services.limits.check('verifyByTrainee', traineeId, services.now());

	const now = services.now();
	const claim = idempotency && {
		keyHash: idempotency.keyHash,
		requestHash: idempotency.requestHash,
		expiresAt: idempotency.expiresAt,
		reply: (outcome: VerifyOutcome) => idempotency.reply(withTrainee(outcome, traineeId))
	};
	const done = await services.store.transitionVerifyState({ traineeId, now, idempotency: claim }, actor, (state, sealedSecret) => {
		const candidates = candidateCodes(services.box.open(sealedSecret, secretAad(traineeId)), now);
		const { outcome, next, audit } = applyVerification(state, { candidates, code, now }, services.config.lockout);
		return { next, audit, lastResult: outcomeWord(outcome), value: outcome };
	});
	if (done === 'not-enrolled') {
		await services.store.appendAudit({ at: now, actor, action: 'verify', traineeId, result: 'not-enrolled' });
		return { result: 'rejected', reason: 'not-enrolled', attemptsLeft: 0, traineeId };
	}
	if ('earlier' in done) return done;
	return withTrainee(done.value, traineeId);
}

/**
 * The codes for the steps around `now` (the shared RFC 6238 core, `src/lib/otp/validate.ts`), with
 * Node's synchronous HMAC, so that they are computed inside the verification's transaction:
 * WebCrypto's asynchronous `sign` cost more than the rest of a verification together (issue 15,
 * bench/RESULTS.md). The secret is wiped right away.
 */
export function candidateCodes(secret: Uint8Array, now: number): Candidate[] {
	try {
		const hash = OTP_PARAMETERS.algorithm.toLowerCase();
		return windowCodesSync({
			hmac: (counter) => createHmac(hash, secret).update(counter).digest(),
			timestamp: now,
			period: OTP_PARAMETERS.period,
			digits: OTP_PARAMETERS.digits,
			window: VERIFY_WINDOW
		});
	} finally {
		secret.fill(0);
	}
}

async function traineeByPhone(services: Services, phoneDigits: string, actor: Actor): Promise<string | null> {
	const ids = await services.store.findEnrolledByPhone(phoneDigits);
	if (ids.length > 1) throw new InstituteError('PHONE_AMBIGUOUS', 'several enrolled trainees share this phone number; verify by traineeId');
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
