import * as OTPAuth from 'otpauth';

/**
 * Every form in which a base32 secret could sit in storage: the base32 text (both cases), and
 * its raw bytes as hex, base64, base64url and latin1. A storage dump must contain none of them.
 */
export function secretForms(base32: string): string[] {
	const bytes = OTPAuth.Secret.fromBase32(base32.replace(/[\s-]/g, '').toUpperCase()).bytes;
	return [
		base32,
		base32.toLowerCase(),
		Buffer.from(bytes).toString('hex'),
		Buffer.from(bytes).toString('base64').replace(/=+$/, ''),
		Buffer.from(bytes).toString('base64url'),
		String.fromCharCode(...bytes)
	];
}
