/** The hosted verification page (`/v`, issue 16), Korean (the default). */
export const hostedKo = {
	title: 'mOTP 본인 확인',
	requestedBy: (client: string) => `${client}에서 본인 확인을 요청했습니다.`,
	instruction: 'mOTP 앱을 열고, 화면에 보이는 6자리 인증번호를 입력하세요.',
	codeLabel: '인증번호 (6자리)',
	submit: '인증하기',
	checking: '확인하는 중…',
	returning: '확인되었습니다. 교육 사이트로 돌아갑니다…',
	invalid: (left: number) => `인증번호가 맞지 않습니다. 남은 시도: ${left}회. 앱에 보이는 번호를 다시 확인하세요.`,
	replayed: '이미 사용한 인증번호입니다. 앱에 새 번호가 나타나면 그 번호를 입력하세요.',
	codeFormat: '숫자 6자리를 입력하세요.',
	rateLimited: (seconds: number) => `시도가 너무 많습니다. ${seconds}초 뒤에 다시 시도하세요.`,
	failed: '확인하지 못했습니다. 잠시 뒤 다시 시도하세요.',
	noScript: '이 페이지는 JavaScript가 필요합니다. 브라우저에서 JavaScript를 켜고 다시 여세요.',
	linkBroken: '이 인증 링크는 열 수 없습니다',
	linkBrokenHint: '교육 사이트로 돌아가서 본인 확인을 다시 시작하세요.',
	errors: {
		BAD_REQUEST: '링크의 내용이 올바르지 않습니다.',
		UNKNOWN_CLIENT: '등록되지 않은 교육 사이트에서 온 링크입니다.',
		BAD_SIGNATURE: '링크의 서명이 맞지 않습니다.',
		EXPIRED: '링크의 유효 시간(15분)이 지났습니다.',
		RETURN_TO_REFUSED: '돌아갈 주소가 등록된 주소가 아닙니다.',
		CROSS_SITE: '다른 사이트에서 보낸 요청은 받지 않습니다.'
	},
	otherLanguage: 'English',
	otherLanguageLabel: 'Switch to English'
};

export type HostedMessages = typeof hostedKo;
