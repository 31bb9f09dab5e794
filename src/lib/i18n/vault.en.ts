import type { VaultMessages } from './vault.ko.types';

/** Messages for one writer across tabs, common PINs, duplicates and the enrollment retry (issue 13), in English. */
export const vaultEn: VaultMessages = {
	commonPinTitle: 'This is a common PIN',
	commonPinLead: 'Many people use this number, so others can guess it easily. We recommend choosing a different one.',
	commonPinChoose: 'Choose another PIN',
	commonPinKeep: 'Use this PIN anyway',
	duplicate: 'This account is already on this device. The same QR code or link only needs to be added once.',
	changed: 'The app’s data changed in another window. Check the screen and try again.',
	createdElsewhere: 'Enrollment was finished in another window first. Enter the PIN you chose there, and this account is added too.',
	retryTitle: 'Enrollment did not finish',
	retryLead: 'Your new PIN is kept. Check your connection and try again; the same enrollment link can safely be tried again.',
	retry: 'Try again',
	retrying: 'Trying again…',
	passkeysDropNote: 'Changing the PIN removes your passkeys, for security. Add them again below afterwards.',
	passkeysDropped: (n: number) => `PIN changed. ${n === 1 ? '1 passkey was' : `${n} passkeys were`} removed; add it again below to keep using it.`,
	previewFailedTitle: 'The enrollment cannot be checked right now',
	previewRetry: 'Check again'
};
