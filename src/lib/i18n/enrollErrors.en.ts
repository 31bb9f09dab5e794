import type { TraineeErrorCode } from '$lib/api/traineeErrors';

/** English twins of `enrollErrors.ko.ts`. */
export const enrollErrorsEn = {
	ENROLLMENT_EXPIRED: 'This enrollment link has expired. Ask your training institute for a new one.',
	ENROLLMENT_USED: 'This enrollment link was already used; each link works once. On a new device, ask your institute for a new link.',
	ENROLLMENT_NOT_FOUND: 'No enrollment matches. Check the link or code.',
	ENROLLMENT_SUPERSEDED: 'This enrollment link no longer works: your institute sent a newer one or cancelled the enrollment. Open the most recent link you received, or ask your institute for a new one.',
	BAD_REQUEST: 'The enrollment link or code is malformed. Open the link exactly as you received it, or type the code again.',
	PAYLOAD_TOO_LARGE: 'The request could not be processed. Reload the app and try again.',
	UNSUPPORTED_MEDIA_TYPE: 'The request could not be processed. Reload the app and try again.',
	NOT_FOUND: 'The enrollment server was not found. Check that you opened the address your institute gave you.',
	METHOD_NOT_ALLOWED: 'The request could not be processed. Reload the app and try again.',
	RATE_LIMITED: 'Too many attempts. Please wait a moment and try again.',
	INTERNAL: 'The server had a problem. Please try again shortly; if it keeps happening, tell your institute.',
	STORED_SECRET_INVALID: 'The server cannot open your stored enrollment. Trying again will not help: ask your institute for a new enrollment link.',
	OFFLINE: 'You are offline. Connect to the internet and try again.',
	BAD_RESPONSE: 'The server answered unexpectedly. Please try again shortly.'
} satisfies Record<TraineeErrorCode, string>;
