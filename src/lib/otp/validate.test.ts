import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as OTPAuth from 'otpauth';
import { importHmacKey } from './importHmacKey';
import { constantTimeEqualString, matchingSteps, validate, windowCodes, windowCodesSync, type CounterHmac } from './validate';
import { ascii, RFC6238_SEEDS, RFC6238_VECTORS } from './vectors';

/** The server's HMAC: Node's synchronous createHmac. */
const nodeHmac = (secret: Uint8Array, algorithm: string): CounterHmac => (counter) =>
	new Uint8Array(createHmac(algorithm.replace('SHA', 'sha'), secret).update(counter).digest());
/** The browser's: WebCrypto over a non-extractable key. */
const webHmac = async (secret: Uint8Array, algorithm: 'SHA1' | 'SHA256' | 'SHA512'): Promise<CounterHmac> => {
	const key = await importHmacKey(secret, algorithm);
	return async (counter) => new Uint8Array(await crypto.subtle.sign('HMAC', key, counter as Uint8Array<ArrayBuffer>));
};

describe('validate (RFC 6238 Appendix B, both HMAC sources)', () => {
	it.each(RFC6238_VECTORS)('$algorithm at $time s: $totp is step 0x$step', async ({ time, step, algorithm, totp }) => {
		const secret = ascii(RFC6238_SEEDS[algorithm]);
		for (const hmac of [nodeHmac(secret, algorithm), await webHmac(secret, algorithm)]) {
			const opts = { hmac, timestamp: time * 1000, period: 30, digits: 8, window: 1 };
			expect(await validate({ ...opts, code: totp })).toBe(parseInt(step, 16));
			// One step later the code is still in the window (as the previous step); two steps later it is not.
			expect(await validate({ ...opts, timestamp: (time + 30) * 1000, code: totp })).toBe(parseInt(step, 16));
			expect(await validate({ ...opts, timestamp: (time + 60) * 1000, code: totp })).toBeNull();
		}
	});

	it('agrees with the otpauth package on random secrets, times and codes', async () => {
		await fc.assert(
			fc.asyncProperty(fc.uint8Array({ minLength: 10, maxLength: 40 }), fc.integer({ min: 120_000, max: 4e12 }), fc.integer({ min: -3, max: 3 }), async (secret, now, delta) => {
				const theirs = new OTPAuth.TOTP({ secret: new OTPAuth.Secret({ buffer: secret.slice().buffer }), period: 60, digits: 6, algorithm: 'SHA1' });
				const code = theirs.generate({ timestamp: now + delta * 60_000 });
				const ours = await validate({ hmac: nodeHmac(secret, 'SHA1'), timestamp: now, period: 60, digits: 6, window: 1, code });
				const expected = theirs.validate({ token: code, timestamp: now, window: 1 });
				// otpauth answers the delta, we answer the step: the same verdict either way.
				expect(ours === null ? null : ours - Math.floor(now / 60_000)).toBe(expected);
			}),
			{ numRuns: 300 }
		);
	});

	it('computes every window position, oldest first, and leaves out steps below 0', async () => {
		let calls = 0;
		const hmac: CounterHmac = () => (calls++, new Uint8Array(20));
		expect((await windowCodes({ hmac, timestamp: 120_000, period: 60, digits: 6, window: 1 })).map((c) => c.step)).toEqual([1, 2, 3]);
		expect((await windowCodes({ hmac, timestamp: 0, period: 60, digits: 6, window: 1 })).map((c) => c.step)).toEqual([0, 1]);
		expect(calls).toBe(5);
	});

	it('windowCodesSync gives what windowCodes gives, and refuses an HMAC that answers later', async () => {
		const secret = ascii(RFC6238_SEEDS.SHA1);
		const sync = (counter: Uint8Array) => new Uint8Array(createHmac('sha1', secret).update(counter).digest());
		const opts = { timestamp: 1_234_567_890_000, period: 30, digits: 8, window: 2 };
		expect(windowCodesSync({ ...opts, hmac: sync })).toEqual(await windowCodes({ ...opts, hmac: sync }));
		expect(() => windowCodesSync({ ...opts, hmac: (async () => new Uint8Array(20)) as never })).toThrow(TypeError);
	});

	it('matchingSteps finds every matching step, and compares in full', () => {
		const candidates = [
			{ step: 1, code: '111111' },
			{ step: 2, code: '222222' },
			{ step: 3, code: '111111' }
		];
		expect(matchingSteps(candidates, '111111')).toEqual([1, 3]);
		expect(matchingSteps(candidates, '22222')).toEqual([]);
		expect(matchingSteps(candidates, '2222222')).toEqual([]);
		expect(matchingSteps([], '111111')).toEqual([]);
	});

	it('constantTimeEqualString is plain equality', () => {
		fc.assert(fc.property(fc.string(), fc.string(), (a, b) => constantTimeEqualString(a, b) === (a === b)));
		fc.assert(fc.property(fc.string(), (a) => constantTimeEqualString(a, a)));
		expect(constantTimeEqualString('123456', '123457')).toBe(false);
		expect(constantTimeEqualString('', '')).toBe(true);
	});

	const hmac: CounterHmac = () => new Uint8Array(20);
	const bad: [string, Record<string, unknown>, ErrorConstructor][] = [
		['hmac not a function', { hmac: 'x' }, TypeError],
		['window negative', { window: -1 }, RangeError],
		['window too wide', { window: 11 }, RangeError],
		['window fractional', { window: 0.5 }, RangeError],
		['digits 5', { digits: 5 }, RangeError],
		['period 0', { period: 0 }, RangeError],
		['timestamp NaN', { timestamp: Number.NaN }, RangeError],
		['code not a string', { code: 123456 }, TypeError]
	];
	for (const [why, override, type] of bad) {
		it(`refuses ${why}`, async () => {
			await expect(validate({ hmac, timestamp: 1e12, period: 60, digits: 6, window: 1, code: '000000', ...override } as never)).rejects.toThrow(type);
		});
	}
});
