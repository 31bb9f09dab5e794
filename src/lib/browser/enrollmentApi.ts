import { isTraineeApiErrorCode, RETRYABLE_CODES, type TraineeErrorCode } from '$lib/api/traineeErrors';
import { randomBytes, toBase64Url } from '$lib/crypto/bytes';

/**
 * The app's side of the institute enrollment API (docs/api.md): preview an enrollment without
 * spending it, then redeem it when the PIN is set. The redeem carries a random retry key, so a
 * redeem whose answer is lost on the way can be repeated for 10 minutes and answers the same
 * secret (docs/decisions-server.md, "A redeem survives a lost answer").
 */
export type EnrollmentRef = { token: string } | { code: string };

export interface EnrollmentPreview {
	institute: string;
	name: string;
	expiresAt: string | number;
}

export interface EnrollmentRedeemed {
	otpauth: string;
	institute: string;
	name: string;
}

/** The shared trainee-facing codes (`src/lib/api/traineeErrors.ts`). */
export type EnrollmentErrorCode = TraineeErrorCode;

export class EnrollmentError extends Error {
	readonly code: EnrollmentErrorCode;
	/** Whether the same request may succeed later (the app offers "try again"). */
	get retryable(): boolean {
		return RETRYABLE_CODES.has(this.code);
	}
	constructor(code: EnrollmentErrorCode, message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'EnrollmentError';
		this.code = code;
	}
}

/** A fresh retry key: 32 random bytes, base64url. One per enrollment attempt, kept in memory only. */
export function newRetryKey(): string {
	return toBase64Url(randomBytes(32));
}

async function post(path: string, body: EnrollmentRef & { retryKey?: string }): Promise<Record<string, unknown>> {
	let res: Response;
	try {
		res = await fetch(path, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
			cache: 'no-store',
			credentials: 'omit'
		});
	} catch (cause) {
		throw new EnrollmentError('OFFLINE', 'The enrollment service could not be reached.', { cause });
	}
	let json: unknown;
	try {
		json = await res.json();
	} catch (cause) {
		// A proxy's HTML error page, or an answer cut off on the way.
		throw new EnrollmentError(res.status >= 500 ? 'INTERNAL' : 'BAD_RESPONSE', `Non-JSON answer (${res.status}).`, { cause });
	}
	if (typeof json !== 'object' || json === null) throw new EnrollmentError('BAD_RESPONSE', 'Unexpected answer.');
	const obj = json as Record<string, unknown>;
	if (!res.ok) {
		const code = (obj.error as { code?: unknown } | undefined)?.code;
		if (isTraineeApiErrorCode(code)) throw new EnrollmentError(code, `Refused: ${code}.`);
		if (res.status === 429) throw new EnrollmentError('RATE_LIMITED', 'Rate limited.');
		throw new EnrollmentError(res.status >= 500 ? 'INTERNAL' : 'BAD_RESPONSE', `Unexpected status ${res.status}.`);
	}
	return obj;
}

/** Looks at an enrollment (institute and trainee name) without spending it. */
export async function previewEnrollment(ref: EnrollmentRef): Promise<EnrollmentPreview> {
	const o = await post('/api/v1/enroll/preview', ref);
	if (typeof o.institute !== 'string' || typeof o.name !== 'string') throw new EnrollmentError('BAD_RESPONSE', 'Preview shape.');
	return { institute: o.institute, name: o.name, expiresAt: o.expiresAt as string | number };
}

/**
 * Spends the enrollment and receives its key URI. Repeating it with the same `retryKey` within
 * 10 minutes answers the same key URI; without it, a spent enrollment is `ENROLLMENT_USED`.
 */
export async function redeemEnrollment(ref: EnrollmentRef, retryKey: string): Promise<EnrollmentRedeemed> {
	const o = await post('/api/v1/enroll/redeem', { ...ref, retryKey });
	if (typeof o.otpauth !== 'string' || typeof o.institute !== 'string' || typeof o.name !== 'string') {
		throw new EnrollmentError('BAD_RESPONSE', 'Redeem shape.');
	}
	return { otpauth: o.otpauth, institute: o.institute, name: o.name };
}
