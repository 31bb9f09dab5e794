import { randomBytes } from 'node:crypto';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { Config } from './Config';
import { readOrCreateSecretFile } from './readOrCreateSecretFile';
import { securePrivateDir } from './securePrivateDir';

/** The environment variables {@link loadConfig} reads. */
export type ConfigEnv = Readonly<Record<string, string | undefined>>;

const DEFAULT_INSTITUTE = 'mOTP 훈련기관';
const HEX64 = /^[0-9a-fA-F]{64}$/;
/** An API key must be long enough that guessing it is hopeless (≥ 128 bits when random). */
const MIN_API_KEY_LENGTH = 16;

/**
 * Resolves the service configuration. Generates the API key and the master key into the data
 * directory (mode 0600) when they are not given; the API key is printed once, at generation,
 * because the operator has no other way to learn it. The master key is never printed.
 *
 * @param env - usually `process.env`
 * @param log - where the one-time key announcement goes (stdout by default)
 * @throws Error on an unusable setting, so a misconfigured server refuses to start
 */
export function loadConfig(env: ConfigEnv, log: (line: string) => void = console.log): Config {
	const dataDir = resolve(env.MOTP_DATA_DIR?.trim() || './data');
	// Keys, the SQLite file and personal data live here: 0700 (docs/decisions-server.md, "The data directory").
	securePrivateDir(dataDir, log);

	const ttlHours = env.MOTP_ENROLL_TTL_HOURS?.trim() ? Number(env.MOTP_ENROLL_TTL_HOURS) : 24;
	if (!Number.isFinite(ttlHours) || ttlHours <= 0 || ttlHours > 24 * 30) {
		throw new Error('mOTP: MOTP_ENROLL_TTL_HOURS must be a number of hours between 0 and 720');
	}

	let origin: string | undefined;
	if (env.ORIGIN?.trim()) {
		try {
			origin = new URL(env.ORIGIN.trim()).origin;
		} catch {
			throw new Error('mOTP: ORIGIN must be a URL such as https://motp.example.ac.kr');
		}
	}

	const instituteName = env.MOTP_INSTITUTE_NAME?.trim() || DEFAULT_INSTITUTE;
	// It becomes the otpauth issuer (src/lib/otp/keyUri.ts refuses control characters there).
	if (/\p{Cc}|\p{Cs}/u.test(instituteName) || [...instituteName].length > 100) {
		throw new Error('mOTP: MOTP_INSTITUTE_NAME must be at most 100 characters without control characters');
	}

	return {
		dataDir,
		databaseUrl: env.DATABASE_URL?.trim() || undefined,
		instituteName,
		origin,
		apiKey: resolveApiKey(env.MOTP_API_KEY, dataDir, log),
		masterKey: resolveMasterKey(env.MOTP_MASTER_KEY, dataDir),
		enrollTtlMs: Math.round(ttlHours * 3_600_000)
	};
}

function resolveApiKey(given: string | undefined, dataDir: string, log: (line: string) => void): string {
	const key = given?.trim();
	if (key) {
		if (key.length < MIN_API_KEY_LENGTH) throw new Error(`mOTP: MOTP_API_KEY must be at least ${MIN_API_KEY_LENGTH} characters`);
		return key;
	}
	const path = join(dataDir, 'api-key');
	const file = readOrCreateSecretFile(
		path,
		() => randomBytes(32).toString('base64url'),
		(v) => v.length >= MIN_API_KEY_LENGTH && !/\s/.test(v)
	);
	if (file.created) {
		// The one and only time the key is shown; it stays readable in the 0600 file. The README's
		// curl step reads $MOTP_API_KEY, so say how to get it into a shell without copying it by hand.
		const shown = shellPath(path);
		log(`mOTP: generated an institute API key (saved in ${shown}): ${file.value}`);
		log(`mOTP: to use it in a shell here:  export MOTP_API_KEY=$(cat ${shown})`);
	}
	return file.value;
}

/** The path as a shell should see it: relative when below the working directory, quoted when it must be. */
function shellPath(path: string): string {
	const rel = relative(process.cwd(), path);
	const shown = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
	return /^[\w./-]+$/.test(shown) ? shown : `'${shown.replaceAll("'", `'\\''`)}'`;
}

function resolveMasterKey(given: string | undefined, dataDir: string): Uint8Array {
	const hex = given?.trim();
	if (hex) {
		if (!HEX64.test(hex)) throw new Error('mOTP: MOTP_MASTER_KEY must be 64 hex digits (32 bytes)');
		return new Uint8Array(Buffer.from(hex, 'hex'));
	}
	const file = readOrCreateSecretFile(
		join(dataDir, 'master-key'),
		() => randomBytes(32).toString('hex'),
		(v) => HEX64.test(v)
	);
	return new Uint8Array(Buffer.from(file.value, 'hex'));
}
