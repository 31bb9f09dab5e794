/**
 * The institute console (/institute/*), Korean: the default, in 해요체 throughout (issue 16 part 4).
 * Mirrored by console.en.ts; `ConsoleShellMessages` (console.ko.types.ts) keeps them in step.
 * Page areas with their own files are joined in `console.ts`.
 */
export const consoleKo = {
	consoleName: '기관 콘솔',
	title: (institute: string) => `${institute} · 기관 콘솔`,
	navLabel: '기관 콘솔',
	nav: { enroll: '등록 발급', classes: '반 등록', verify: 'OTP 인증', trainees: '훈련생', audit: '감사 로그' } as Record<string, string>,
	logout: '로그아웃',
	language: '언어',
	copied: '복사됨',
	goToEnroll: '등록 발급으로 이동',
	toLogin: '로그인',

	// Errors from the server (consoleMessage)
	field: {
		traineeId: '훈련생 ID는 영문, 숫자, . _ - 로 1–64자예요.',
		name: '이름은 1–50자이고, 앞뒤 공백이나 제어 문자는 쓸 수 없어요.',
		phone: '전화번호는 숫자 10–11자리예요 (예: 010-1234-5678).',
		code: 'OTP 번호는 숫자 6자리예요.'
	} as Record<string, string>,
	error: {
		TRAINEE_NOT_FOUND: '해당 훈련생이 없어요.',
		PHONE_AMBIGUOUS: '이 전화번호로 등록된 훈련생이 여러 명이에요. 훈련생 ID로 인증하세요.',
		RATE_LIMITED: '요청이 너무 많아요. 잠시 후 다시 시도하세요.',
		CONFLICT: '훈련생 등록이 바뀌는 중이었어요. 다시 시도하세요.'
	} as Record<string, string>,
	errorGeneric: '요청을 처리할 수 없어요.',
	errorsTitle: (n: number) => `${n}곳을 고쳐 주세요.`,

	// Login
	loginTitle: '기관 콘솔 로그인',
	loginKey: 'API 키',
	loginKeyHint: '서버의 MOTP_API_KEY 또는 데이터 폴더의 api-key 파일에 있는 키예요.',
	loginWrongKey: 'API 키가 맞지 않아요.',
	loginSubmit: '로그인',

	// Single enrollment
	enrollTitle: '등록 발급',
	enrollLead: '훈련생에게 보낼 등록 링크, QR 코드, 등록 코드를 만들어요. 한 번만 쓸 수 있고 24시간 뒤 만료돼요. 새로 발급하면 이전에 쓰지 않은 링크는 무효가 되고, 새 링크로 등록하는 순간 기존 기기의 등록이 해지돼요.',
	enrollClassHint: '반 전체를 한 번에 등록하려면',
	enrollIssuedTitle: (name: string, id: string) => `${name} (${id}) 등록 링크`,
	enrollIssuedOnce: '발급했어요. 이 화면을 벗어나면 링크와 코드를 다시 볼 수 없어요.',
	enrollQrAlt: '등록 링크 QR 코드',
	enrollLink: '등록 링크',
	enrollCopyLink: '링크 복사',
	enrollCode: '등록 코드 (앱에 직접 입력)',
	enrollCopyCode: '코드 복사',
	enrollMeta: (phone: string, expires: string) => `전화번호 ${phone} · 만료 ${expires} (한국 시간)`,
	enrollFormTitle: '훈련생 정보',
	enrollAnother: '다른 훈련생 발급',
	traineeId: '훈련생 ID',
	name: '이름',
	nameHint: '기관 기록과 똑같이 (띄어쓰기 포함) 입력하세요.',
	phone: '휴대폰 번호',
	enrollSubmit: '발급하기',

	// Verify
	verifyTitle: 'mOTP 인증',
	verifyLead: '훈련생 앱에 보이는 6자리 번호와 회원 전화번호를 입력하세요. 5번 연속 틀리거나 30일 안에 10번 틀리면 잠기고, 본인인증(PASS·문자) 후 훈련생 목록에서 잠금을 해제할 수 있어요. 이미 인증에 쓴 번호를 다시 보내면 거절되지만 틀린 횟수에는 들어가지 않아요.',
	verifyAccepted: '인증됐어요.',
	verifyFailuresSince: (n: number, at: string) => `지난 인증 뒤로 이 계정에 틀린 번호가 ${n}번 입력됐어요(마지막 ${at}). 훈련생이 직접 입력한 것이 아니라면 알려 주세요.`,
	verifyLocked: '잠긴 훈련생이에요.',
	verifyLockedWhat: '본인인증(PASS·문자) 후 잠금을 해제하세요.',
	verifyNotEnrolled: '등록되지 않았어요.',
	verifyNotEnrolledWhat: '등록 링크를 발급하고 훈련생이 앱에서 등록을 마쳐야 해요.',
	verifyReplayed: '이미 사용한 번호예요.',
	verifyReplayedWhat: (left: number) => `앱에 새 번호가 나오면 다시 입력하세요. 틀린 횟수에는 들어가지 않았어요(남은 횟수 ${left}회).`,
	verifyInvalid: '번호가 맞지 않아요.',
	verifyInvalidWhat: (left: number) => `남은 횟수 ${left}회.`,
	verifyCode: 'OTP 번호',
	verifyPhone: '회원 전화번호',
	verifyById: '전화번호 대신 훈련생 ID로 인증',
	verifyByIdHint: '입력하면 전화번호 대신 이 ID로 인증해요.',
	verifySubmit: '인증하기',
	verifyNeedPhone: '회원 전화번호나 훈련생 ID를 입력하세요.',

	// Trainees
	traineesTitle: '훈련생',
	status: { enrolled: '등록됨', locked: '잠김', pending: '등록 대기', revoked: '폐기됨', none: '미등록' } as Record<string, string>,
	lastAttempt: '마지막 인증 시도',
	result: {
		accepted: '인증 성공',
		'rejected:invalid': '번호 틀림',
		'rejected:replayed': '재사용된 번호(횟수에 안 셈)',
		locked: '잠긴 상태라 거절됨'
	} as Record<string, string>,
	unlockedSince: '그 뒤 잠금 해제됨',
	revokedSince: '그 뒤 등록 폐기됨',
	noAttempt: '아직 없음',
	failuresSinceSuccess: '마지막 성공 뒤 실패',
	failuresValue: (n: number, at: string, left: number) => `${n}회 · 마지막 ${at} (남은 ${left}회)`,
	failuresWindow: (days: number) => `${days}일 동안 실패`,
	times: (n: number) => `${n}회`,
	pendingUntil: (at: string) => `${at}까지`,
	phoneLabel: '전화번호',
	unlock: '잠금 해제',
	unlockLabel: (name: string, id: string) => `${name} (${id}) 잠금 해제`,
	revoke: '등록 폐기',
	revokeLabel: (name: string, id: string) => `${name} (${id}) 등록 폐기`,
	revokeAsk: '이 훈련생의 등록을 폐기할까요? 지금 기기의 OTP가 바로 인증되지 않고, 되돌릴 수 없어요. 다시 쓰려면 새 등록 링크를 발급해야 해요.',
	revokeConfirm: '폐기하기',
	revokeConfirmLabel: (name: string, id: string) => `${name} (${id}) 폐기하기`,
	revokeCancel: '취소',
	revokeUnconfirmed: '폐기를 확인하지 않았어요. 다시 시도하세요.',
	doneUnlock: '잠금을 해제했어요.',
	doneRevoke: '등록을 폐기했어요.',
	noMore: '더 없어요.',
	noneYet: '아직 훈련생이 없어요.',
	nextPage: '다음 훈련생',
	traineesHint: '잠금 해제는 기관에서 본인인증(PASS·문자)을 마친 뒤에 하세요. 폐기하면 그 기기의 OTP는 더 이상 인증되지 않고, 새 등록 링크로 다시 등록할 수 있어요.',

	// Audit
	auditTitle: '감사 로그',
	auditLead: '최신순, 시각은 한국 시간. OTP 번호, 등록 코드, 키는 기록하지 않아요.',
	auditIntegrity: '무결성 검사',
	auditIntegrityHint: '모든 기록은 바로 앞 기록의 해시에 이어져 있어요. 한 줄이라도 고치거나 지우면 검사에서 그 위치가 드러나요.',
	auditCheck: '지금 검사하기',
	auditIntact: (rows: number, id: number) => `이상 없어요. 기록 ${rows}건, 마지막 기록 #${id}, 해시`,
	auditBroken: (id: number, reason: string, rows: number) => `기록 #${id}에서 체인이 끊겼어요: ${reason}. 그 앞 ${rows}건은 기록된 그대로예요.`,
	auditBreak: {
		'row-edited': '기록 내용이 바뀌었어요',
		'link-broken': '앞 기록이 지워졌거나 끼워 넣어졌어요',
		'head-mismatch': '마지막 기록들이 지워졌거나, 체인 끝이 맞지 않아요',
		'head-seal': '체인 끝의 서명이 맞지 않아요(체인이 통째로 다시 계산됐어요)',
		'anchor-seal': '보관 기간 시작점의 서명이 맞지 않아요(오래된 기록이 키 없이 지워졌어요)'
	} as Record<string, string>,
	auditMisses: (preview: number, redeem: number) =>
		`지난 24시간 동안 없는 등록 링크·코드 조회: 미리보기 ${preview}회, 등록 ${redeem}회 (한 건씩 기록하지 않고 시간별로 세요).`,
	auditEmpty: '기록이 없어요.',
	auditOlder: '이전 기록',
	auditActor: { api: 'API', console: '콘솔', app: '앱', hosted: '인증 페이지', system: '시스템' } as Record<string, string>,
	/** One sentence per action and result, so a row reads as what happened (not "잠김 / 완료"). */
	auditEvent: {
		'enroll.issue:ok': '등록 링크 발급',
		'enroll.preview:ok': '등록 링크 미리보기',
		'enroll.redeem:ok': '앱에서 등록 완료',
		'enroll.redeem:repeated': '등록 응답 다시 보냄(같은 앱의 재시도)',
		'verify:accepted': 'OTP 인증 성공',
		'verify:rejected:invalid': 'OTP 인증 실패: 번호 틀림',
		'verify:rejected:replayed': 'OTP 인증 거절: 이미 쓴 번호(횟수에 안 셈)',
		'verify:locked': 'OTP 인증 거절: 잠긴 상태',
		'verify:not-enrolled': 'OTP 인증 거절: 등록 안 됨',
		'lock:ok': '틀린 횟수가 차서 잠김',
		'unlock:ok': '잠금 해제',
		'revoke:ok': '등록 폐기',
		'console.login:ok': '콘솔 로그인',
		'console.login:wrong-key': '콘솔 로그인 실패: 키 틀림',
		'client.create:ok': 'LMS 연동 클라이언트 추가',
		'client.delete:ok': 'LMS 연동 클라이언트 삭제',
		'audit.prune:deleted': '보관 기간 지난 기록 삭제'
	} as Record<string, string>,
	auditAction: {
		'enroll.issue': '등록 발급',
		'enroll.preview': '등록 미리보기',
		'enroll.redeem': '등록',
		verify: 'OTP 인증',
		lock: '잠금',
		unlock: '잠금 해제',
		revoke: '등록 폐기',
		'console.login': '콘솔 로그인',
		'client.create': 'LMS 클라이언트 추가',
		'client.delete': 'LMS 클라이언트 삭제',
		'audit.prune': '오래된 기록 삭제'
	} as Record<string, string>,
	auditResult: {
		'not-found': '없는 등록',
		used: '이미 사용됨',
		expired: '만료됨',
		superseded: '새 등록으로 무효'
	} as Record<string, string>
};
