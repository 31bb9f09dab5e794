import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import * as OTPAuth from 'otpauth';
import { describe, expect, it } from 'vitest';
import { encodeBase32 } from './base32';
import { hotp } from './hotp';
import { importHmacKey } from './importHmacKey';
import { OTP_ALGORITHMS } from './OtpAlgorithm';
import { totp } from './totp';

/**
 * Cross-checks against independent implementations: the `otpauth` package (node:crypto HMAC,
 * its own truncation and counter encoding) and OATH Toolkit's `oathtool` (C, GnuTLS/Nettle).
 * Seeded, so a failure names a reproducible case.
 */

const PERIODS = [1, 15, 30, 60, 90, 120, 300, 3600, 86_400];
/** 2100-01-01 in ms: past 2038, where 32-bit seconds overflow. */
const YEAR_2100 = 4_102_444_800_000;

const totpCase = fc
	.record({
		secret: fc.uint8Array({ minLength: 10, maxLength: 64 }),
		algorithm: fc.constantFrom(...OTP_ALGORITHMS),
		digits: fc.integer({ min: 6, max: 8 }),
		period: fc.oneof(fc.constantFrom(...PERIODS), fc.integer({ min: 1, max: 86_400 })),
		// Either any ms, or 1 ms around a step boundary, where an off-by-one would show.
		when: fc.oneof(
			fc.record({ ms: fc.integer({ min: 0, max: YEAR_2100 }) }),
			fc.record({ fraction: fc.double({ min: 0, max: 1, noNaN: true }), delta: fc.constantFrom(-1, 0, 1) })
		)
	})
	.map(({ when, ...c }) => {
		const stepMs = c.period * 1000;
		const timestamp =
			'ms' in when ? when.ms : Math.max(0, Math.floor((when.fraction * YEAR_2100) / stepMs) * stepMs + when.delta);
		return { ...c, timestamp };
	});

function otpauthSecret(bytes: Uint8Array): OTPAuth.Secret {
	return new OTPAuth.Secret({ buffer: new Uint8Array(bytes).buffer });
}

describe('cross-check against the otpauth package', () => {
	it('agrees on 1000 seeded random TOTP cases', async () => {
		let checked = 0;
		await fc.assert(
			fc.asyncProperty(totpCase, async ({ secret, algorithm, digits, period, timestamp }) => {
				const key = await importHmacKey(secret, algorithm);
				const theirs = new OTPAuth.TOTP({ secret: otpauthSecret(secret), algorithm, digits, period }).generate({ timestamp });
				expect(await totp({ key, timestamp, period, digits })).toBe(theirs);
				checked += 1;
			}),
			{ seed: 20260101, numRuns: 1000 }
		);
		expect(checked).toBe(1000);
	});

	it('agrees on 200 seeded random HOTP cases, counters up to 2^53 - 1', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.uint8Array({ minLength: 10, maxLength: 64 }),
				fc.constantFrom(...OTP_ALGORITHMS),
				fc.integer({ min: 6, max: 8 }),
				fc.oneof(fc.nat(1000), fc.integer({ min: 2 ** 31, max: 2 ** 33 }), fc.maxSafeNat()),
				async (secret, algorithm, digits, counter) => {
					const key = await importHmacKey(secret, algorithm);
					const theirs = OTPAuth.HOTP.generate({ secret: otpauthSecret(secret), algorithm, digits, counter });
					expect(await hotp({ key, counter, digits })).toBe(theirs);
				}
			),
			{ seed: 4226, numRuns: 200 }
		);
	});
});

const OATHTOOL = '/usr/bin/oathtool';
const hasOathtool = !spawnSync(OATHTOOL, ['--version']).error;
if (!hasOathtool) console.warn(`${OATHTOOL} not found: skipping the oathtool cross-check (CI installs it)`);

function oathtool(args: string[]): string {
	const run = spawnSync(OATHTOOL, args, { encoding: 'utf8' });
	if (run.status !== 0) throw new Error(`oathtool ${args.join(' ')} failed: ${run.stderr}`);
	return run.stdout.trim();
}

describe.skipIf(!hasOathtool)('cross-check against oathtool', () => {
	// A handful of seeded cases: whole seconds, since oathtool's --now takes seconds.
	const cases = fc.sample(
		fc.record({
			secret: fc.uint8Array({ minLength: 10, maxLength: 64 }),
			algorithm: fc.constantFrom(...OTP_ALGORITHMS),
			digits: fc.integer({ min: 6, max: 8 }),
			period: fc.constantFrom(...PERIODS),
			seconds: fc.integer({ min: 0, max: YEAR_2100 / 1000 }),
			counter: fc.oneof(fc.nat(1000), fc.integer({ min: 2 ** 32, max: 2 ** 40 }))
		}),
		{ seed: 6238, numRuns: 8 }
	);

	it.each(cases)('TOTP case %#', async ({ secret, algorithm, digits, period, seconds }) => {
		const key = await importHmacKey(secret, algorithm);
		const ours = await totp({ key, timestamp: seconds * 1000, period, digits });
		const common = [`--totp=${algorithm}`, `--digits=${digits}`, `--time-step-size=${period}s`, `--now=@${seconds}`];
		expect(oathtool([...common, Buffer.from(secret).toString('hex')])).toBe(ours);
		expect(oathtool([...common, '--base32', encodeBase32(secret)])).toBe(ours);
	});

	it.each(cases)('HOTP case %#', async ({ secret, digits, counter }) => {
		const key = await importHmacKey(secret, 'SHA1');
		const ours = await hotp({ key, counter, digits });
		expect(oathtool([`--counter=${counter}`, `--digits=${digits}`, Buffer.from(secret).toString('hex')])).toBe(ours);
	});

	it('reads a calendar date the way we read the epoch', async () => {
		const secret = new Uint8Array(32).fill(0x42);
		const key = await importHmacKey(secret, 'SHA256');
		const ours = await totp({ key, timestamp: Date.UTC(2026, 0, 1), period: 30, digits: 8 });
		const args = ['--totp=SHA256', '--digits=8', '--time-step-size=30s', '--now', '2026-01-01 00:00:00 UTC'];
		expect(oathtool([...args, '--base32', encodeBase32(secret)])).toBe(ours);
	});
});
