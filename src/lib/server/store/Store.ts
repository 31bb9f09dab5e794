import type { VerifyAttempt, VerifyOutcome } from '../institute/applyVerification';

/**
 * The persistence contract of the institute service. Two implementations: `SqliteStore` (one
 * process, the default) and `PostgresStore` (several processes). Every method that changes
 * verification state is atomic in the database itself, so single use and the lockout hold
 * across processes, not just across requests of one process.
 *
 * Time is always passed in (`now`, ms since the epoch) so tests drive expiry and time steps.
 * Secrets only ever cross this interface sealed (`SecretBox`); tokens, codes and session ids
 * only as keyed lookup hashes.
 */
export interface Store {
	/** Which implementation, for logs and the health of the docs' examples. */
	readonly kind: 'sqlite' | 'postgres';

	/** Creates or upgrades the schema (idempotent, safe when several processes start at once). */
	migrate(): Promise<void>;

	/**
	 * Records `key` the first time, then refuses any other: a process started with a different
	 * master key would otherwise write secrets nobody else can open.
	 * @returns false when the database already belongs to another key
	 */
	claimKeyFingerprint(fingerprint: string): Promise<boolean>;

	/**
	 * Stores a new enrollment, creating the trainee when unknown, and supersedes that trainee's
	 * earlier unredeemed enrollments (only the newest link works). The trainee's current secret
	 * stays valid until this enrollment is redeemed.
	 * @throws ApiError `CONFLICT` when the token or code hash collides (the caller draws new ones)
	 */
	issueEnrollment(input: NewEnrollment, actor: Actor): Promise<void>;

	/** The enrollment behind a token or code hash, in any state, or `null`. */
	findEnrollment(lookup: EnrollmentLookup): Promise<EnrollmentRecord | null>;

	/**
	 * Spends an enrollment and installs its secret as the trainee's only secret: the previous one
	 * is replaced, failures and the lock are cleared, `lastStep` is forgotten (a new secret has
	 * no used steps), and name/phone become the enrollment's.
	 * @returns `redeemed`, or why not (another request may have spent it a moment ago)
	 */
	redeemEnrollment(input: RedeemInput, actor: Actor): Promise<RedeemOutcome>;

	/**
	 * The repeat of a redeem whose answer was lost: the sealed secret that redeem installed, when
	 * the enrollment was redeemed with this retry key, at most `windowMs` ago, and that secret is
	 * still the trainee's (no newer redeem, no revoke). Changes nothing but the audit log
	 * (`enroll.redeem` / `repeated`).
	 * @returns the sealed secret, or `null` (the caller answers `ENROLLMENT_USED`)
	 */
	repeatRedeem(input: RepeatRedeemInput, actor: Actor): Promise<Uint8Array | null>;

	/** The trainee's sealed secret and its generation, or `null` when there is none (not enrolled). */
	getCredential(traineeId: string): Promise<Credential | null>;

	/** Ids of trainees holding a secret whose phone digits equal `digits`. */
	findEnrolledByPhone(digits: string): Promise<string[]>;

	/**
	 * The atomic heart of verification: under a row lock, checks the credential is still the one
	 * the candidates were computed from, applies `applyVerification`, writes the new counters and
	 * the audit entry, all in one transaction.
	 * @returns the outcome; `stale` when the secret changed meanwhile (the caller retries);
	 *   `not-enrolled` when the trainee has no secret any more
	 */
	recordVerification(attempt: StoredVerifyAttempt, actor: Actor): Promise<VerifyOutcome | 'stale' | 'not-enrolled'>;

	/** Clears the lock and the failure count (not `lastStep`). `null` when the trainee is unknown. */
	unlock(traineeId: string, now: number, actor: Actor): Promise<TraineeRecord | null>;

	/** Deletes the secret, cancels open enrollments, marks revoked. `null` when the trainee is unknown. */
	revoke(traineeId: string, now: number, actor: Actor): Promise<TraineeRecord | null>;

	/** One trainee with its derived status, or `null`. */
	getTrainee(traineeId: string, now: number): Promise<TraineeRecord | null>;

	/** Trainees ordered by id, for the console and `GET /api/v1/trainees`. */
	listTrainees(query: { now: number; limit: number; after?: string }): Promise<TraineeRecord[]>;

