import type { EnrollTarget } from './enrollTarget';
import type { UnlockResult } from './session.svelte';
import { needsIosInstall, type BrowserInfo } from '$lib/reach/detectBrowser';
import type { EnrollmentPreview, EnrollmentRedeemed, EnrollmentRef } from '$lib/browser/enrollmentApi';
import type { AccountInput } from '$lib/vault/Vault';

/** What to enroll: a link's fragment, or an enrollment code handed over by the scan screen. */
export type Target = EnrollTarget | { kind: 'code'; code: string };

/** What the enroll screen shows. */
export type EnrollView =
	| { kind: 'reading' }
	| { kind: 'in-app'; target: Target }
	| { kind: 'ios-install'; target: Target }
	| { kind: 'code-entry' }
	| { kind: 'fetching' }
	| { kind: 'ready'; issuer: string; account: string }
	| { kind: 'invalid'; code: string; retryable: boolean };

/** Why a step failed: a stable code for the screen to word, and what the PIN check said. */
export interface EnrollFailure {
	code: string;
	attemptsLeft?: number;
}

/** What the enrollment needs from the outside world; the app's in the browser, fakes in tests. */
export interface EnrollmentDeps {
	session: {
		readonly phase: string;
		create(pin: string, accounts: AccountInput[], onProgress?: (f: number) => void): Promise<void>;
		unlock(pin: string, onProgress?: (f: number) => void): Promise<UnlockResult>;
		add(input: AccountInput): Promise<void>;
	};
	preview(ref: EnrollmentRef): Promise<EnrollmentPreview>;
	redeem(ref: EnrollmentRef, retryKey: string): Promise<EnrollmentRedeemed>;
	newRetryKey(): string;
	/** The key URI a redeem answers, as what the vault stores (throws on a bad one). */
	toAccount(otpauth: string): AccountInput;
}

/** Errors whose code a screen can word; anything else is "unknown". */
function codeOf(e: unknown): string {
	return e instanceof Error && 'code' in e && typeof e.code === 'string' ? e.code : 'UNKNOWN';
}

function retryableError(e: unknown): boolean {
	return e instanceof Error && 'retryable' in e && e.retryable === true;
}

/**
 * One enrollment, from the link (or typed code, or key URI) to the stored account: which screen
 * shows, the preview, then the PIN and the redeem. The redeem carries one retry key for the
 * whole enrollment, so when its answer is lost (or storing fails) `retry()` repeats it without
 * asking for the PIN again and receives the same secret (docs/decisions-server.md).
 */
export class Enrollment {
	view = $state<EnrollView>({ kind: 'reading' });
	/** A retryable failure happened after the PIN was chosen: the screen offers `retry()`. */
	retry = $state<EnrollFailure | null>(null);
	progress = $state<number | null>(null);

	readonly #deps: EnrollmentDeps;
	#ref: EnrollmentRef | null = null;
	#account: AccountInput | null = null;
	#retryKey: string | null = null;
	/** The PIN just chosen, kept only while a retry is offered. */
	#pin: string | null = null;

	constructor(deps: EnrollmentDeps) {
		this.#deps = deps;
	}

	/**
	 * Decides the first screen for a target: no PIN field in an in-app browser, and no one-time
	 * enrollment spent in an iPhone browser tab whose storage the installed app will not see
	 * (docs/decisions.md, "Reaching trainees").
	 */
	open(target: Target, browser: BrowserInfo): void {
		if (target.kind === 'invalid') this.view = { kind: 'invalid', code: target.code, retryable: false };
		else if (browser.inApp) this.view = { kind: 'in-app', target };
		else if (needsIosInstall(browser)) this.view = { kind: 'ios-install', target };
		else this.begin(target);
	}

	/** Starts right away (also after "continue here anyway"). */
	begin(target: Target): void {
		if (target.kind === 'empty') this.view = { kind: 'code-entry' };
		else if (target.kind === 'invalid') this.view = { kind: 'invalid', code: target.code, retryable: false };
		else if (target.kind === 'otpauth') this.ready(target.account);
		else if (target.kind === 'code') void this.preview({ code: target.code });
		else void this.preview({ token: target.token });
	}

