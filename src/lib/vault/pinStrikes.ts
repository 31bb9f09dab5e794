/**
 * The local 5-strike rule (seeds 001 and 003: five wrong app passwords, then re-enrollment), as
 * pure functions over the stored counter. The counter lives in storage, beside the vault, and
 * every change to it happens inside one storage transaction, so any number of tabs together get
 * exactly `MAX_PIN_FAILURES` wrong PINs (docs/threat-model.md, "Where the strike counter lives").
 *
 * Only `PIN_CHECK_FAILED` counts: a PIN the check byte proves wrong. A lucky wrong PIN (1 in 256)
 * opens a decoy and cannot be told from the right one, so it is a success here, and so is any
 * passkey unlock. A passkey that fails counts nothing: it says nothing about the PIN.
 */

/** Local PIN failures tolerated before the vault is wiped. */
export const MAX_PIN_FAILURES = 5;

/** What is left after the wipe: who to contact, and when it happened. */
export interface LockedOut {
	at: number;
	accounts: { issuer: string; account: string }[];
}

/** The stored counter (`guard` record). */
export interface GuardState {
	failedPins: number;
	/** Set by the strike that reached the limit, in the same write that deleted the secrets. */
	lockedOut: LockedOut | null;
}

/** No failures, no lockout. */
export const FRESH_GUARD: GuardState = Object.freeze({ failedPins: 0, lockedOut: null }) as GuardState;

/** What one detected wrong PIN leads to. */
export interface Strike {
	/** The counter to store. */
	guard: GuardState;
	/** True when this strike reached the limit: delete the vault and its key in the same write. */
	wipe: boolean;
	attemptsLeft: number;
}

/**
 * Reads the stored counter. Storage is untrusted: anything malformed counts as no failures but
 * keeps a well-formed lockout, and the count is clamped to the limit. (Someone who can write
 * storage can delete the counter anyway; this only keeps a damaged one from crashing the app.)
 * @param stored - the `guard` record as read
 */
export function parseGuard(stored: unknown): GuardState {
	if (typeof stored !== 'object' || stored === null) return FRESH_GUARD;
	const { failedPins, lockedOut } = stored as { failedPins?: unknown; lockedOut?: unknown };
	const count = typeof failedPins === 'number' && Number.isSafeInteger(failedPins) && failedPins > 0 ? Math.min(failedPins, MAX_PIN_FAILURES) : 0;
	return { failedPins: count, lockedOut: parseLockedOut(lockedOut) };
}

function parseLockedOut(value: unknown): LockedOut | null {
	if (typeof value !== 'object' || value === null) return null;
	const { at, accounts } = value as { at?: unknown; accounts?: unknown };
	if (typeof at !== 'number' || !Array.isArray(accounts)) return null;
	const named = accounts.filter(
		(a): a is { issuer: string; account: string } => typeof a === 'object' && a !== null && typeof a.issuer === 'string' && typeof a.account === 'string'
	);
	return { at, accounts: named.map(({ issuer, account }) => ({ issuer, account })) };
}

/** How many more detected wrong PINs the counter allows. */
export function attemptsLeft(guard: GuardState): number {
	return guard.lockedOut ? 0 : Math.max(0, MAX_PIN_FAILURES - guard.failedPins);
}

/**
 * One detected wrong PIN (`PIN_CHECK_FAILED`), applied to the counter as stored right now.
 * @param guard - the stored counter, read in the same transaction that will write the result
 * @param wiped - what the lockout keeps if this strike is the last: the time and who to contact
 */
export function strike(guard: GuardState, wiped: LockedOut): Strike {
	if (guard.lockedOut) return { guard, wipe: true, attemptsLeft: 0 };
	const failedPins = guard.failedPins + 1;
	if (failedPins >= MAX_PIN_FAILURES) return { guard: { failedPins, lockedOut: wiped }, wipe: true, attemptsLeft: 0 };
	const next = { failedPins, lockedOut: null };
	return { guard: next, wipe: false, attemptsLeft: attemptsLeft(next) };
}

/**
 * A successful unlock (PIN or passkey): the count starts over.
 * @returns the counter to store, or `null` when nothing needs writing
 */
export function afterUnlock(guard: GuardState): GuardState | null {
	return guard.failedPins === 0 && guard.lockedOut === null ? null : FRESH_GUARD;
}