	/** Appends an audit entry outside any other operation (refusals, logins). */
	appendAudit(entry: NewAuditEntry): Promise<void>;

	/** Newest first; `before` pages by id. */
	listAudit(query: { limit: number; before?: number; traineeId?: string }): Promise<AuditEntry[]>;

	/** Stores a console session by the lookup hash of its id. */
	createSession(idHash: string, now: number, expiresAt: number): Promise<void>;
	/** Whether a session exists and has not expired. */
	hasSession(idHash: string, now: number): Promise<boolean>;
	/** Ends a session (logout); also sweeps expired ones. */
	deleteSession(idHash: string, now: number): Promise<void>;

	/** Releases the database (tests, shutdown). */
	close(): Promise<void>;
}

/** Who did something, for the audit log. Never a key, token, code or secret. */
export interface Actor {
	kind: 'api' | 'console' | 'app';
	ip: string | null;
}

/** What {@link Store.issueEnrollment} stores. */
export interface NewEnrollment {
	id: string;
	traineeId: string;
	name: string;
	phoneDigits: string;
	tokenHash: string;
	codeHash: string;
	now: number;
	expiresAt: number;
}

/** How an enrollment is looked up: by the hash of its link token or of its typed code. */
export type EnrollmentLookup = { tokenHash: string } | { codeHash: string };

/** A stored enrollment (never its token or code, which are not stored). */
export interface EnrollmentRecord {
	id: string;
	traineeId: string;
	name: string;
	phoneDigits: string;
	createdAt: number;
	expiresAt: number;
	redeemedAt: number | null;
	supersededAt: number | null;
}

/** What {@link Store.redeemEnrollment} needs. */
export interface RedeemInput {
	enrollmentId: string;
	/** The new secret, sealed for the enrollment's trainee. */
	sealedSecret: Uint8Array;
	now: number;
	/** Lookup hash of the app's retry key, when it sent one (`repeatRedeem`). */
	retryKeyHash?: string;
}

/** What {@link Store.repeatRedeem} checks. */
export interface RepeatRedeemInput {
	enrollmentId: string;
	/** Lookup hash of the retry key the app sent. */
	retryKeyHash: string;
	now: number;
	windowMs: number;
}

/** Why a redeem did or did not happen. */
export type RedeemOutcome = 'redeemed' | 'not-found' | 'used' | 'expired' | 'superseded';

/** A trainee's sealed secret. `generation` increases with every redeem. */
export interface Credential {
	traineeId: string;
	generation: number;
	sealedSecret: Uint8Array;
}

/** A verification attempt as the store sees it: candidates were computed from `generation`. */
export interface StoredVerifyAttempt extends VerifyAttempt {
	traineeId: string;
	generation: number;
	now: number;
}

/** Derived from the row: locked > enrolled > pending > revoked > none. */
export type TraineeStatus = 'enrolled' | 'locked' | 'pending' | 'revoked' | 'none';

/** A trainee as shown to institutes (no secret, no counters beyond what the console shows). */
export interface TraineeRecord {
	id: string;
	name: string;
	phoneDigits: string;
	status: TraineeStatus;
	failures: number;
	enrolledAt: number | null;
	lockedAt: number | null;
	revokedAt: number | null;
	lastVerifiedAt: number | null;
	lastResult: string | null;
	/** Expiry of the newest open enrollment, when one is waiting to be redeemed. */
	pendingExpiresAt: number | null;
	createdAt: number;
}

/** Audit actions. Results are short words (`accepted`, `rejected:invalid`, `expired`…). */
export type AuditAction =
	| 'enroll.issue'
	| 'enroll.preview'
	| 'enroll.redeem'
	| 'verify'
	| 'lock'
	| 'unlock'
	| 'revoke'
	| 'console.login';

/** An entry to append. */
export interface NewAuditEntry {
	at: number;
	actor: Actor;
	action: AuditAction;
	traineeId: string | null;
	result: string;
}

/** A stored audit entry. */
export interface AuditEntry {
	id: number;
	at: number;
	actor: Actor['kind'];
	ip: string | null;
	action: AuditAction;
	traineeId: string | null;
	result: string;
}
