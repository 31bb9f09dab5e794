import { createHash } from 'node:crypto';
import { InstituteError } from './InstituteError';

/**
 * A class upload that would take enrolled devices away (issue 16, "re-issuing a class says which
 * trainees will lose their current device, and asks for confirmation"). Carries the list and the
 * confirmation that repeats the upload: {@link reissueConfirmation} of exactly that list.
 */
export class ReissueUnconfirmed extends InstituteError {
	/** Trainees of the upload that hold a device now, sorted by id. */
	readonly deviceHolders: readonly string[];
	/** What to send back (`confirm`) to issue anyway. */
	readonly confirm: string;

	constructor(deviceHolders: readonly string[]) {
		super('REISSUE_UNCONFIRMED', `${deviceHolders.length} trainee(s) of this class hold an enrolled device; repeat with confirm to issue anyway`);
		this.name = 'ReissueUnconfirmed';
		this.deviceHolders = deviceHolders;
		this.confirm = reissueConfirmation(deviceHolders);
	}
}

/**
 * The confirmation of one list of device holders: a digest of the sorted ids. It is no secret (the
 * caller already holds the API key or a console session); it only proves that the caller saw this
 * very list, so a list that changed since (someone enrolled meanwhile) is asked about again.
 */
export function reissueConfirmation(deviceHolders: readonly string[]): string {
	return createHash('sha256').update(`motp-reissue\n${[...deviceHolders].sort().join('\n')}`).digest('hex').slice(0, 32);
}
