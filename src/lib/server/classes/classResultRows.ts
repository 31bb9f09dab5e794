import type { IssuedClass } from '../institute/issueClass';
import { formatPhone } from '../validate/phone';
import type { ClassResultRow } from './classResultCsv';

/** An ISO 8601 time in Korea time (`2026-12-02T14:00:00+09:00`): machine-readable, and what a message to a trainee should say. */
export function isoKst(ms: number): string {
	return `${new Date(ms + 9 * 3_600_000).toISOString().slice(0, 19)}+09:00`;
}

/** The rows of the output CSV (and the API's JSON) for an issued class, in upload order. */
export function classResultRows(issued: IssuedClass): ClassResultRow[] {
	const expiresAt = isoKst(issued.expiresAt);
	return issued.members.map((m) => ({
		traineeId: m.traineeId,
		name: m.name,
		phone: formatPhone(m.phoneDigits),
		enrollUrl: m.enrollUrl,
		enrollCode: m.enrollCode,
		expiresAt
	}));
}
