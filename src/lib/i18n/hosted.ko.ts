/** The hosted verification page (`/v`, issue 16), Korean (the default). */
export const hostedKo = {
	title: 'mOTP 본인 확인',
	requestedBy: (client: string) => `${client}에서 본인 확인을 요청했어요.`,
	instruction: 'mOTP 앱을 열고, 화면에 보이는 6자리 인증번호를 입력해 주세요.',
	codeLabel: '인증번호 (6자리)',
	submit: '인증하기',
	checking: '확인하는 중…',
	returning: '확인됐어요. 교육 사이트로 돌아가요…',
	invalid: (left: number) => `인증번호가 맞지 않아요. 남은 시도: ${left}회. 앱에 보이는 번호를 다시 확인해 주세요.`,
	replayed: '이미 사용한 인증번호예요. 앱에 새 번호가 나타나면 그 번호를 입력해 주세요.',
	codeFormat: '숫자 6자리를 입력해 주세요.',
	rateLimited: (seconds: number) => `시도가 너무 많아요. ${seconds}초 뒤에 다시 시도해 주세요.`,
	failed: '확인하지 못했어요. 잠시 뒤 다시 시도해 주세요.',
	noScript: '이 페이지는 JavaScript가 있어야 해요. 브라우저에서 JavaScript를 켜고 다시 열어 주세요.',
	linkBroken: '이 인증 링크는 열 수 없어요',
	linkBrokenHint: '교육 사이트로 돌아가서 본인 확인을 다시 시작해 주세요.',
	errors: {
		BAD_REQUEST: '링크의 내용이 올바르지 않아요.',
		UNKNOWN_CLIENT: '등록되지 않은 교육 사이트에서 온 링크예요.',
		BAD_SIGNATURE: '링크의 서명이 맞지 않아요.',
		EXPIRED: '링크의 유효 시간(15분)이 지났어요.',
		RETURN_TO_REFUSED: '돌아갈 주소가 등록된 주소가 아니에요.',
		CROSS_SITE: '다른 사이트에서 보낸 요청은 받지 않아요.'
	},
	otherLanguage: 'English',
	otherLanguageLabel: 'Switch to English'
};

export type HostedMessages = typeof hostedKo;
