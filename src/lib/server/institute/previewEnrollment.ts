import type { Actor } from '../store/Store';
import { findEnrollment, refusalWord, type EnrollmentRef } from './findEnrollment';
import type { Services } from './Services';
import { InstituteError } from './InstituteError';

/** What the app shows before the trainee commits to a PIN. No secret. */
export interface EnrollmentPreview {
	institute: string;
	name: string;
	expiresAt: number;
}

/**
 * Looks at an enrollment without spending it, so a trainee who abandons the PIN setup can come
 * back to the same link. Rate-limited per trainee as well as per address (the caller limits by
 * address before any lookup).
 */
export async function previewEnrollment(services: Services, ref: EnrollmentRef, actor: Actor): Promise<EnrollmentPreview> {
	try {
		const e = await findEnrollment(services, ref, 'enroll.preview');
		services.limits.check('enrollByTrainee', e.traineeId, services.now());
		await services.store.appendAudit({ at: services.now(), actor, action: 'enroll.preview', traineeId: e.traineeId, result: 'ok' });
		return { institute: services.config.instituteName, name: e.name, expiresAt: e.expiresAt };
	} catch (error) {
		// A miss is counted by findEnrollment, not logged row by row.
		if (error instanceof InstituteError && error.code !== 'ENROLLMENT_NOT_FOUND') {
			await services.store.appendAudit({ at: services.now(), actor, action: 'enroll.preview', traineeId: null, result: refusalWord(error.code) });
		}
		throw error;
	}
}