	/** An account already in hand (a key URI, or the form at /add): straight to the PIN. */
	ready(account: AccountInput): void {
		this.#account = account;
		this.#ref = null;
		this.view = { kind: 'ready', issuer: account.issuer, account: account.account };
	}

	/**
	 * Looks at an institute enrollment without spending it. A typed code keeps its form on screen
	 * (it shows its own error, returned here); a link or a scanned code shows a progress line.
	 */
	async preview(ref: EnrollmentRef): Promise<EnrollFailure | null> {
		const typed = 'code' in ref && this.view.kind === 'code-entry';
		if (!typed) this.view = { kind: 'fetching' };
		try {
			const p = await this.#deps.preview(ref);
			this.#ref = ref;
			this.#account = null;
			this.#retryKey = this.#deps.newRetryKey();
			this.view = { kind: 'ready', issuer: p.institute, account: p.name };
			return null;
		} catch (e) {
			const failure = { code: codeOf(e) };
			if (typed) return failure;
			this.#ref = ref;
			this.view = { kind: 'invalid', code: failure.code, retryable: retryableError(e) };
			return null;
		}
	}

	/** After a preview that failed for a passing reason: try it again. */
	previewAgain(): void {
		if (this.#ref) void this.preview(this.#ref);
	}

	/**
	 * The PIN step is done: `pin` is the new PIN (confirmed twice), the current PIN (the device
	 * has a vault), or `null` (already unlocked). Redeems an institute enrollment, then stores.
	 * @returns why it failed, or `null` when the account is stored (the session is then unlocked)
	 */
	submit(pin: string | null): Promise<EnrollFailure | null> {
		this.#pin = pin;
		return this.#run();
	}

	/** Repeats the failed step with the same PIN and the same retry key. */
	again(): Promise<EnrollFailure | null> {
		return this.#run();
	}

	/** Gives up the retry; the PIN is forgotten. */
	cancelRetry(): void {
		this.retry = null;
		this.#pin = null;
	}

	async #run(): Promise<EnrollFailure | null> {
		const { session } = this.#deps;
		this.progress = 0;
		let creating = false;
		try {
			const account = (this.#account ??= await this.#redeem());
			if (session.phase === 'unlocked') {
				await session.add(account);
			} else if (session.phase === 'locked') {
				const r = await session.unlock(this.#pin ?? '', (f) => (this.progress = f));
				if (!r.ok) {
					this.#pin = null;
					this.retry = null;
					return { code: r.code, attemptsLeft: r.attemptsLeft };
				}
				await session.add(account);
			} else {
				creating = true;
				await session.create(this.#pin ?? '', [account], (f) => (this.progress = f));
			}
			this.#pin = null;
			this.retry = null;
			return null;
		} catch (e) {
			const code = codeOf(e);
			// Another tab created the vault first: the screen now asks for that vault's PIN.
			if (code === 'VAULT_CHANGED' && creating && session.phase === 'locked') return this.#final({ code: 'CREATED_ELSEWHERE' });
			// Offline, a lost answer, a busy server, or storage refusing the write with the secret in hand.
			if (retryableError(e) || (this.#account !== null && code === 'UNKNOWN')) {
				this.retry = { code };
				return this.retry;
			}
			return this.#final({ code });
		} finally {
			this.progress = null;
		}
	}

	#final(failure: EnrollFailure): EnrollFailure {
		this.#pin = null;
		this.retry = null;
		return failure;
	}

	async #redeem(): Promise<AccountInput> {
		if (!this.#ref) throw new Error('nothing to enroll');
		this.#retryKey ??= this.#deps.newRetryKey();
		const redeemed = await this.#deps.redeem(this.#ref, this.#retryKey);
		return this.#deps.toAccount(redeemed.otpauth);
	}
}
