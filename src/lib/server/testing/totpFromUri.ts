import * as OTPAuth from 'otpauth';

/**
 * Codes from an `otpauth://` URI computed by the independent `otpauth` package, so the tests
 * do not check the server's TOTP against itself.
 */
export function totpFromUri(uri: string): (timestamp: number) => string {
	const parsed = OTPAuth.URI.parse(uri);
	if (!(parsed instanceof OTPAuth.TOTP)) throw new Error('not a TOTP URI');
	return (timestamp) => parsed.generate({ timestamp });
}
