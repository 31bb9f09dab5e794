/**
 * A duration split for display, structurally the clock core's `DurationParts` (i18n imports
 * nothing, so the shape is repeated here rather than imported).
 */
export interface Duration {
	hours: number;
	minutes: number;
	seconds: number;
}

/** "4분 12초", "8시간", "0초": only the units that are not zero. */
const duration = (d: Duration): string =>
	[d.hours ? `${d.hours}시간` : '', d.minutes ? `${d.minutes}분` : '', d.seconds || (!d.hours && !d.minutes) ? `${d.seconds}초` : '']
		.filter(Boolean)
		.join(' ');

/** Under a minute reads as "just now": the age of a measurement matters in minutes, not seconds. */
const ago = (d: Duration): string => (!d.hours && !d.minutes ? '방금' : `${d.hours >= 48 ? `${Math.floor(d.hours / 24)}일` : duration({ ...d, seconds: 0 })} 전`);

/** Settings → 일반 → 날짜 및 시간, as each platform names it (what trainees actually see). */
const steps = [
	{ platform: '안드로이드·삼성', path: '설정 → 일반 → 날짜 및 시간 → 자동 날짜 및 시간 켜기' },
	{ platform: '아이폰', path: '설정 → 일반 → 날짜 및 시간 → 자동으로 설정 켜기' },
	{ platform: 'PC', path: '날짜 및 시간 설정 → 자동으로 시간 설정 켜기' }
];

/**
 * Clock messages (Korean, 해요체). The device clock's direction is told as "빨라요/느려요"
 * (fast/slow), never as a sign: a sign only means something to whoever chose the convention.
 */
export const clockKo = {
	duration,
	/** Signed offset (server − device) for settings: "+4분 12초", "−8시간". */
	signedDuration: (sign: number, d: Duration) => `${sign > 0 ? '+' : sign < 0 ? '−' : ''}${duration(d)}`,
	ago,

	// Banner (data-testid="clock-warning")
	headline: (d: Duration, direction: 'ahead' | 'behind') => `이 기기 시계가 ${duration(d)} ${direction === 'ahead' ? '빨라요' : '느려요'}`,
	koreaTimeByHand: (hours: number) =>
		`시계를 한국 시간으로 직접 맞춘 것 같아요. 시간대는 그대로 두고 시계만 바꾸면 실제 시각이 ${hours}시간 어긋나서 인증 코드가 틀려져요.`,
	zoneMismatchByHand: (hours: number) =>
		`시계를 다른 지역의 시간으로 직접 맞춘 것 같아요 (${hours}시간 차이). 시간대와 시계가 서로 맞지 않으면 인증 코드가 틀려져요.`,
	fixZone: '자동 날짜 및 시간을 켜고, 시간대는 지금 있는 곳 그대로 두세요. 이 앱은 어느 시간대에서나 그대로 쓸 수 있어요. 한국 시간으로 바꿀 필요가 없어요.',
	fixGeneric: '기기 설정에서 자동 날짜 및 시간을 켜 주세요.',
	howToFix: '설정 방법',
	steps,
	correctedOn: '그동안 인증 코드는 서버 시간으로 자동 보정하고 있어서 맞게 나와요.',
	refusedOff: '시간 보정이 꺼져 있어서 인증 코드가 거부될 수 있어요. 시계를 고치거나 설정에서 시간 보정을 켜 주세요.',
	noticeOff: '시간 보정이 꺼져 있어요. 코드가 바뀌는 때에 맞춰 입력하면 거부될 수 있어요.',

	// Status line on the code screen
	statusServer: '서버 시간 기준',
	statusDevice: (d: Duration, direction: 'ahead' | 'behind') => `기기 시계 ${duration(d)} ${direction === 'ahead' ? '빠름' : '느림'}`,
	statusMeasured: (d: Duration) => `${ago(d)} 측정`,
	statusOffline: '오프라인',

	// Settings
	sectionTitle: '시계',
	sectionLead: '인증 코드는 정확한 시각으로 만들어져요. 시간대는 상관없어요.',
	deviceTime: '이 기기 시간',
	serverTime: '서버 시간',
	koreaTime: '한국 시간 (KST)',
	timeZone: '이 기기 시간대',
	offset: '오차 (서버 − 기기)',
	offsetDetail: (direction: 'ahead' | 'behind' | null): string => (direction === 'ahead' ? '기기가 빠름' : direction === 'behind' ? '기기가 느림' : '정확함'),
	measured: '마지막 측정',
	notMeasured: '아직 측정하지 않았어요',
	restored: '저장된 측정값',
	measureNow: '지금 측정',
	measuring: '측정하는 중…',
	measureFailed: {
		OFFLINE: '인터넷에 연결되어 있지 않아서 측정하지 못했어요. 마지막 측정값을 쓰고 있어요.',
		BAD_TIME_RESPONSE: '서버 응답이 올바르지 않아서 측정하지 못했어요. 마지막 측정값을 쓰고 있어요.'
	} as Record<string, string>,
	measureFailedOther: '측정하지 못했어요. 마지막 측정값을 쓰고 있어요.',
	correctionLabel: '서버 시간으로 코드 보정',
	correctionHelp: '기기 시계가 틀려도 맞는 코드를 보여 줘요. 끄면 이 기기 시계로 코드를 만들어요.'
};
