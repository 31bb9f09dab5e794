import { InstituteError } from './InstituteError';
import type { Actor, TraineeRecord } from '../store/Store';
import type { Services } from './Services';

/**
 * Revokes a trainee: the sealed secret is deleted (not just flagged) and open enrollments are
 * cancelled, so neither an old device nor an unused link can verify again. The trainee row and
 * the audit trail stay; a new enrollment brings the trainee back. Idempotent.
 * @throws InstituteError `TRAINEE_NOT_FOUND`
 */
export async function revokeTrainee(services: Services, traineeId: string, actor: Actor): Promise<TraineeRecord> {
	const trainee = await services.store.revoke(traineeId, services.now(), actor);
	if (!trainee) throw new InstituteError('TRAINEE_NOT_FOUND', 'no such trainee');
	return trainee;
}
