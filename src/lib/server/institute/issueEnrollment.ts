import { randomUUID } from 'node:crypto';
import { StoreError } from '../store/StoreError';
import { formatEnrollCode, generateEnrollCode } from '../enroll/enrollCode';
import { generateEnrollToken } from '../enroll/enrollToken';
import type { Actor } from '../store/Store';
import type { Services } from './Services';

/** What the institute asked for (already validated). */
export interface IssueEnrollmentInput {
	traineeId: string;
	name: string;
	phoneDigits: string;
}

/** What the institute hands to the trainee. Shown once: only hashes are stored. */
export interface IssuedEnrollment {
	traineeId: string;
	/** `<origin>/enroll#<token>`: the token rides in the fragment, which browsers never send. */
	enrollUrl: string;
	/** `XXXX-XXXX`, for typing into the installed app. */
	enrollCode: string;
	expiresAt: number;
}

const ATTEMPTS = 5;

/**
 * Issues a single-use enrollment (link token + typed code, both expiring together). No secret
 * exists yet: it is generated when the enrollment is redeemed, so an enrollment that is never
 * used leaves nothing behind worth stealing.
 *
 * @param origin - used when `ORIGIN` is not configured (the request's own origin)
 */
export async function issueEnrollment(
	services: Services,
	input: IssueEnrollmentInput,
	actor: Actor,
	origin: string
): Promise<IssuedEnrollment> {
	const now = services.now();
	const expiresAt = now + services.config.enrollTtlMs;
	for (let attempt = 1; ; attempt++) {
		const token = generateEnrollToken();
		const code = generateEnrollCode();
		try {
			await services.store.issueEnrollment(
				{
					id: randomUUID(),
					traineeId: input.traineeId,
					name: input.name,
					phoneDigits: input.phoneDigits,
					tokenHash: services.lookup.hash('enroll-token', token),
					codeHash: services.lookup.hash('enroll-code', code),
					now,
					expiresAt
				},
				actor
			);
		} catch (error) {
			// A code collision (≈ n / 6.6e11 per issue) just means drawing again.
			if (error instanceof StoreError && error.code === 'UNIQUE_VIOLATION' && attempt < ATTEMPTS) continue;
			throw error;
		}
		return {
			traineeId: input.traineeId,
			enrollUrl: `${services.config.origin ?? origin}/enroll#${token}`,
			enrollCode: formatEnrollCode(code),
			expiresAt
		};
	}
}
