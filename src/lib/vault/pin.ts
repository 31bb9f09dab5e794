import { VaultError } from './VaultError';

/** PIN length. The seeds use a 4-digit app password; we use 6 (PRODUCT.md, "What the seeds establish"). */
export const PIN_LENGTH = 6;

const PIN_RE = /^[0-9]{6}$/;

/**
 * Checks that a PIN is exactly 6 ASCII digits. Anything else (other Unicode digits such as
 * full-width '１', spaces, a 4-digit PIN) is refused rather than normalised, so one PIN has one
 * spelling and one UTF-8 encoding for scrypt.
 * @param pin - what the user typed
 * @throws {TypeError} when `pin` is not a string
 * @throws {VaultError} `PIN_INVALID_FORMAT` when it is not 6 ASCII digits
 */
export function assertPin(pin: string): void {
	if (typeof pin !== 'string') throw new TypeError(`pin must be a string, got ${typeof pin}`);
	if (!PIN_RE.test(pin)) throw new VaultError('PIN_INVALID_FORMAT', `a PIN is exactly ${PIN_LENGTH} ASCII digits`);
}
