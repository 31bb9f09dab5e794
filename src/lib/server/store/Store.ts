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
	 * @throws StoreError `UNIQUE_VIOLATION` when the token or code hash collides (the caller draws new ones)
	 */
	issueEnrollment(input: NewEnrollment, actor: Actor): Promise<void>;

	/**
	 * A whole class at once (issue 16): each of `batch` as {@link issueEnrollment} would store it,
	 * all in ONE transaction, so either every trainee of the upload gets a new enrollment or none
	 * does. Refuses, writing nothing, when a trainee of the batch holds a device (a secret) that
	 * `allowDeviceLoss` does not name: the institute confirmed a list that is no longer the truth
	 * (someone enrolled between the preview and the issue).
	 * @returns `issued`, or every device holder of the batch (sorted) when one was not allowed
	 * @throws StoreError `UNIQUE_VIOLATION` when a token or code hash collides (the caller draws new ones)
	 */
	issueEnrollments(batch: readonly NewEnrollment[], actor: Actor, allowDeviceLoss: readonly string[]): Promise<'issued' | { deviceHolders: string[] }>;

	/** Which of `traineeIds` hold a secret (an enrolled device, locked or not), sorted by id. */
	deviceHolders(traineeIds: readonly string[]): Promise<string[]>;

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

	/** Ids of trainees holding a secret whose phone digits equal `digits`. */
	findEnrolledByPhone(digits: string): Promise<string[]>;

	/**
	 * The atomic heart of verification, and the store's only part in it: under the trainee's row
	 * lock, hands the trainee's verification state and sealed secret to `decide` (a synchronous,
	 * pure function the institute layer owns), then writes the state it returns and its audit rows,
	 * all in one transaction and one read of the row. The store knows no rule. If `decide` throws,
	 * nothing is written and the error reaches the caller.
	 * @returns what `decide` returned, or `not-enrolled` when the trainee holds no secret
	 */
	transitionVerifyState<T>(
		input: { traineeId: string; now: number; idempotency?: IdempotencyClaim<T> },
		actor: Actor,
		decide: (state: VerifyState, sealedSecret: Uint8Array) => VerifyTransition<T>
	): Promise<{ value: T } | 'not-enrolled' | { earlier: IdempotentRecord }>;

	/**
	 * The unexpired answer stored under an idempotency key hash, or `null` (a read without locks;
	 * `transitionVerifyState` checks again under its lock, which is what decides).
	 */
	findIdempotent(keyHash: string, now: number): Promise<IdempotentRecord | null>;

	/** Deletes the idempotency records that expired at or before `now`; how many. */
	purgeIdempotency(now: number): Promise<number>;

	/** Clears the lock and both failure counts (not `lastStep`). `null` when the trainee is unknown. */
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

	/**
	 * Audit rows with an id above `afterId`, oldest first, with their chain hashes (for checking and
	 * export); the optional filters narrow it (`from` ≤ at < `to`, one trainee, one action).
	 */
	readAuditChain(query: AuditChainQuery): Promise<ChainedAuditEntry[]>;

	/**
	 * Where the kept chain starts: after a retention prune, the first kept row's id and the hash its
	 * `prev_hash` must equal, sealed (store/auditChain.ts `auditAnchorSealer`); `null` before any prune.
	 */
	getAuditAnchor(): Promise<AuditAnchor | null>;

	/**
	 * Retention (docs/decisions-server.md, "Audit retention"): deletes the oldest audit rows, a
	 * prefix of the chain, all of them older than `before`, and moves the sealed anchor to the first
	 * kept row, all in one transaction, then appends an `audit.prune` row saying how many went.
	 * The newest row is never deleted, so the kept chain is never empty after a prune.
	 * @returns how many rows were deleted (0 writes nothing)
	 */
	pruneAudit(input: { before: number; now: number }, actor: Actor): Promise<number>;

	/** The newest chained row's id and hash and the seal written with them (see `AuditChain`). */
	getAuditHead(): Promise<AuditHead>;

	/**
	 * Counts one unauthenticated lookup that found nothing (a preview or redeem of an unknown token
	 * or code), per hour, instead of appending an audit row for each: a flood of guesses must not
	 * grow the audit log without bound (issue 12).
	 */
	countLookupMiss(kind: LookupMissKind, now: number): Promise<void>;

	/** Misses counted in hours starting at or after `since`, per kind. */
	lookupMisses(since: number): Promise<Record<LookupMissKind, number>>;

	/**
	 * Stores a console session by the lookup hash of its id, bound to the API key it was opened with
	 * (`keyHash`), so rotating the key ends every session opened with the old one.
	 */
	createSession(idHash: string, now: number, expiresAt: number, keyHash: string): Promise<void>;
	/** Whether a session exists, has not expired, and was opened with the current key. */
	hasSession(idHash: string, now: number, keyHash: string): Promise<boolean>;
	/** Ends a session (logout); also sweeps expired ones. */
	deleteSession(idHash: string, now: number): Promise<void>;

	/**
	 * Registers an LMS client of the hosted verification page (issue 16), with an audit row.
	 * @throws StoreError `UNIQUE_VIOLATION` when the id is taken (the caller draws another)
	 */
	createClient(client: NewLmsClient, actor: Actor): Promise<void>;

	/** One LMS client with its sealed secret, or `null`. */
	getClient(id: string): Promise<LmsClientRecord | null>;

	/** Deletes an LMS client (its links stop working at once), with an audit row. `false` when unknown. */
	deleteClient(id: string, now: number, actor: Actor): Promise<boolean>;

	/** Every LMS client (without secrets), oldest first. */
	listClients(): Promise<Omit<LmsClientRecord, 'sealedSecret'>[]>;

	/** Releases the database (tests, shutdown). */
	close(): Promise<void>;
}

