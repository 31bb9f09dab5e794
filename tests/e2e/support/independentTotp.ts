import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as OTPAuth from 'otpauth';

export interface TotpSpec {
	secret: string; // base32 as in the link (any case, spaces allowed)
	algorithm?: 'SHA1' | 'SHA256' | 'SHA512';
	digits?: number;
	period?: number;
}

const OATHTOOL = '/usr/bin/oathtool';
export const hasOathtool = existsSync(OATHTOOL);

function normalise(secret: string): string {
	return secret.replace(/[\s-]/g, '').replace(/=+$/, '').toUpperCase();
}

/**
 * The code an independent implementation computes for `timestampMs`: Debian's oathtool when it
 * is installed (CI installs it), otherwise the `otpauth` npm package. Never our own code.
 */
export function independentTotp(spec: TotpSpec, timestampMs: number): string {
	const { algorithm = 'SHA1', digits = 6, period = 30 } = spec;
	const secret = normalise(spec.secret);
	if (hasOathtool) {
		const seconds = Math.floor(timestampMs / 1000);
		return execFileSync(OATHTOOL, [
			`--totp=${algorithm.replace('SHA', 'SHA')}`,
			`--digits=${digits}`,
			`--time-step-size=${period}s`,
			`--now=@${seconds}`,
			'--base32',
			secret
		])
			.toString()
			.trim();
	}
	return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm, digits, period }).generate({ timestamp: timestampMs });
}

/** Both implementations for one case, to prove the two agree (used once as a sanity check). */
export function otpauthTotp(spec: TotpSpec, timestampMs: number): string {
	const { algorithm = 'SHA1', digits = 6, period = 30 } = spec;
	return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(normalise(spec.secret)), algorithm, digits, period }).generate({ timestamp: timestampMs });
}
