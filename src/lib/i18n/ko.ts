import { vaultKo } from './vault.ko';
import { enrollErrorsKo } from './enrollErrors.ko';
import { clockKo } from './clock.ko';
import { passkeyKo } from './passkey.ko';
import { reachKo } from './reach.ko';
import { helpKo } from './help.ko';
import { securityKo } from './security.ko';

/**
 * Korean, the default language. Plain, polite 해요체 for trainees; every key has an English twin
 * in `en.ts` (the compiler checks it through `Messages`).
 */
export const ko = {
	appName: 'mOTP',
	appTitle: '원격훈련 mOTP',
	loading: '불러오는 중…',
	skipToContent: '본문으로 건너뛰기',

	// Welcome / first run
	welcomeTitle: '원격훈련 본인인증 mOTP',
	welcomeLead: '훈련기관에서 받은 등록 링크를 열거나, 등록 코드를 입력하면 시작할 수 있어요. 앱 설치는 필요 없어요.',
	welcomeEnterCode: '등록 코드 입력',
	welcomeAddManual: '직접 키 추가',
	welcomeHelp: '도움말',

	// PIN
	pinLabel: 'PIN 6자리',
	pinNewTitle: '새 PIN 만들기',
	pinNewLead: '앱을 열 때 쓰는 숫자 6자리예요. 다른 곳에서 쓰지 않는 번호로 정해 주세요.',
	pinRepeatTitle: 'PIN 한 번 더 입력',
	pinRepeatLead: '확인을 위해 같은 PIN을 다시 입력해 주세요.',
	pinMismatch: '두 PIN이 달라요. 처음부터 다시 입력해 주세요.',
	pinFormat: 'PIN은 숫자 6자리예요.',
	pinUnlockTitle: 'PIN을 입력하세요',
	pinUnlockLead: '등록할 때 만든 PIN 6자리를 입력하세요.',
	pinWrong: (left: number) => `PIN이 맞지 않아요. ${left}번 더 틀리면 등록이 초기화돼요.`,
	pinWorking: '확인하는 중…',
	next: '다음',
	confirm: '확인',
	unlock: '잠금 해제',
	cancel: '취소',
	back: '뒤로',

	// Enroll
	enrollTitle: '계정 등록',
	enrollAdding: '등록할 계정',
	enrollIssuer: '기관',
	enrollAccount: '이름',
	enrollUnlockFirst: '이 기기에 이미 등록된 계정이 있어요. PIN을 입력하면 이 계정이 함께 추가돼요.',
	enrollDone: '등록했어요',
	enrollBadLink: '등록 링크가 올바르지 않아요',
	enrollBadLinkLead: '링크가 잘렸거나 잘못 복사되었을 수 있어요. 훈련기관에 새 등록 링크를 요청하세요. 아무것도 등록되지 않았어요.',
	enrollNoLink: '등록 링크가 비어 있어요',
	enrollFetching: '등록 정보를 확인하는 중…',

	// Why a key or link was refused (OtpError codes)
	otpError: {
		BASE32_EMPTY: '비밀 키가 비어 있어요.',
		BASE32_INVALID: '비밀 키에 쓸 수 없는 글자가 있어요. A–Z와 2–7만 쓸 수 있어요.',
		URI_TOO_LONG: '링크가 너무 길어요.',
		URI_MALFORMED: '링크의 형식이 깨져 있어요.',
		URI_NOT_OTPAUTH: 'OTP 등록 링크가 아니에요.',
		URI_BAD_TYPE: '지원하지 않는 OTP 종류예요.',
		URI_NO_SECRET: '링크에 비밀 키가 없어요.',
		URI_BAD_SECRET: '링크의 비밀 키가 올바르지 않아요.',
		URI_SECRET_TOO_SHORT: '비밀 키가 너무 짧아요 (최소 80비트).',
		URI_BAD_ALGORITHM: '지원하지 않는 알고리즘이에요 (SHA1, SHA256, SHA512).',
		URI_BAD_DIGITS: '코드 자릿수는 6~8자리여야 해요.',
		URI_BAD_PERIOD: '코드 주기(초)가 올바르지 않아요.',
		URI_NO_COUNTER: 'HOTP 링크에 counter 값이 없어요.',
		URI_BAD_COUNTER: 'HOTP counter 값이 올바르지 않아요.',
		URI_BAD_LABEL: '링크의 계정 이름 부분이 올바르지 않아요.',
		HOTP_UNSUPPORTED: '이 앱은 시간 기반(TOTP) 코드만 지원해요. 카운터 기반(HOTP) 링크는 등록할 수 없어요.'
	} as Record<string, string>,
	enrollError: enrollErrorsKo as Record<string, string>,
	enrollCodeTitle: '등록 코드 입력',
	enrollCodeLead: '훈련기관에서 받은 8자리 등록 코드를 입력하세요. (예: ABCD-EFGH)',
	enrollCodeLabel: '등록 코드',
	enrollCodeFormat: '등록 코드는 영문과 숫자 8자리예요.',

	// Add by hand
	addTitle: '키 직접 추가',
	addLead: '다른 서비스의 OTP 키를 직접 추가할 수 있어요.',
	addPasteLabel: 'otpauth:// 링크 붙여넣기',
	addOr: '또는 직접 입력',
	addIssuer: '발급처 (예: 훈련기관 이름)',
	addAccount: '계정 이름',
	addSecret: '비밀 키 (Base32)',
	addAdvanced: '고급 설정',
	addAlgorithm: '알고리즘',
	addDigits: '자릿수',
	addPeriod: '주기(초)',
	addSubmit: '추가',
	addNeedUnlock: '먼저 앱 잠금을 해제하세요.',

	// Codes
	codesTitle: '인증 코드',
	codeCopyHint: '눌러서 복사',
	// Starts with the code as shown (WCAG 2.5.3: voice control users say what they see), then spelled digit by digit.
	codeAria: (code: string, digits: string, issuer: string) => `${code}, ${digits}. ${issuer ? `${issuer} ` : ''}인증 코드, 눌러서 복사`,
	nextCodeAria: (digits: string) => `다음 코드 ${digits}`,
	copied: '복사했어요',
	copyFailed: '복사하지 못했어요. 숫자를 직접 입력하세요.',
	secondsLeft: (s: number) => `${s}초 남음`,
	nextCode: '다음 코드',
	countdownAria: (s: number) => `${s}초 후 새 코드`,
	lockNow: '잠그기',
	noAccounts: '등록된 계정이 없어요.',

	// Settings
	settingsTitle: '설정',
	settingsLanguage: '언어',
	settingsLanguageAuto: '기기 설정 따르기',
	settingsAbout: '정보',
	settingsVersion: (v: string) => `버전 ${v}`,
	settingsAccounts: '등록된 계정',
	settingsRemoveAccount: '삭제',
	settingsRemoveConfirm: (name: string) => `${name} 계정을 이 기기에서 삭제할까요? 다시 쓰려면 새로 등록해야 해요.`,

	// Errors
	errorTitle: '문제가 생겼어요',
	errorUnknown: '알 수 없는 오류가 생겼어요. 앱을 다시 열어 보세요.',
	errorStorage: '이 브라우저의 저장소를 쓸 수 없어요. 시크릿 모드라면 일반 창에서 열어 주세요.',

	// Lockout, damage, eviction
	lockedOutTitle: 'PIN을 5번 틀려서 등록이 초기화됐어요',
	lockedOutLead: '안전을 위해 이 기기의 인증 키를 지웠어요. 훈련기관에서 휴대폰 본인인증을 다시 받으면 새 등록 링크를 보내 줘요. 새 링크를 열면 다시 쓸 수 있어요.',
	lockedOutAccounts: '연락할 훈련기관',
	brokenTitle: '저장된 데이터를 열 수 없어요',
	brokenLead: '이 기기에 저장된 인증 정보가 손상되었거나 바뀌었어요. 안전을 위해 열지 않았어요. 등록을 초기화한 뒤 훈련기관에서 새 등록 링크를 받아 주세요.',
	brokenNewer: '이 데이터는 더 새로운 버전의 앱에서 만들어졌어요. 앱을 새로고침해 최신 버전으로 열어 보세요.',
	brokenDetail: (code: string) => `오류 코드: ${code}`,
	vanishedTitle: '이 브라우저가 앱 데이터를 지웠어요',
	vanishedLead: '예전에 이 기기에서 등록했지만, 브라우저가 저장 공간을 정리하면서 인증 정보가 사라졌어요. 훈련기관에 새 등록 링크를 요청해 다시 등록하세요. 홈 화면에 앱을 설치하면 이런 일이 줄어들어요.',
	vanishedOk: '알겠어요',
	// Adding other services' keys lives in settings, apart from the institute enrollment (docs/decisions.md).
	otherKeysTitle: '다른 서비스의 OTP 키',
	otherKeysLead: (reset: string) =>
		`훈련기관 mOTP 등록은 한 사람이 기기 하나에서 한 번 해요. 새 휴대폰이나 바뀐 이름·전화번호로 다시 등록하려면 아래 "${reset}"을 한 뒤 훈련기관이 보낸 새 링크를 여세요. 여기서는 다른 서비스가 준 표준 OTP 키를 더할 수 있어요.`,
	otherKeysScan: '다른 서비스의 QR 코드 스캔',
	otherKeysManual: '키 직접 추가',
	resetTitle: '등록 초기화',
	resetLead: '이 기기의 모든 계정과 PIN을 지워요. 되돌릴 수 없고, 다시 쓰려면 훈련기관에서 새 등록 링크를 받아야 해요.',
	resetButton: '등록 초기화',
	resetConfirm: '정말 모두 지울까요?',
	resetDone: '초기화했어요.',

	// Change PIN, auto-lock, storage
	changePinTitle: 'PIN 변경',
	changePinLead: '지금 PIN을 확인한 뒤 새 PIN을 두 번 입력해요.',
	changePinStart: 'PIN 변경',
	changePinCurrent: '지금 쓰는 PIN을 입력하세요',
	changePinNew: '새 PIN을 입력하세요',
	changePinRepeat: '새 PIN을 한 번 더 입력하세요',
	changePinDone: 'PIN을 바꿨어요.',
	changePinFailed: 'PIN을 바꾸지 못했어요. 지금 PIN은 그대로예요.',
	autoLockTitle: '자동 잠금',
	autoLockLead: '앱을 화면에서 내린 뒤 이 시간이 지나면 잠가요. 5분 동안 아무 조작이 없어도 잠가요.',
	autoLockChoice: (ms: number) => (ms === 0 ? '바로' : ms < 60_000 ? `${ms / 1000}초 후` : `${ms / 60_000}분 후`),
	storageTitle: '저장 공간',
	storagePersisted: '이 브라우저는 앱 데이터를 지우지 않도록 보호하고 있어요.',
	storageNotPersisted: '이 브라우저는 저장 공간이 부족하면 앱 데이터를 지울 수 있어요. 그러면 훈련기관에서 다시 등록해야 해요. 홈 화면에 앱을 설치하면 보호받을 가능성이 높아져요.',
	storageAsk: '보호 요청하기',

	// PWA
	updateReady: '새 버전이 있어요.',
	updateNow: '업데이트',
	offlineReady: '이제 인터넷 없이도 쓸 수 있어요.',
	dismiss: '닫기',

	clock: clockKo,
	passkey: passkeyKo,
	reach: reachKo,
	help: helpKo,
	security: securityKo,
	vault: vaultKo,

	nav: { codes: '코드', settings: '설정', help: '도움말' }
};

/** The shape every language must provide. */
export type Messages = typeof ko;
