import { fromBase64Url } from '../crypto/bytes';
import { VaultError } from './VaultError';
import { VAULT_LIMITS } from './vaultLimits';

/**
 * Readers for the fields of a decoded vault record. The record comes from storage, which is
 * hostile input (docs/threat-model.md), so each reader checks type, range and length exactly and
 * throws `VaultError('VAULT_CORRUPT')` naming the JSON path of the offending field.
 */

/** A plain JSON object, as produced by `JSON.parse`. */
export type JsonObject = { readonly [key: string]: unknown };

/**
 * Refuses a field with `VAULT_CORRUPT`.
 * @param path - JSON path of the field, e.g. `header.slots[0].salt`
 * @param why - what is wrong with it
 * @param cause - the lower-level error, if any
 */
export function corrupt(path: string, why: string, cause?: unknown): VaultError {
	return new VaultError('VAULT_CORRUPT', `vault record: ${path} ${why}`, cause === undefined ? undefined : { cause });
}

/**
 * Reads an object that has exactly the given keys. Unknown keys are refused rather than
 * ignored: version 1 is a closed format, and anything it does not define is not covered by
 * the integrity MAC (which is computed over the known fields only).
 * @param value - the parsed JSON value
 * @param path - its JSON path
 * @param keys - the keys it must have, all of them and no others
 */
export function readObject(value: unknown, path: string, keys: readonly string[]): JsonObject {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) throw corrupt(path, 'must be an object');
	const obj = value as JsonObject;
	const own = Object.keys(obj);
	for (const key of own) if (!keys.includes(key)) throw corrupt(path, `has an unknown field "${key.slice(0, 32)}"`);
	for (const key of keys) if (!Object.hasOwn(obj, key)) throw corrupt(path, `lacks the field "${key}"`);
	return obj;
}

/**
 * Reads an array of at most `max` elements.
 * @param value - the parsed JSON value
 * @param path - its JSON path
 * @param max - largest allowed length
 */
export function readArray(value: unknown, path: string, max: number): readonly unknown[] {
	if (!Array.isArray(value)) throw corrupt(path, 'must be an array');
	if (value.length > max) throw corrupt(path, `has more than ${max} elements`);
	return value;
}

/**
 * Reads an integer in `min..max` (JSON numbers are doubles; fractions, NaN-likes and
 * out-of-range values are refused).
 */
export function readInt(value: unknown, path: string, min: number, max: number): number {
	if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw corrupt(path, 'must be an integer');
	if (value < min || value > max) throw corrupt(path, `must be in ${min}..${max}`);
	return value;
}

/** Matches a lone (unpaired) UTF-16 surrogate, which has no UTF-8 encoding. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** C0 and C1 control characters: never part of an issuer or account name. */
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

/**
 * Reads a display string (issuer, account name): at most `maxNameLength` UTF-16 code units,
 * well-formed Unicode, no control characters.
 */
export function readName(value: unknown, path: string): string {
	if (typeof value !== 'string') throw corrupt(path, 'must be a string');
	const problem = nameProblem(value);
	if (problem) throw corrupt(path, problem);
	return value;
}

/**
 * What is wrong with a display string, or `null`; shared by the decoder and the writers so
 * whatever is written can be read back.
 * @param value - the string to check
 */
export function nameProblem(value: string): string | null {
	if (value.length > VAULT_LIMITS.maxNameLength) return `must be at most ${VAULT_LIMITS.maxNameLength} characters`;
	if (LONE_SURROGATE.test(value)) return 'must be well-formed Unicode';
	if (CONTROL.test(value)) return 'must not contain control characters';
	return null;
}

/** Reads a slot or account id (`VAULT_LIMITS.idPattern`). */
export function readId(value: unknown, path: string): string {
	if (typeof value !== 'string' || !VAULT_LIMITS.idPattern.test(value)) throw corrupt(path, 'must be a base64url id of 1..64 characters');
	return value;
}

/**
 * Reads a base64url field whose decoded length lies in `min..max` bytes, and returns the text
 * (the in-memory vault keeps binary fields encoded; openers decode them with `decodeField`).
 */
export function readBase64Url(value: unknown, path: string, min: number, max = min): string {
	if (typeof value !== 'string') throw corrupt(path, 'must be a base64url string');
	// Bound the work before decoding: n bytes take ceil(4n/3) characters.
	if (value.length > Math.ceil((max * 4) / 3)) throw corrupt(path, `must decode to at most ${max} bytes`);
	decodeField(value, path, min, max);
	return value;
}

/**
 * Decodes a base64url field and checks its length, turning every failure into `VAULT_CORRUPT`.
 * @param value - base64url text
 * @param path - JSON path, for the message
 * @param min - fewest bytes
 * @param max - most bytes (defaults to `min`)
 */
export function decodeField(value: string, path: string, min: number, max = min): Uint8Array<ArrayBuffer> {
	let bytes: Uint8Array<ArrayBuffer>;
	try {
		bytes = fromBase64Url(value);
	} catch (cause) {
		throw corrupt(path, 'is not canonical base64url', cause);
	}
	if (bytes.length < min || bytes.length > max) {
		throw corrupt(path, min === max ? `must decode to ${min} bytes` : `must decode to ${min}..${max} bytes`);
	}
	return bytes;
}
