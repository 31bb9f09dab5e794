import type { HostedMessages } from './hosted.ko';

/** The hosted verification page (`/v`, issue 16), English. */
export const hostedEn: HostedMessages = {
	title: 'mOTP identity check',
	requestedBy: (client: string) => `${client} asks you to confirm it is you.`,
	instruction: 'Open the mOTP app and type the 6-digit code it shows.',
	codeLabel: 'Code (6 digits)',
	submit: 'Verify',
	checking: 'Checking…',
	returning: 'Confirmed. Taking you back to your training site…',
	invalid: (left: number) => `That code is not right. Attempts left: ${left}. Check the code in the app and try again.`,
	replayed: 'That code was already used. Type the next code when the app shows a new one.',
	codeFormat: 'Type the 6 digits.',
	rateLimited: (seconds: number) => `Too many attempts. Try again in ${seconds} seconds.`,
	failed: 'The check did not go through. Try again in a moment.',
	noScript: 'This page needs JavaScript. Turn JavaScript on in your browser and open the page again.',
	linkBroken: 'This verification link cannot be used',
	linkBrokenHint: 'Go back to your training site and start the identity check again.',
	errors: {
		BAD_REQUEST: 'The link is not well-formed.',
		UNKNOWN_CLIENT: 'The link comes from a training site that is not registered.',
		BAD_SIGNATURE: 'The link’s signature does not match.',
		EXPIRED: 'The link is older than 15 minutes.',
		RETURN_TO_REFUSED: 'The return address is not one the training site registered.',
		CROSS_SITE: 'Requests sent from other sites are not accepted.'
	},
	otherLanguage: '한국어',
	otherLanguageLabel: '한국어로 보기'
};
