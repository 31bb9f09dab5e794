import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeBase32 } from './base32';
import { formatKeyUri, MAX_URI_LENGTH, parseKeyUri } from './keyUri';
import { keyUri } from './keyUri.arbitraries';
import { OtpError } from './OtpError';

/**
 * Hostile-input fuzzing: whatever a string is, parseKeyUri and decodeBase32 either return or
 * throw an OtpError, never a TypeError, URIError or anything else.
 * `FUZZ_RUNS=100000 npx vitest run src/lib/otp -t fuzz` is the big run (npm run fuzz).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const stats = { calls: 0, accepted: 0, rejected: 0, reparsed: 0 };

/** Calls `fn`; returns its value, `undefined` for an OtpError, and rethrows anything else. */
function onlyOtpErrors<T>(fn: () => T): T | undefined {
	stats.calls += 1;
	try {
		const value = fn();
		stats.accepted += 1;
		return value;
	} catch (e) {
		if (e instanceof OtpError) {
			stats.rejected += 1;
			return undefined;
		}
		throw e;
	}
}

/** Anything parseKeyUri accepts must format and parse back to itself (when it fits the length limit). */
function parseAndReparse(uri: string): void {
	const k = onlyOtpErrors(() => parseKeyUri(uri));
	// Each UTF-16 unit becomes at most 9 characters of percent-encoding; 100 covers the explicit defaults.
	if (k !== undefined && uri.length * 9 + 100 <= MAX_URI_LENGTH) {
		expect(parseKeyUri(formatKeyUri(k))).toStrictEqual(k);
		stats.reparsed += 1;
	}
}

const fragments = fc.constantFrom(
	'%', '%3A', '%3a', ':', '?', '&', '=', '/', '#', '+', ' ', '%ZZ', '%E0%A4', '%ED%A0%80', '%00', '%C0%AF',
	'\u0000', '\ud800', '\udc00', '\u3000', '홍', '&secret=', '&secret=JBSWY3DPEHPK3PXP', '&issuer=', '&digits=',
	'&period=', '&counter=', '&algorithm=', '=', '==', '-1', '1e3', '9007199254740993', 'otpauth://', 'hotp/', 'totp/'
);

type Mutation = { kind: 'insert' | 'delete' | 'replace' | 'duplicate' | 'swapcase'; at: number; len: number; text: string };
const mutation: fc.Arbitrary<Mutation> = fc.record({
	kind: fc.constantFrom('insert', 'delete', 'replace', 'duplicate', 'swapcase'),
	at: fc.nat(),
	len: fc.integer({ min: 1, max: 12 }),
	text: fc.oneof(fragments, fc.string({ unit: 'binary', maxLength: 4 }), fc.string({ maxLength: 4 }))
});

function mutate(uri: string, mutations: Mutation[]): string {
	let s = uri;
	for (const { kind, at, len, text } of mutations) {
		const i = at % (s.length + 1);
		const j = Math.min(s.length, i + len);
		if (kind === 'insert') s = s.slice(0, i) + text + s.slice(i);
		else if (kind === 'delete') s = s.slice(0, i) + s.slice(j);
		else if (kind === 'replace') s = s.slice(0, i) + text + s.slice(j);
		else if (kind === 'duplicate') s = s.slice(0, j) + s.slice(i, j) + s.slice(j);
		else s = s.slice(0, i) + [...s.slice(i, j)].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('') + s.slice(j);
	}
	return s;
}

const validUri = fc.oneof(
	keyUri.map((k) => formatKeyUri(k)),
	fc.constantFrom(
		'otpauth://totp/HRDK:%ED%99%8D%EA%B8%B8%EB%8F%99?secret=JBSWY3DPEHPK3PXP&issuer=HRDK&period=60',
		'otpauth://hotp/X?secret=JBSWY3DPEHPK3PXP&counter=0',
		'otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30'
	)
);
const mutatedUri = fc.tuple(validUri, fc.array(mutation, { minLength: 1, maxLength: 6 })).map(([u, m]) => mutate(u, m));
const base32ish = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567abcxyz=- 018\t\u3000ı'), maxLength: 40 });

describe('fuzz: hostile strings only ever raise OtpError', () => {
	const params = { numRuns: RUNS, seed: SEED };
	afterAll(() => {
		console.log(
			`fuzz: ${RUNS} runs per property, ${stats.calls} calls: ${stats.accepted} accepted (${stats.reparsed} re-parsed via formatKeyUri), ${stats.rejected} OtpErrors`
		);
	});

	it.each([
		['fc.string', fc.string({ maxLength: 200 })],
		['full Unicode (binary) strings', fc.string({ unit: 'binary', maxLength: 200 })],
		['grapheme strings', fc.string({ unit: 'grapheme', maxLength: 100 })],
		['otpauth:// + random', fc.string({ unit: fc.oneof(fragments, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 40 }).map((s) => `otpauth://${s}`)],
		['mutated valid URIs', mutatedUri],
		[
			'strings around the length limit',
			fc
				.tuple(fc.string({ unit: 'binary', maxLength: 20 }), fc.integer({ min: MAX_URI_LENGTH - 8, max: MAX_URI_LENGTH + 8 }))
				.map(([tail, n]) => `otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&x=${tail}`.padEnd(n, tail || 'a'))
		]
	])('fuzz parseKeyUri with %s', (_name, strings) => {
		fc.assert(fc.property(strings, (s) => parseAndReparse(s)), params);
	});

	it.each([
		['fc.string', fc.string({ maxLength: 200 })],
		['full Unicode (binary) strings', fc.string({ unit: 'binary', maxLength: 200 })],
		['base32-ish strings', base32ish]
	])('fuzz decodeBase32 with %s', (_name, strings) => {
		fc.assert(
			fc.property(strings, (s) => {
				const bytes = onlyOtpErrors(() => decodeBase32(s));
				if (bytes !== undefined) expect(bytes.length).toBeGreaterThan(0);
			}),
			params
		);
	});
});
