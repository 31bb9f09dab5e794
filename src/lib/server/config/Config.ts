import type { LockoutPolicy } from './LockoutPolicy';

/** Everything the institute service reads from its environment, resolved once at first use. */
export interface Config {
	/** Where SQLite and the generated API key live (`MOTP_DATA_DIR`, default `./data`); the master key does not. */
	dataDir: string;
	/** PostgreSQL connection string (`DATABASE_URL`); absent means SQLite in `dataDir`. */
	databaseUrl: string | undefined;
	/** The institute name shown to trainees and used as the `otpauth` issuer (`MOTP_INSTITUTE_NAME`). */
	instituteName: string;
	/** The public origin for enrollment links (`ORIGIN`); absent means the request's own origin. */
	origin: string | undefined;
	/** Bearer key for the institute API and console (`MOTP_API_KEY`, or the generated key file). */
	apiKey: string;
	/**
	 * 32-byte server key that seals secrets and keys lookup hashes: `MOTP_MASTER_KEY`, or the file
	 * `MOTP_MASTER_KEY_FILE`, or one generated into `keys/` beside the data directory.
	 */
	masterKey: Uint8Array;
	/** When the institute side locks a trainee (`MOTP_LOCK_CONSECUTIVE`, `MOTP_LOCK_WINDOW_FAILURES`, `MOTP_LOCK_WINDOW_DAYS`). */
	lockout: LockoutPolicy;
	/** How long an issued enrollment stays redeemable, in ms (`MOTP_ENROLL_TTL_HOURS`, default 24). */
	enrollTtlMs: number;
	/**
	 * Days audit rows are kept before the retention prune deletes them (`MOTP_AUDIT_RETENTION_DAYS`,
	 * default {@link DEFAULT_AUDIT_RETENTION_DAYS}; `off` keeps them forever, `null` here).
	 */
	auditRetentionDays?: number | null;
}

/**
 * The default audit retention: 4 years (docs/decisions-server.md, "Audit retention"): three years of
 * record-keeping counted from the end of a course, plus a year for the longest courses to end.
 */
export const DEFAULT_AUDIT_RETENTION_DAYS = 1461;
