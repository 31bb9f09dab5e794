import { randomBytes } from 'node:crypto';

/**
 * The typed-code alphabet: Crockford's base32 digits and letters minus everything a person can
 * misread or mistype — 0/O, 1/I/L, and U (Crockford drops it to avoid accidental words).
 * 30 symbols, so 8 of them carry log2(30^8) ≈ 39.3 bits.
 */
export const ENROLL_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Symbols in a code, without the display dash. */
export const ENROLL_CODE_LENGTH = 8;

/** A random generator returning `n` bytes; a seam for deterministic tests. */
export type RandomBytes = (n: number) => Uint8Array;

const defaultRandom: RandomBytes = (n) => new Uint8Array(randomBytes(n));

/**
 * A fresh code in its canonical form (8 symbols, no dash). Each symbol is drawn by rejection
 * sampling so every symbol is equally likely (a plain `byte % 30` would favour the first 16).
 */
export function generateEnrollCode(random: RandomBytes = defaultRandom): string {
	const limit = 256 - (256 % ENROLL_CODE_ALPHABET.length); // 240: the largest multiple of 30
	let out = '';
	while (out.length < ENROLL_CODE_LENGTH) {
		for (const byte of random(ENROLL_CODE_LENGTH * 2)) {
			if (byte >= limit) continue;
			out += ENROLL_CODE_ALPHABET[byte % ENROLL_CODE_ALPHABET.length];
			if (out.length === ENROLL_CODE_LENGTH) break;
		}
	}
	return out;
}

/**
 * The canonical form of something a person typed: case-insensitive, dash and spaces optional.
 * @returns the 8-symbol code, or `null` when it cannot be a code at all
 */
export function normalizeEnrollCode(input: string): string | null {
	if (input.length > 32) return null;
	const compact = input.replace(/[\s-]/g, '').toUpperCase();
	if (compact.length !== ENROLL_CODE_LENGTH) return null;
	for (const ch of compact) if (!ENROLL_CODE_ALPHABET.includes(ch)) return null;
	return compact;
}

/** Display form `XXXX-XXXX`, the shape printed on the console and typed into the app. */
export function formatEnrollCode(code: string): string {
	return `${code.slice(0, 4)}-${code.slice(4)}`;
}
