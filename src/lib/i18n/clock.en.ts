import type { ClockMessages } from './clock.ko.types';
import type { Duration } from './clock.ko';

/** "4 min 12 s", "8 h", "0 s": only the units that are not zero. */
const duration = (d: Duration): string =>
	[d.hours ? `${d.hours} h` : '', d.minutes ? `${d.minutes} min` : '', d.seconds || (!d.hours && !d.minutes) ? `${d.seconds} s` : '']
		.filter(Boolean)
		.join(' ');

/** Under a minute reads as "just now", as in Korean. */
const ago = (d: Duration): string =>
	!d.hours && !d.minutes ? 'just now' : `${d.hours >= 48 ? `${Math.floor(d.hours / 24)} days` : duration({ ...d, seconds: 0 })} ago`;

/** Clock messages (English); mirrors clock.ko.ts. */
export const clockEn: ClockMessages = {
	duration,
	signedDuration: (sign, d) => `${sign > 0 ? '+' : sign < 0 ? '−' : ''}${duration(d)}`,
	ago,

	headline: (d, direction) => `This device's clock is ${duration(d)} ${direction === 'ahead' ? 'fast' : 'slow'}`,
	koreaTimeByHand: (hours) =>
		`It looks like the clock was set to Korea time by hand. With the time zone left as it is, that moves the real time by ${hours} hours, and the codes come out wrong.`,
	zoneMismatchByHand: (hours) =>
		`It looks like the clock was set to another region's time by hand (${hours} hours off). When the clock and the time zone disagree, the codes come out wrong.`,
	fixZone: 'Turn on automatic date and time, and keep your own time zone. This app works in any time zone; there is no need to switch to Korea time.',
	fixGeneric: "Turn on automatic date and time in the device's settings.",
	howToFix: 'How to do it',
	steps: [
		{ platform: 'Android / Samsung', path: 'Settings → General management → Date and time → Automatic date and time' },
		{ platform: 'iPhone', path: 'Settings → General → Date & Time → Set Automatically' },
		{ platform: 'PC', path: 'Date and time settings → Set time automatically' }
	],
	correctedOn: 'Meanwhile the codes are corrected to server time automatically, so they are right.',
	refusedOff: 'Time correction is off, so codes may be refused. Fix the clock, or turn time correction on in settings.',
	noticeOff: 'Time correction is off. A code entered near the end of its time may be refused.',

	statusServer: 'Server time',
	statusDevice: (d, direction) => `device clock ${duration(d)} ${direction === 'ahead' ? 'fast' : 'slow'}`,
	statusMeasured: (d) => `measured ${ago(d)}`,
	statusOffline: 'offline',

	sectionTitle: 'Clock',
	sectionLead: 'Codes are made from the exact time. The time zone does not matter.',
	deviceTime: 'Device time',
	serverTime: 'Server time',
	koreaTime: 'Korea time (KST)',
	timeZone: "Device's time zone",
	offset: 'Offset (server − device)',
	offsetDetail: (direction) => (direction === 'ahead' ? 'device fast' : direction === 'behind' ? 'device slow' : 'correct'),
	measured: 'Last measured',
	notMeasured: 'Not measured yet',
	restored: 'saved measurement',
	measureNow: 'Measure now',
	measuring: 'Measuring…',
	measureFailed: {
		OFFLINE: 'Not connected to the internet, so it could not measure. Using the last measurement.',
		BAD_TIME_RESPONSE: "The server's answer was not usable, so it could not measure. Using the last measurement."
	},
	measureFailedOther: 'Could not measure. Using the last measurement.',
	correctionLabel: 'Correct codes with server time',
	correctionHelp: "Shows the right code even when this device's clock is wrong. When off, codes use this device's clock."
};
