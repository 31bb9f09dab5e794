import { InstituteError } from './InstituteError';
import type { EnrollmentRecord, LookupMissKind } from '../store/Store';
import { enrollmentRefusal } from '../store/rows';
import type { Services } from './Services';

/** How the app refers to an enrollment: the link's token or the typed code (canonical form). */
export type EnrollmentRef = { token: string } | { code: string };

/**
 * The enrollment behind a token or code, when it can still be redeemed.
 *
 * Lookups that find nothing are what a guesser produces, so they share one budget for the whole
 * process (`enrollMissGlobal`, on top of the caller's per-address limit): while it is spent, every
 * lookup is refused, found or not, because answering the found ones would still let guessing go on
 * (issue 12). They are counted per hour (`Store.countLookupMiss`) rather than each written to the
 * audit log, which a flood would otherwise grow without bound.
 *
 * @throws InstituteError `RATE_LIMITED` (429) while the miss budget is spent, `ENROLLMENT_NOT_FOUND`
 *   (404), `ENROLLMENT_USED` / `ENROLLMENT_EXPIRED` / `ENROLLMENT_SUPERSEDED` (410)
 */
export async function findEnrollment(services: Services, ref: EnrollmentRef, kind: LookupMissKind): Promise<EnrollmentRecord> {
	services.limits.checkAvailable('enrollMissGlobal', 'all', services.now());
	const enrollment = await lookupEnrollment(services, ref);
	if (!enrollment) {
		services.limits.spend('enrollMissGlobal', 'all', services.now());
		await services.store.countLookupMiss(kind, services.now());
		throw new InstituteError('ENROLLMENT_NOT_FOUND', 'no such enrollment');
	}
	throwIfRefused(enrollmentRefusal(enrollment, services.now()));
	return enrollment;
}

/** The enrollment behind a token or code in any state (used, expired…), or `null`. Counts nothing. */
export async function lookupEnrollment(services: Services, ref: EnrollmentRef): Promise<EnrollmentRecord | null> {
	const lookup =
		'token' in ref
			? { tokenHash: services.lookup.hash('enroll-token', ref.token) }
			: { codeHash: services.lookup.hash('enroll-code', ref.code) };
	return services.store.findEnrollment(lookup);
}

/** Maps a refusal word to its error. */
export function throwIfRefused(refusal: 'used' | 'expired' | 'superseded' | 'not-found' | null): void {
	switch (refusal) {
		case null:
			return;
		case 'used':
			throw new InstituteError('ENROLLMENT_USED', 'this enrollment has already been used');
		case 'expired':
			throw new InstituteError('ENROLLMENT_EXPIRED', 'this enrollment has expired');
		case 'superseded':
			throw new InstituteError('ENROLLMENT_SUPERSEDED', 'a newer enrollment replaced this one, or the trainee was revoked');
		case 'not-found':
			throw new InstituteError('ENROLLMENT_NOT_FOUND', 'no such enrollment');
	}
}

/** The audit word for a refusal code, matching the store's own (`used`, `expired`, `not-found`…). */
export function refusalWord(code: string): string {
	return code.replace(/^ENROLLMENT_/, '').toLowerCase().replaceAll('_', '-');
}
