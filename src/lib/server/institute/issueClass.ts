import { randomUUID } from 'node:crypto';
import { StoreError } from '../store/StoreError';
import { formatEnrollCode, generateEnrollCode } from '../enroll/enrollCode';
import { generateEnrollToken } from '../enroll/enrollToken';
import type { ClassRow } from '../classes/parseClassCsv';
import type { Actor, NewEnrollment } from '../store/Store';
import { ReissueUnconfirmed, reissueConfirmation } from './ReissueUnconfirmed';
import type { Services } from './Services';

/** One trainee of an issued class: what the sheet and the output CSV show. Shown once. */
export interface IssuedClassMember {
	row: number;
	traineeId: string;
	name: string;
	phoneDigits: string;
	enrollUrl: string;
	enrollCode: string;
}

/** An issued class. */
export interface IssuedClass {
	members: IssuedClassMember[];
	/** One expiry for the whole class (one transaction, one `now`). */
	expiresAt: number;
	/** Trainees who held a device: it stops working when they enroll with the new link. */
	replacedDevices: string[];
}

const ATTEMPTS = 5;

/**
 * Issues a whole class (validated rows, ids unique) in one store transaction: every trainee gets
 * a new link and code, or none does. When any of them holds an enrolled device, the caller must
 * pass the confirmation of exactly that list (`ReissueUnconfirmed.confirm`); otherwise nothing is
 * issued and the list comes back to be shown. The store checks the list again under its locks, so
 * a trainee who enrolls between the question and the answer is asked about, not silently replaced.
 *
 * @throws ReissueUnconfirmed when a device would be replaced without a matching `confirm`
 */
export async function issueClass(services: Services, rows: readonly ClassRow[], actor: Actor, origin: string, confirm?: string): Promise<IssuedClass> {
	const ids = rows.map((r) => r.traineeId);
	if (new Set(ids).size !== ids.length) throw new RangeError('issueClass needs unique trainee ids (parseClassCsv guarantees them)');
	const holders = await services.store.deviceHolders(ids);
	if (holders.length > 0 && confirm !== reissueConfirmation(holders)) throw new ReissueUnconfirmed(holders);

	const now = services.now();
	const expiresAt = now + services.config.enrollTtlMs;
	const base = services.config.origin ?? origin;
	for (let attempt = 1; ; attempt++) {
		const drawn = rows.map((r) => ({ row: r, token: generateEnrollToken(), code: generateEnrollCode() }));
		const batch: NewEnrollment[] = drawn.map(({ row, token, code }) => ({
			id: randomUUID(),
			traineeId: row.traineeId,
			name: row.name,
			phoneDigits: row.phoneDigits,
			tokenHash: services.lookup.hash('enroll-token', token),
			codeHash: services.lookup.hash('enroll-code', code),
			now,
			expiresAt
		}));
		let outcome: Awaited<ReturnType<typeof services.store.issueEnrollments>>;
		try {
			outcome = await services.store.issueEnrollments(batch, actor, holders);
		} catch (error) {
			// A code collision (≈ n² / 1.3e12 per class) just means drawing the class again.
			if (error instanceof StoreError && error.code === 'UNIQUE_VIOLATION' && attempt < ATTEMPTS) continue;
			throw error;
		}
		if (outcome !== 'issued') throw new ReissueUnconfirmed(outcome.deviceHolders);
		return {
			members: drawn.map(({ row, token, code }) => ({
				row: row.row,
				traineeId: row.traineeId,
				name: row.name,
				phoneDigits: row.phoneDigits,
				enrollUrl: `${base}/enroll#${token}`,
				enrollCode: formatEnrollCode(code)
			})),
			expiresAt,
			replacedDevices: holders
		};
	}
}
