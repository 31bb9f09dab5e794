/** What the scan screen hands to `/enroll`: a fragment as a link would carry it, or a typed-code equivalent. */
export type PendingEnrollment = { fragment: string } | { code: string };

/**
 * Hands a scanned enrollment from the scan screen to `/enroll` in memory only: unlike a URL
 * fragment or `history.state`, a key URI or one-time token never reaches the address bar, the
 * history or storage this way, and a reload forgets it.
 */
let pending: PendingEnrollment | null = null;

/** Leaves an enrollment for the next `/enroll` to pick up. */
export function handEnrollment(p: PendingEnrollment): void {
	pending = p;
}

/** Takes the pending enrollment (once), or `null`. */
export function takeEnrollment(): PendingEnrollment | null {
	const p = pending;
	pending = null;
	return p;
}
