/** Messages for the security settings (issue 8): clearing copied codes. Korean, plain 해요체. */
export const securityKo = {
	clipboardTitle: '클립보드',
	clearLabel: '복사한 코드 자동으로 지우기',
	clearHelp: '코드 시간이 끝나면, 클립보드에 아직 그 코드가 있을 때만 지워요. 브라우저가 클립보드 읽기 권한을 물어볼 수 있어요.',
	clearUnavailable: '이 브라우저는 앱이 클립보드를 지우지 못하게 해요. 붙여 넣은 뒤에는 다른 글자를 복사해 코드를 덮어 주세요.',
	cleared: '시간이 끝난 코드를 클립보드에서 지웠어요'
};
