import { InstituteError } from './InstituteError';
import type { Actor, TraineeRecord } from '../store/Store';
import type { Services } from './Services';

/**
 * Lifts a lockout after the institute re-verified the person (PASS or SMS, on its own site).
 * Clears the failure count; keeps `lastStep`, so a code seen before the lock stays spent.
 * Idempotent: unlocking a trainee who is not locked just answers its status.
 * @throws InstituteError `TRAINEE_NOT_FOUND`
 */
export async function unlockTrainee(services: Services, traineeId: string, actor: Actor): Promise<TraineeRecord> {
	const trainee = await services.store.unlock(traineeId, services.now(), actor);
	if (!trainee) throw new InstituteError('TRAINEE_NOT_FOUND', 'no such trainee');
	return trainee;
}