/**
 * An `Idempotency-Key` riding along with a verification (issue 16): inside the verification's
 * transaction the store first looks the key up (under a lock that a concurrent request with the same
 * key waits on). An unexpired record there is handed back as `earlier` and nothing is decided; else
 * the decision is made and `reply(value)` is stored under the key in the same commit. A stored
 * record therefore always holds the answer of a committed decision, and never a half-done one.
 */
export interface IdempotencyClaim<T> {
	/** Lookup hash of the key, scoped to the API key. */
	keyHash: string;
	/** Lookup hash of what the request asked (subject and code), to refuse the key with another body. */
	requestHash: string;
	expiresAt: number;
	/** The answer's JSON text for `value`, stored for the retries. */
	reply(value: T): string;
}

/** What an earlier request with the same idempotency key asked and was answered. */
export interface IdempotentRecord {
	requestHash: string;
	reply: string;
}

/** An LMS client to register: the secret only sealed (`SecretBox`, aad `clientAad(id)`). */
export interface NewLmsClient {
	id: string;
	name: string;
	/** Registered `return_to` prefixes as text (`https://lms.example/course`). */
	returnPrefixes: string[];
	sealedSecret: Uint8Array;
	now: number;
}

/** A stored LMS client. */
export interface LmsClientRecord {
	id: string;
	name: string;
	returnPrefixes: string[];
	sealedSecret: Uint8Array;
	createdAt: number;
}

/** Who did something, for the audit log. Never a key, token, code or secret. */
export interface Actor {
	/** `hosted`: a trainee on the hosted verification page `/v`, sent by an LMS (issue 16). `system`: the service itself, on a timer (the retention prune). */
	kind: 'api' | 'console' | 'app' | 'hosted' | 'system';
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

/** A trainee's verification state: what the lockout rule reads and writes. */
export interface VerifyState {
	/** The newest step ever accepted; a step at or below it is a replay. */
	lastStep: number | null;
	/** Failures in a row since the last success, unlock or enrollment. */
	failures: number;
	/** Times (ms) of the failures since the last unlock or enrollment that may still fall in the lockout window, oldest first. */
	recentFailures: readonly number[];
	/** When the newest failure happened. */
	lastFailureAt: number | null;
	locked: boolean;
}

/** What a verification decides: the next state, the word for `last_result`, the audit rows, and a value for the caller. */
export interface VerifyTransition<T> {
	next: VerifyState;
	lastResult: string;
	audit: { action: AuditAction; result: string }[];
	value: T;
}

/** The unauthenticated lookups whose misses are counted rather than logged one by one. */
export type LookupMissKind = 'enroll.preview' | 'enroll.redeem';

/** A stored audit entry with its place in the hash chain. */
export interface ChainedAuditEntry extends AuditEntry {
	/** The previous row's hash (64 zeros for the first row). */
	prevHash: string;
	/** SHA-256 over this row and `prevHash` (`auditRowHash`). */
	hash: string;
}

/** What {@link Store.readAuditChain} reads. */
export interface AuditChainQuery {
	afterId: number;
	limit: number;
	/** Rows at or after this time (ms). */
	from?: number;
	/** Rows before this time (ms). */
	to?: number;
	traineeId?: string;
	action?: AuditAction;
}

/** Where the kept chain starts after a prune: the first kept row's id, the hash before it, and a keyed seal over both. */
export interface AuditAnchor {
	/** The first row that was kept (rows below it were pruned). */
	firstId: number;
	/** The `prev_hash` that row holds: the hash of the last pruned row. */
	prevHash: string;
	/** When the prune ran, and the cut-off it used (ms). */
	prunedAt: number;
	before: number;
	seal: string;
}

/** The chain's newest row and the keyed seal stored with it; `lastId` 0 and the genesis hash when empty. */
export interface AuditHead {
	lastId: number;
	hash: string;
	seal: string;
}

/** Derived from the row: locked > enrolled > pending > revoked > none. */
export type TraineeStatus = 'enrolled' | 'locked' | 'pending' | 'revoked' | 'none';

/** A trainee as shown to institutes (no secret, no counters beyond what the console shows). */
export interface TraineeRecord {
	id: string;
	name: string;
	phoneDigits: string;
	status: TraineeStatus;
	/** Failures in a row since the last success, unlock or enrollment. */
	failures: number;
	/** Times of the failures since the last unlock or enrollment that may still count in the lockout window (see `LockoutPolicy`). */
	recentFailures: readonly number[];
	/** When the newest failure happened (for "a wrong code was entered for your account"). */
	lastFailureAt: number | null;
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
	| 'console.login'
	| 'client.create'
	| 'client.delete'
	| 'audit.prune';

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
