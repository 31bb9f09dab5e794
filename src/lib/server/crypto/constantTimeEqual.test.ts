import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { constantTimeEqual } from './constantTimeEqual';
import { bearerKeyMatches } from '../http/requireApiKey';

// Timing itself cannot be asserted reliably on a shared machine; these pin the behaviour that the
// constant-time design rests on: any two inputs of any lengths are compared (as 32-byte digests,
// where `timingSafeEqual` would throw on unequal lengths), and the key check compares for every
// header shape instead of returning early on a malformed one.
describe('constantTimeEqual', () => {
	it('agrees with === on any two strings or byte arrays, whatever their lengths', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 80 }), (a, b) => {
				expect(constantTimeEqual(a, b)).toBe(a === b);
				expect(constantTimeEqual(a, a)).toBe(true);
			})
		);
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 64 }), fc.uint8Array({ maxLength: 64 }), (a, b) => {
				expect(constantTimeEqual(a, b)).toBe(Buffer.from(a).equals(Buffer.from(b)));
			})
		);
	});

	it('the API key check accepts only the exact key, and refuses every other header shape', () => {
		const key = 'institute-key-0123456789abcdef';
		const accepted = (h: string) => {
			return bearerKeyMatches(new Request('http://localhost/api/v1/verify', { headers: h ? { authorization: h } : {} }), key);
		};
		expect([`Bearer ${key}`, `bearer ${key}`, `Bearer ${key}x`, `Bearer ${key.slice(0, -1)}`, 'Bearer wrong', `Basic ${key}`, key, ''].map(accepted)).toEqual([
			true, true, false, false, false, false, false, false
		]);
	});
});
