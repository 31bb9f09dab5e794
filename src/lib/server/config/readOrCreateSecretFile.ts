import { chmodSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** The value of a secret file, and whether this call created it. */
export interface SecretFile {
	value: string;
	created: boolean;
}

/**
 * Reads a small secret file (the API key, the master key), creating it with mode 0600 when it
 * is missing. Creation is atomic across processes: the content goes to a private temp file that
 * is then hard-linked into place, and `link` fails if another process won the race, in which
 * case we read the winner's value. A reader therefore never sees a half-written file.
 *
 * @param path - the file
 * @param generate - makes the value when the file is missing
 * @param isValid - refuses a corrupted file instead of silently using it
 * @throws Error when the file exists but `isValid` rejects it
 */
export function readOrCreateSecretFile(
	path: string,
	generate: () => string,
	isValid: (value: string) => boolean
): SecretFile {
	const existing = tryRead(path);
	if (existing !== undefined) return { value: checked(existing, path, isValid), created: false };

	mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
	const value = generate();
	const tmp = join(dirname(path), `.${randomBytes(8).toString('hex')}.tmp`);
	writeFileSync(tmp, `${value}\n`, { mode: 0o600, flag: 'wx' });
	try {
		chmodSync(tmp, 0o600); // the umask may have widened nothing, but make it explicit
		linkSync(tmp, path);
		return { value, created: true };
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		const winner = tryRead(path);
		if (winner === undefined) throw error;
		return { value: checked(winner, path, isValid), created: false };
	} finally {
		unlinkSync(tmp);
	}
}

function tryRead(path: string): string | undefined {
	try {
		const text = readFileSync(path, 'utf8').trim();
		const mode = statSync(path).mode & 0o777;
		if (mode & 0o077) {
			// Never print the value; the path and mode are enough to act on.
			console.warn(`mOTP: ${path} is readable by other users (mode ${mode.toString(8)}); chmod 600 it`);
		}
		return text;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw error;
	}
}

function checked(value: string, path: string, isValid: (value: string) => boolean): string {
	if (!isValid(value)) throw new Error(`mOTP: ${path} exists but does not hold a valid value`);
	return value;
}
