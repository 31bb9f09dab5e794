/**
 * The app's side of the institute enrollment API (docs/api.md): preview an enrollment without
 * spending it, then redeem it exactly once when the PIN is set.
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

export type EnrollmentErrorCode =
	| 'ENROLLMENT_EXPIRED'
	| 'ENROLLMENT_USED'
	| 'ENROLLMENT_NOT_FOUND'
	| 'RATE_LIMITED'
	| 'OFFLINE'
	| 'BAD_RESPONSE';

export class EnrollmentError extends Error {
	readonly code: EnrollmentErrorCode;
	constructor(code: EnrollmentErrorCode, message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'EnrollmentError';
		this.code = code;
	}
}

const KNOWN = new Set<EnrollmentErrorCode>(['ENROLLMENT_EXPIRED', 'ENROLLMENT_USED', 'ENROLLMENT_NOT_FOUND', 'RATE_LIMITED']);

async function post(path: string, body: EnrollmentRef): Promise<Record<string, unknown>> {
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
		throw new EnrollmentError('BAD_RESPONSE', `Non-JSON answer (${res.status}).`, { cause });
	}
	if (typeof json !== 'object' || json === null) throw new EnrollmentError('BAD_RESPONSE', 'Unexpected answer.');
	const obj = json as Record<string, unknown>;
	if (!res.ok) {
		const code = (obj.error as { code?: unknown } | undefined)?.code;
		if (res.status === 429) throw new EnrollmentError('RATE_LIMITED', 'Rate limited.');
		if (typeof code === 'string' && KNOWN.has(code as EnrollmentErrorCode)) {
			throw new EnrollmentError(code as EnrollmentErrorCode, `Refused: ${code}.`);
		}
		if (res.status === 404 || res.status === 400) throw new EnrollmentError('ENROLLMENT_NOT_FOUND', `Refused (${res.status}).`);
		throw new EnrollmentError('BAD_RESPONSE', `Unexpected status ${res.status}.`);
	}
	return obj;
}

/** Looks at an enrollment (institute and trainee name) without spending it. */
export async function previewEnrollment(ref: EnrollmentRef): Promise<EnrollmentPreview> {
	const o = await post('/api/v1/enroll/preview', ref);
	if (typeof o.institute !== 'string' || typeof o.name !== 'string') throw new EnrollmentError('BAD_RESPONSE', 'Preview shape.');
	return { institute: o.institute, name: o.name, expiresAt: o.expiresAt as string | number };
}

/** Spends the enrollment and receives its key URI, exactly once. */
export async function redeemEnrollment(ref: EnrollmentRef): Promise<EnrollmentRedeemed> {
	const o = await post('/api/v1/enroll/redeem', ref);
	if (typeof o.otpauth !== 'string' || typeof o.institute !== 'string' || typeof o.name !== 'string') {
		throw new EnrollmentError('BAD_RESPONSE', 'Redeem shape.');
	}
	return { otpauth: o.otpauth, institute: o.institute, name: o.name };
}
