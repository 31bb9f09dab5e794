/** Everything the institute service reads from its environment, resolved once at first use. */
export interface Config {
	/** Where SQLite, the generated API key and the generated master key live (`MOTP_DATA_DIR`, default `./data`). */
	dataDir: string;
	/** PostgreSQL connection string (`DATABASE_URL`); absent means SQLite in `dataDir`. */
	databaseUrl: string | undefined;
	/** The institute name shown to trainees and used as the `otpauth` issuer (`MOTP_INSTITUTE_NAME`). */
	instituteName: string;
	/** The public origin for enrollment links (`ORIGIN`); absent means the request's own origin. */
	origin: string | undefined;
	/** Bearer key for the institute API and console (`MOTP_API_KEY`, or the generated key file). */
	apiKey: string;
	/** 32-byte server key that seals secrets and keys lookup hashes (`MOTP_MASTER_KEY` or the key file). */
	masterKey: Uint8Array;
	/** How long an issued enrollment stays redeemable, in ms (`MOTP_ENROLL_TTL_HOURS`, default 24). */
	enrollTtlMs: number;
}
