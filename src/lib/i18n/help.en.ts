import type { HelpMessages } from './help.types';

/** The English help; mirrors help.ko.ts section by section (same anchors). */
export const helpEn: HelpMessages = {
	title: 'Help',
	lead: 'Stuck with mOTP for remote training? Pick your question from the contents.',
	toc: 'Contents',
	top: 'Back to contents',
	sections: [
		{
			id: 'what',
			title: 'What is mOTP?',
			body: [
				'An app that makes the 6-digit codes for identity checks in government-subsidised remote training. To prevent fraud (someone else studying or sitting an exam for you), you prove who you are at your first login, when a course starts, and before progress evaluations, exams and assignments.',
				'A code is valid for 60 seconds, then a new one appears. The time left shows under the code. Tap the code to copy it.',
				'On your institute’s identity check page, enter the OTP number and your phone number and press the verify button (인증하기).',
				'No app store is needed. Open the link and enroll; after that, codes appear even without the internet.',
				'If someone else studies or takes an evaluation for you after you verified, that is training fraud, and both you and your employer can be penalised.'
			]
		},
		{
			id: 'enroll',
			title: 'Enrolling',
			body: [
				'When your institute issues an enrollment you get a link, a QR code and an 8-character enrollment code (like ABCD-EFGH). Use any one of them.',
				'One person, one device. A new phone, or clearing the app’s data, needs a new enrollment.',
				'Links and codes work once and expire 24 hours after they are issued. If the app says a link was already used or has expired, ask your institute for a new one.'
			],
			lists: [
				{
					ordered: true,
					items: [
						'Open the link, or point “Scan QR code” at the QR code, or type the code into “Enter enrollment code”.',
						'Check that the institute and your name are right.',
						'Enter a 6-digit PIN twice; you will use it to open the app. Pick one you use nowhere else.'
					]
				}
			]
		},
		{
			id: 'install',
			title: 'Installing on your Home Screen',
			body: ['Installed, it opens from an icon like an app, and the browser is less likely to clear its storage (and your enrollment with it).'],
			lists: [
				{
					title: 'Android (Chrome, Samsung Internet)',
					ordered: true,
					items: ['Tap the “Install” button in the app.', 'No button? In the browser menu (⋮ or ≡), choose “Add to Home screen” or “Install app”.']
				},
				{
					title: 'iPhone, iPad (Safari)',
					ordered: true,
					items: [
						'In Safari, tap the share button (a square with an arrow pointing up). If you cannot see it, tap ⋯ first.',
						'Tap “Add to Home Screen”, then “Add” at the top right.',
						'Open the app from the mOTP icon on your Home Screen and enroll inside it.'
					]
				},
				{
					title: 'PC (Chrome, Edge)',
					items: ['Click the install icon at the right of the address bar, or choose “Install app” in the menu. You can also just use it in the browser.']
				}
			],
			picture: 'ios-install'
		},
		{
			id: 'in-app',
			title: 'When it opens inside KakaoTalk or NAVER',
			body: [
				'A link tapped in KakaoTalk, NAVER, LINE, Instagram, BAND and similar apps opens in that app’s own browser. That browser cannot install the app, and it keeps its own storage, so an enrollment there can disappear.',
				'So mOTP does not enroll there: it asks you to move to your phone’s own browser (Chrome, Samsung Internet or Safari).'
			],
			lists: [
				{
					title: 'Android',
					items: ['Tap “Open in another browser” (or “Open in Chrome”).', 'If that does not work, choose “Open in another browser” in the ⋮ menu, or copy the link and paste it into your browser’s address bar.']
				},
				{
					title: 'iPhone',
					items: ['In KakaoTalk, “Open in another browser” opens Safari.', 'In other apps, tap the ⋯ or share button and choose “Open in Safari”.']
				}
			],
			picture: 'in-app'
		},
		{
			id: 'clock',
			title: 'Using it abroad (the clock)',
			body: [
				'mOTP makes codes from the time, but from the same worldwide time everywhere, so your time zone does not matter. You do not need to set your phone to Korean time abroad.',
				'If you follow the old advice and set the clock to Korean time by hand while the time zone stays local, the real time moves by hours and every code is wrong.',
				'When you are online, the app compares its clock with the server’s. If the clock is wrong it tells you, and it makes codes from the server’s time.'
			],
			lists: [
				{
					title: 'If the app says your clock is wrong',
					ordered: true,
					items: [
						'Go to Settings → General (or System) → Date & time.',
						'Turn on “Set automatically” (automatic date and time).',
						'Leave the time zone at the country or region you are in.'
					]
				}
			]
		},
		{
			id: 'lockout',
			title: 'After 5 wrong tries',
			body: [
				'After 5 wrong PINs in the app, the enrollment on this device is erased for safety. Verify your identity with your institute again (phone verification), get a new enrollment link and enroll again.',
				'Five wrong codes in a row on the institute’s site lock you there too. The institute unlocks you after checking your identity by phone.',
				'If codes keep being refused, check the clock (see “Using it abroad”). A code entered right after a new one appears is the safest.'
			]
		},
		{
			id: 'reset',
			title: 'Resetting (new phone, forgotten PIN, changed details)',
			body: [
				'If you forgot your PIN, changed phones or cleared the app’s data, changed your name or phone number, or were locked out, reset the enrollment and enroll again.',
				'The same applies when the stored data is damaged or the browser has deleted it.'
			],
			lists: [
				{
					ordered: true,
					items: [
						'In the app, go to Settings → Reset enrollment. Every account and the PIN on this device are erased; this cannot be undone.',
						'Ask your institute for a new enrollment link. If your details changed, ask them to correct their records first.',
						'Enroll again with the new link or enrollment code.'
					]
				}
			]
		},
		{
			id: 'match',
			title: 'When it says your details do not match',
			body: [
				'The name and phone number enrolled in mOTP must be exactly the ones your institute has on record.',
				'The name must match including spaces: “홍 길동” and “홍길동” are different names. Check that your name has no extra space.',
				'Phone numbers are compared as digits only: 010-1234-5678 and 01012345678 are the same number.',
				'If they differ, ask your institute to correct their records, then enroll again with a new link.'
			]
		},
		{
			id: 'fallback',
			title: 'When mOTP cannot be used',
			body: [
				'If mOTP does not work for you, your institute’s site also offers phone identity verification with the PASS app or a text message (SMS). Only a phone in your own name can be used.',
				'For anything else, contact your training institute.'
			]
		}
	]
};
