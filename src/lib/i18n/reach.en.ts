import type { ReachMessages } from './reach.ko.types';

/** Reach messages (English); mirrors reach.ko.ts. */
export const reachEn: ReachMessages = {
	inAppTitle: 'Please open this in your browser',
	inAppLead: (app: string) =>
		`This page is open inside ${app}. The app cannot be installed from here, and anything you enroll stays inside ${app}, where it can disappear.`,
	inAppWhat: 'Open it in your phone’s own browser (Chrome, Samsung Internet or Safari) and you can carry on enrolling there.',
	apps: {
		kakaotalk: 'KakaoTalk',
		naver: 'the NAVER app',
		line: 'LINE',
		instagram: 'Instagram',
		facebook: 'Facebook',
		band: 'BAND',
		daum: 'the Daum app',
		wechat: 'WeChat',
		everytime: 'Everytime',
		threads: 'Threads',
		twitter: 'X (Twitter)',
		messenger: 'Messenger',
		telegram: 'Telegram',
		whatsapp: 'WhatsApp',
		tiktok: 'TikTok',
		snapchat: 'Snapchat',
		google: 'the Google app',
		webview: 'another app'
	},
	openExternal: {
		kakaotalk: 'Open in another browser',
		line: 'Open in the default browser',
		'android-intent': 'Open in Chrome',
		'ios-safari-scheme': 'Open in Safari'
	},
	androidManual: 'If the button does nothing: use the ⋮ menu at the top or bottom and choose “Open in another browser”, or copy the link below and paste it into Samsung Internet or Chrome.',
	iosManualTitle: 'How to open it in Safari',
	iosManualSteps: [
		'Tap the ⋯ button (or the share button) at the bottom or top of the screen.',
		'Choose “Open in Safari” or “Open in default browser”.',
		'When it opens in Safari, add it to your Home Screen as shown there.'
	],
	copyLink: 'Copy link',
	linkCopied: 'Link copied. Paste it into your browser’s address bar.',
	linkCopyFailed: 'Could not copy. Press and hold the link to copy it.',
	stayTitle: 'Continue here anyway',
	stayLead: 'If this app clears its browser data, your enrollment goes with it and you will need a new one from your institute.',
	stayButton: 'Continue on this screen',
	pictureAlt: 'Picture: tap the ⋯ menu of the in-app browser and choose “Open in Safari”',
	pictureMenu: 'Open in Safari',

	installTitle: 'Install on your Home Screen',
	installLead: 'Installed, it opens like an app, and the browser is less likely to clear its data.',
	installButton: 'Install',
	installDone: 'Installed. Open it from the mOTP icon on your Home Screen.',
	installManual: 'In the browser menu (⋮ or ≡), choose “Add to Home screen” or “Install app”.',
	iosInstallTitle: 'On iPhone, add it to your Home Screen first',
	iosInstallSteps: [
		'Tap Safari’s share button (a square with an arrow pointing up). If you cannot see it, tap ⋯ first.',
		'Scroll the list up and tap “Add to Home Screen”.',
		'Tap “Add” at the top right.',
		'Open the app from the new mOTP icon on your Home Screen.'
	],
	iosWhy: 'On iPhone, a Home Screen app does not share storage with Safari. An enrollment made in Safari is not in the installed app, so enroll inside the installed app.',
	iosThenCode: 'Open the installed app, tap “Enter enrollment code”, and type the 8-character code (like ABCD-EFGH) that came with the link.',
	iosThenScan: 'Or tap “Scan QR code” in the installed app and point it at your institute’s QR code.',
	iosNoCode: 'If you did not get an enrollment code, ask your institute. A link works only once, so it was not used in Safari.',
	iosKeyThen: 'In the installed app, scan the same QR code with “Scan QR code”, or copy this link and paste it into “Add a key by hand”.',
	iosContinueTitle: 'Use it in Safari instead',
	iosContinueLead: 'An enrollment in Safari does not show in the Home Screen app. Choose this only if you will use Safari and not install.',
	iosContinueButton: 'Enroll in Safari',
	iosPictureAlt: 'Picture: tap Safari’s share button and choose “Add to Home Screen”',
	iosPictureShare: 'Share',
	iosPictureAdd: 'Add to Home Screen',

	scanTitle: 'Scan a QR code',
	scanLead: 'Reads your institute’s enrollment QR code, or another service’s OTP QR code.',
	scanStart: 'Scan with the camera',
	scanStop: 'Turn the camera off',
	scanLooking: 'Hold the QR code in the middle of the picture.',
	scanVideoLabel: 'Camera view',
	scanFileLabel: 'Read from a photo or screenshot',
	scanFileHint: 'Choose a photo or screenshot of the QR code.',
	scanReading: 'Reading the QR code…',
	scanLink: 'Scan QR code',
	scanTypeCode: 'Type the enrollment code',
	scanError: {
		QR_NOT_FOUND: 'No QR code found in the picture. Try again with a photo where the QR code is large and sharp.',
		QR_IMAGE_UNREADABLE: 'This file cannot be opened. Choose a PNG or JPG picture.',
		QR_DECODER_UNAVAILABLE: 'This browser cannot read QR codes. Type the enrollment code instead.',
		CAMERA_DENIED: 'The camera is not available. Allow it in the browser settings, or read from a photo.',
		CAMERA_UNAVAILABLE: 'No camera found. Read from a photo or type the enrollment code.',
		SCAN_OTHER_SITE: 'This enrollment QR code belongs to another site and cannot be used here.',
		SCAN_NOT_ENROLLMENT: 'This is not an OTP enrollment QR code.',
		SCAN_EMPTY: 'The QR code is empty.'
	},

	helpLink: 'Read the help'
};
