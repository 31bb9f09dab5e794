/**
 * The one OTP profile the institute service issues and verifies: what the seeds describe
 * (a 6-digit code valid for 60 s) on RFC 6238's default HMAC-SHA-1, with a 160-bit secret
 * (RFC 4226 §4 R6 recommends 160 bits).
 */
export const OTP_PARAMETERS = Object.freeze({
	algorithm: 'SHA1',
	digits: 6,
	period: 60,
	secretBytes: 20
} as const);

/** Steps accepted either side of the current one (the window is current ± this). */
export const VERIFY_WINDOW = 1;
