/**
 * Passkey messages (Korean, the default): settings → 패스키 and the lock screen's passkey button.
 * Keys under `addError`/`unlockError` are `PasskeyError`/`VaultError` codes; a missing key falls
 * back to `addFailed`/`unlockFailed`.
 */
export const passkeyKo = {
	sectionTitle: '패스키 (지문·얼굴 인식)',
	sectionLead: 'PIN 대신 지문, 얼굴 인식이나 기기 화면 잠금으로 앱을 열 수 있어요. 패스키가 저장된 인증 키의 암호를 직접 풀어요. PIN은 언제나 예비 수단으로 남아요.',
	none: '아직 추가한 패스키가 없어요.',
	slotLabel: (n: number, date: string) => `패스키 ${n} · ${date} 추가`,
	add: '패스키 추가',
	addPinTitle: '패스키 추가',
	addPinLead: '먼저 PIN을 입력하세요. 그다음 지문이나 얼굴 인식을 요청해요. 확인을 한 번 더 요청할 수도 있어요.',
	addSubmit: '다음',
	added: '패스키를 추가했어요. 다음부터 잠금 화면에서 패스키로 열 수 있어요.',
	remove: '삭제',
	removeConfirm: '이 패스키를 삭제할까요? 이 패스키로는 더 이상 열 수 없어요. PIN은 그대로예요.',
	removed: '패스키를 삭제했어요.',
	limit: '패스키는 8개까지 추가할 수 있어요.',
	unsupported: '이 브라우저에서는 패스키로 잠금을 풀 수 없어요. 패스키가 인증 키를 직접 풀려면 PRF라는 기능이 필요한데, 이 브라우저는 지원하지 않아요. PIN으로 계속 쓸 수 있어요.',
	resetNote: '이 기기의 패스키 항목도 모두 지워져요.',
	managerNote: '휴대폰이나 PC의 비밀번호 관리자(Google 비밀번호 관리자, iCloud 키체인, Windows Hello 등)에서 패스키를 지우면 그 패스키로는 이 앱을 열 수 없어요. 그래서 PIN은 항상 남겨 둬요.',

	unlock: '패스키로 열기',
	unlockHint: '지문, 얼굴 인식이나 화면 잠금으로 열어요.',
	unlocking: '패스키 확인 중…',
	unlockUnavailable: '이 브라우저에서는 패스키로 열 수 없어요. PIN을 입력하세요.',

	addFailed: '패스키를 추가하지 못했어요. PIN은 그대로 쓸 수 있어요.',
	addError: {
		CANCELLED: '패스키를 만들지 않았어요. 확인을 취소했거나 시간이 지났어요. 다시 하려면 PIN을 입력하세요.',
		ALREADY_REGISTERED: '이 기기(또는 보안 키)에는 이미 이 앱의 패스키가 있어요.',
		PRF_UNSUPPORTED: '이 패스키는 잠금을 푸는 기능(PRF)을 지원하지 않아서 추가하지 않았어요. 다른 기기나 보안 키를 쓰거나 PIN을 계속 쓰세요.',
		NO_PRF_RESULT: '패스키에서 잠금을 푸는 값을 받지 못해서 추가하지 않았어요. PIN은 그대로 쓸 수 있어요.',
		INSECURE_CONTEXT: '이 주소에서는 패스키를 쓸 수 없어요. https 주소로 앱을 열어 주세요.',
		UNAVAILABLE: '이 브라우저에서는 패스키로 잠금을 풀 수 없어요.',
		NOT_SUPPORTED: '이 기기에는 쓸 수 있는 패스키 방식이 없어요.'
	} as Record<string, string>,

	unlockFailed: '패스키로 열지 못했어요. PIN을 입력하세요.',
	unlockError: {
		CANCELLED: '패스키로 열지 못했어요. 확인을 취소했거나 시간이 지났어요. 다시 시도하거나 PIN을 입력하세요. 비밀번호 관리자에서 패스키를 지웠다면 PIN으로 연 뒤 설정에서 그 패스키도 삭제하세요.',
		NO_PRF_RESULT: '이 패스키가 잠금을 푸는 값을 주지 않았어요. 다른 기기로 옮겨진 패스키일 수 있어요. PIN을 입력하세요.',
		UNKNOWN_CREDENTIAL: '이 패스키는 이 기기의 등록과 맞지 않아요. 초기화 전 등 다른 등록에서 만든 패스키예요. PIN을 입력하세요.',
		PASSKEY_UNWRAP_FAILED: '이 패스키는 이 기기의 등록과 맞지 않아요. 초기화 전 등 다른 등록에서 만든 패스키예요. PIN을 입력하세요.',
		PRF_UNSUPPORTED: '이 브라우저에서는 패스키로 열 수 없어요. PIN을 입력하세요.',
		UNAVAILABLE: '이 브라우저에서는 패스키로 열 수 없어요. PIN을 입력하세요.',
		INSECURE_CONTEXT: '이 주소에서는 패스키를 쓸 수 없어요. PIN을 입력하세요.'
	} as Record<string, string>
};

/** The shape every language's passkey messages must have. */
export type PasskeyMessages = typeof passkeyKo;
