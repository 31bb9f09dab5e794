/**
 * Reaching the trainee (issue 7): in-app browsers, installing, iPhone, QR scanning (Korean).
 * Mirrored by reach.en.ts; `ReachMessages` (reach.ko.types.ts) keeps them in step.
 */
export const reachKo = {
	// The in-app browser gate
	inAppTitle: '브라우저에서 열어 주세요',
	inAppLead: (app: string) =>
		`지금 ${app} 안의 브라우저로 열려 있어요. 여기서는 앱을 설치할 수 없고, 등록해도 인증 정보가 ${app} 안에만 남아 사라질 수 있어요.`,
	inAppWhat: '휴대폰의 기본 브라우저(Chrome, 삼성 인터넷, Safari)에서 열면 바로 이어서 등록할 수 있어요.',
	apps: {
		kakaotalk: '카카오톡',
		naver: '네이버 앱',
		line: '라인',
		instagram: '인스타그램',
		facebook: '페이스북',
		band: '밴드',
		daum: '다음 앱',
		wechat: '위챗',
		everytime: '에브리타임',
		threads: '스레드',
		twitter: 'X(트위터)',
		messenger: '메신저',
		telegram: '텔레그램',
		whatsapp: '왓츠앱',
		tiktok: '틱톡',
		snapchat: '스냅챗',
		google: 'Google 앱',
		webview: '다른 앱'
	} as Record<string, string>,
	openExternal: {
		kakaotalk: '다른 브라우저로 열기',
		line: '기본 브라우저로 열기',
		'android-intent': 'Chrome으로 열기',
		'ios-safari-scheme': 'Safari로 열기'
	} as Record<string, string>,
	androidManual: '버튼을 눌러도 안 열리면: 화면 위나 아래의 ⋮ 메뉴에서 "다른 브라우저로 열기"를 누르거나, 아래에서 링크를 복사해 삼성 인터넷이나 Chrome 주소창에 붙여 넣으세요.',
	iosManualTitle: 'Safari에서 여는 방법',
	iosManualSteps: [
		'화면 아래나 위의 ⋯ 버튼(또는 공유 버튼)을 누르세요.',
		'"Safari로 열기" 또는 "기본 브라우저로 열기"를 누르세요.',
		'Safari에서 열리면 안내에 따라 홈 화면에 추가하세요.'
	],
	copyLink: '링크 복사',
	linkCopied: '링크를 복사했어요. 브라우저 주소창에 붙여 넣으세요.',
	linkCopyFailed: '복사하지 못했어요. 링크를 길게 눌러 복사하세요.',
	stayTitle: '그래도 여기서 계속하기',
	stayLead: '이 앱이 브라우저 데이터를 지우면 인증 정보도 사라지고, 훈련기관에서 다시 등록해야 해요.',
	stayButton: '이 화면에서 계속',
	pictureAlt: '앱 안 브라우저의 ⋯ 메뉴를 누르고 "Safari로 열기"를 고르는 그림',
	pictureMenu: 'Safari로 열기',

	// Installing
	installTitle: '홈 화면에 설치하기',
	installLead: '설치하면 앱처럼 바로 열리고, 브라우저가 데이터를 지울 걱정도 줄어요.',
	installButton: '설치하기',
	installDone: '설치했어요. 홈 화면의 mOTP 아이콘으로 여세요.',
	installManual: '브라우저 메뉴(⋮ 또는 ≡)에서 "홈 화면에 추가" 또는 "앱 설치"를 누르세요.',
	iosInstallTitle: 'iPhone에서는 먼저 홈 화면에 추가하세요',
	iosInstallSteps: [
		'Safari 아래쪽의 공유 버튼(네모에 위쪽 화살표)을 누르세요. 안 보이면 ⋯ 버튼을 먼저 누르세요.',
		'목록을 위로 올려 "홈 화면에 추가"를 누르세요.',
		'오른쪽 위의 "추가"를 누르세요.',
		'홈 화면에 생긴 mOTP 아이콘을 눌러 앱을 여세요.'
	],
	iosWhy: 'iPhone의 홈 화면 앱은 Safari와 저장 공간이 따로예요. Safari에서 등록하면 설치한 앱에는 인증 정보가 없어요. 그래서 등록은 설치한 앱 안에서 해요.',
	iosThenCode: '설치한 앱을 열고 "등록 코드 입력"을 누른 다음, 링크와 함께 받은 8자리 등록 코드(예: ABCD-EFGH)를 입력하세요.',
	iosThenScan: '또는 설치한 앱에서 "QR 코드 스캔"을 누르고 훈련기관의 QR 코드를 비추세요.',
	iosNoCode: '등록 코드를 받지 못했다면 훈련기관에 문의하세요. 링크는 한 번만 쓸 수 있으니 Safari에서 쓰지 않았어요.',
	iosKeyThen: '설치한 앱에서 "QR 코드 스캔"으로 같은 QR 코드를 비추거나, 이 링크를 복사해 "직접 키 추가"에 붙여 넣으세요.',
	iosContinueTitle: 'Safari에서 그냥 쓰기',
	iosContinueLead: 'Safari에 등록하면 홈 화면 앱에서는 보이지 않아요. 설치하지 않고 Safari에서만 쓸 때만 고르세요.',
	iosContinueButton: 'Safari에 등록',
	iosPictureAlt: 'Safari의 공유 버튼을 누르고 "홈 화면에 추가"를 고르는 그림',
	iosPictureShare: '공유',
	iosPictureAdd: '홈 화면에 추가',

	// Scanning
	scanTitle: 'QR 코드 스캔',
	scanLead: '훈련기관의 등록 QR 코드나, 다른 서비스의 OTP QR 코드를 읽어요.',
	scanStart: '카메라로 스캔',
	scanStop: '카메라 끄기',
	scanLooking: 'QR 코드를 화면 가운데에 비춰 주세요.',
	scanVideoLabel: '카메라 화면',
	scanFileLabel: '사진이나 스크린샷에서 읽기',
	scanFileHint: 'QR 코드를 찍은 사진이나 화면 캡처를 고르세요.',
	scanReading: 'QR 코드를 읽는 중…',
	scanLink: 'QR 코드 스캔',
	scanTypeCode: '등록 코드 직접 입력',
	scanError: {
		QR_NOT_FOUND: '이미지에서 QR 코드를 찾지 못했어요. QR 코드가 크고 선명하게 나온 사진으로 다시 해 보세요.',
		QR_IMAGE_UNREADABLE: '이 파일은 열 수 없어요. PNG나 JPG 사진을 골라 주세요.',
		QR_DECODER_UNAVAILABLE: '이 브라우저에서는 QR 코드를 읽을 수 없어요. 등록 코드를 직접 입력하세요.',
		CAMERA_DENIED: '카메라를 쓸 수 없어요. 브라우저 설정에서 카메라를 허용하거나, 사진에서 읽어 주세요.',
		CAMERA_UNAVAILABLE: '카메라를 찾을 수 없어요. 사진에서 읽거나 등록 코드를 입력하세요.',
		SCAN_OTHER_SITE: '다른 사이트에서 만든 등록 QR 코드예요. 이 앱에서는 쓸 수 없어요.',
		SCAN_NOT_ENROLLMENT: 'OTP 등록용 QR 코드가 아니에요.',
		SCAN_EMPTY: 'QR 코드에 내용이 없어요.'
	} as Record<string, string>,

	// Links into the help (shown on screens that can fail)
	helpLink: '도움말 보기'
};
