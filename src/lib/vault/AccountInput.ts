import { isOtpAlgorithm, type OtpAlgorithm } from '../otp/OtpAlgorithm';
import { nameProblem } from './fields';
import { VAULT_LIMITS } from './vaultLimits';

/**
 * An account to store: what enrollment (an institute link or an `otpauth://` URI) produced.
 * The secret is the raw HMAC key K of RFC 4226 §5.1; the vault encrypts it and never keeps it.
 */
export interface AccountInput {
	/** Who issued it, e.g. the institute; may be empty. */
	issuer: string;
	/** The account name shown to the trainee, e.g. their name; may be empty. */
	account: string;
	/** Raw shared secret, 10..128 bytes. */
	secret: Uint8Array;
	/** HMAC hash. */
	algorithm: OtpAlgorithm;
	/** Code length, 6..8. */
	digits: number;
	/** Time step in seconds, 1..86400. */
	period: number;
}

/**
 * Checks an account against `VAULT_LIMITS` before it is sealed, so the vault never writes a
 * record its own decoder would refuse. Enrollment validates user data first and reports it in
 * its own terms; reaching this with bad data is a programmer error.
 * @param input - the account to check
 * @throws {TypeError} when a field has the wrong type
 * @throws {RangeError} when a field is out of range
 */
export function assertAccountInput(input: AccountInput): void {
	if (typeof input !== 'object' || input === null) throw new TypeError('input must be an object');
	const { issuer, account, secret, algorithm, digits, period } = input;
	for (const [name, value] of [['issuer', issuer], ['account', account]] as const) {
		if (typeof value !== 'string') throw new TypeError(`${name} must be a string`);
		const problem = nameProblem(value);
		if (problem) throw new RangeError(`${name} ${problem}`);
	}
	if (!(secret instanceof Uint8Array)) throw new TypeError('secret must be a Uint8Array');
	if (secret.length < VAULT_LIMITS.minSecretBytes || secret.length > VAULT_LIMITS.maxSecretBytes) {
		throw new RangeError(`secret must be ${VAULT_LIMITS.minSecretBytes}..${VAULT_LIMITS.maxSecretBytes} bytes, got ${secret.length}`);
	}
	if (!isOtpAlgorithm(algorithm)) throw new RangeError(`algorithm must be SHA1, SHA256 or SHA512`);
	assertIntIn(digits, 'digits', VAULT_LIMITS.minDigits, VAULT_LIMITS.maxDigits);
	assertIntIn(period, 'period', VAULT_LIMITS.minPeriod, VAULT_LIMITS.maxPeriod);
}

function assertIntIn(value: unknown, name: string, min: number, max: number): void {
	if (typeof value !== 'number') throw new TypeError(`${name} must be a number`);
	if (!Number.isInteger(value) || value < min || value > max) throw new RangeError(`${name} must be an integer ${min}..${max}, got ${value}`);
}
