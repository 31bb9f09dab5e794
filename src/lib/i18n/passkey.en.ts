import type { PasskeyMessages } from './passkey.ko';

/** Passkey messages (English); mirrors passkey.ko.ts. */
export const passkeyEn: PasskeyMessages = {
	sectionTitle: 'Passkeys (fingerprint or face)',
	sectionLead: 'Open the app with your fingerprint, your face or the device screen lock instead of the PIN. The passkey itself decrypts your stored keys. The PIN always stays as the fallback.',
	none: 'No passkey added yet.',
	slotLabel: (n, date) => `Passkey ${n} · added ${date}`,
	add: 'Add a passkey',
	addPinTitle: 'Add a passkey',
	addPinLead: 'First enter your PIN. Then your device asks for your fingerprint or face, possibly twice.',
	addSubmit: 'Next',
	added: 'Passkey added. From now on you can open the app with it on the lock screen.',
	remove: 'Remove',
	removeConfirm: 'Remove this passkey? It will no longer open the app. Your PIN stays as it is.',
	removed: 'Passkey removed.',
	limit: 'You can add up to 8 passkeys.',
	unsupported: 'This browser cannot unlock the app with a passkey. For a passkey to decrypt your keys it needs a feature called PRF, which this browser does not support. You can keep using your PIN.',
	resetNote: 'This device’s passkeys for the app are removed too.',
	managerNote: 'If you delete the passkey from your phone’s or computer’s password manager (Google Password Manager, iCloud Keychain, Windows Hello…), it can no longer open this app. That is why the PIN always stays.',

	unlock: 'Unlock with a passkey',
	unlockHint: 'Use your fingerprint, face or screen lock.',
	unlocking: 'Checking the passkey…',
	unlockUnavailable: 'This browser cannot unlock with a passkey. Enter your PIN.',

	addFailed: 'The passkey could not be added. Your PIN still works.',
	addError: {
		CANCELLED: 'No passkey was made: the prompt was cancelled or timed out. To try again, enter your PIN.',
		ALREADY_REGISTERED: 'This device (or security key) already has a passkey for this app.',
		PRF_UNSUPPORTED: 'This passkey cannot unlock (it lacks PRF), so it was not added. Use another device or security key, or keep using your PIN.',
		NO_PRF_RESULT: 'The passkey gave no unlock value, so it was not added. Your PIN still works.',
		INSECURE_CONTEXT: 'Passkeys do not work at this address. Open the app at its https address.',
		UNAVAILABLE: 'This browser cannot unlock with a passkey.',
		NOT_SUPPORTED: 'This device offers no passkey method the app can use.'
	},

	unlockFailed: 'The passkey did not open the app. Enter your PIN.',
	unlockError: {
		CANCELLED: 'The passkey did not open the app: the prompt was cancelled or timed out. Try again or enter your PIN. If you deleted the passkey from your password manager, unlock with your PIN and remove it in settings too.',
		NO_PRF_RESULT: 'This passkey gave no unlock value. It may have been moved to another device. Enter your PIN.',
		UNKNOWN_CREDENTIAL: 'This passkey does not belong to this device’s enrollment (it was made for another one, for example before a reset). Enter your PIN.',
		PASSKEY_UNWRAP_FAILED: 'This passkey does not belong to this device’s enrollment (it was made for another one, for example before a reset). Enter your PIN.',
		PRF_UNSUPPORTED: 'This browser cannot unlock with a passkey. Enter your PIN.',
		UNAVAILABLE: 'This browser cannot unlock with a passkey. Enter your PIN.',
		INSECURE_CONTEXT: 'Passkeys do not work at this address. Enter your PIN.'
	}
};
