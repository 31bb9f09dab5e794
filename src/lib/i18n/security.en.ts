import type { SecurityMessages } from './security.ko.types';

/** Messages for the security settings (issue 8), in English. */
export const securityEn: SecurityMessages = {
	clipboardTitle: 'Clipboard',
	clearLabel: 'Clear copied codes automatically',
	clearHelp: "When a code's time is up, it is removed from the clipboard, but only if the clipboard still holds it. Your browser may ask for permission to read the clipboard.",
	clearUnavailable: 'This browser does not let the app clear the clipboard. After pasting, copy something else over the code.',
	cleared: 'Expired code cleared from the clipboard'
};
