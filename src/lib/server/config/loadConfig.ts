import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { DEFAULT_AUDIT_RETENTION_DAYS, type Config } from './Config';
import { readOrCreateSecretFile } from './readOrCreateSecretFile';
import { DEFAULT_LOCKOUT, type LockoutPolicy } from './LockoutPolicy';
import { securePrivateDir } from './securePrivateDir';

/** The environment variables {@link loadConfig} reads. */
export type ConfigEnv = Readonly<Record<string, string | undefined>>;

const DEFAULT_INSTITUTE = 'mOTP 훈련기관';
const HEX64 = /^[0-9a-fA-F]{64}$/;
/**
 * The shortest API key accepted (issue 12). A generated key is 43 characters (256 bits); 32
 * characters of even a weak alphabet (hex: 128 bits) make guessing hopeless, and refusing shorter
 * keys stops a hand-picked password such as "institute2026" from guarding every trainee.
 */
export const MIN_API_KEY_LENGTH = 32;

/**
 * Resolves the service configuration. Generates the API key into the data directory and the
 * master key into a `keys/` directory beside it (both mode 0600) when they are not given; the API
 * key is printed once, at generation, because the operator has no other way to learn it. The
 * master key is never printed.
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
		masterKey: resolveMasterKey(env, dataDir),
		enrollTtlMs: Math.round(ttlHours * 3_600_000),
		lockout: resolveLockout(env),
		auditRetentionDays: resolveAuditRetention(env.MOTP_AUDIT_RETENTION_DAYS)
	};
}

/**
 * `MOTP_AUDIT_RETENTION_DAYS`: whole days from 365 to 36500, or `off` to keep every row. Never below a
 * year: a typo must not let the next prune wipe the records an inspection asks for.
 */
function resolveAuditRetention(raw: string | undefined): number | null {
	const value = raw?.trim().toLowerCase();
	if (!value) return DEFAULT_AUDIT_RETENTION_DAYS;
	if (value === 'off') return null;
	const days = Number(value);
	if (!/^[0-9]+$/.test(value) || days < 365 || days > 36_500) {
		throw new Error('mOTP: MOTP_AUDIT_RETENTION_DAYS must be a whole number of days from 365 to 36500, or off');
	}
	return days;
}

/**
 * The lockout numbers (docs/decisions-server.md, "Lockout policy"). Each may be tightened or, within
 * bounds, loosened; the consecutive limit never above 10 (the seeds say 5) and the window limit never
 * below it, or the window would lock before the run it is meant to back up.
 */
function resolveLockout(env: ConfigEnv): LockoutPolicy {
	const int = (name: string, fallback: number, min: number, max: number): number => {
		const raw = env[name]?.trim();
		if (!raw) return fallback;
		const n = Number(raw);
		if (!Number.isInteger(n) || n < min || n > max) throw new Error(`mOTP: ${name} must be a whole number from ${min} to ${max}`);
		return n;
	};
	const consecutiveFailures = int('MOTP_LOCK_CONSECUTIVE', DEFAULT_LOCKOUT.consecutiveFailures, 1, 10);
	const windowFailures = int('MOTP_LOCK_WINDOW_FAILURES', DEFAULT_LOCKOUT.windowFailures, consecutiveFailures, 100);
	const windowDays = int('MOTP_LOCK_WINDOW_DAYS', DEFAULT_LOCKOUT.windowMs / 86_400_000, 1, 365);
	return { consecutiveFailures, windowFailures, windowMs: windowDays * 86_400_000 };
}

function resolveApiKey(given: string | undefined, dataDir: string, log: (line: string) => void): string {
	const key = given?.trim();
	if (key) {
		if (key.length < MIN_API_KEY_LENGTH) {
			throw new Error(
				`mOTP: MOTP_API_KEY is ${key.length} characters; it must be at least ${MIN_API_KEY_LENGTH}. ` +
					'Leave it unset to have a random key generated into the data directory, or make one with: ' +
					"node -e \"console.log(require('crypto').randomBytes(32).toString('base64url'))\""
			);
		}
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

/**
 * Where the generated master key lives when neither `MOTP_MASTER_KEY` nor `MOTP_MASTER_KEY_FILE`
 * says: a `keys/` directory beside the data directory (`./data` → `./keys/master-key`), never
 * inside it. A copy of the data directory (a backup, a database dump handed to a vendor) then holds
 * sealed secrets without the key that opens them (issue 12; docs/decisions-server.md, "The master key").
 */
export function defaultMasterKeyFile(dataDir: string): string {
	const parent = dirname(dataDir);
	return join(parent, basename(dataDir) === 'keys' ? 'motp-keys' : 'keys', 'master-key');
}

function resolveMasterKey(env: ConfigEnv, dataDir: string): Uint8Array {
	const hex = env.MOTP_MASTER_KEY?.trim();
	if (hex) {
		if (!HEX64.test(hex)) throw new Error('mOTP: MOTP_MASTER_KEY must be 64 hex digits (32 bytes)');
		return new Uint8Array(Buffer.from(hex, 'hex'));
	}
	let path = env.MOTP_MASTER_KEY_FILE?.trim() ? resolve(env.MOTP_MASTER_KEY_FILE.trim()) : defaultMasterKeyFile(dataDir);
	const legacy = join(dataDir, 'master-key');
	// Before issue 12 the key was generated into the data directory. Keep using it (moving it
	// silently could strand another process that shares the database), and say how to move it.
	if (!env.MOTP_MASTER_KEY_FILE?.trim() && !existsSync(path) && existsSync(legacy)) path = legacy;
	if (dirname(path) === dataDir) {
		console.warn(
			`mOTP: WARNING: the master key (${path}) is in the same directory as the database, so a copy of that ` +
				'directory opens every sealed secret. Move it elsewhere and point MOTP_MASTER_KEY_FILE at it, ' +
				`for example: mkdir -m 700 -p ${dirname(defaultMasterKeyFile(dataDir))} && mv ${path} ${defaultMasterKeyFile(dataDir)}`
		);
	}
	const file = readOrCreateSecretFile(path, () => randomBytes(32).toString('hex'), (v) => HEX64.test(v));
	return new Uint8Array(Buffer.from(file.value, 'hex'));
}
