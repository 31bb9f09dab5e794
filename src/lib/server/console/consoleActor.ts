import type { RequestEvent } from '@sveltejs/kit';
import type { Actor } from '../store/Store';

/** The audit actor for a console request. */
export function consoleActor(event: Pick<RequestEvent, 'getClientAddress'>): Actor {
	let ip: string | null;
	try {
		ip = event.getClientAddress() || null;
	} catch {
		ip = null;
	}
	return { kind: 'console', ip };
}
