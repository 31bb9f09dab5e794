/** Messages for one writer across tabs, common PINs, duplicates and the enrollment retry (issue 13). */
export const vaultKo = {
	commonPinTitle: '많이 쓰는 PIN이에요',
	commonPinLead: '이 번호는 많은 사람이 쓰는 PIN이라 다른 사람이 쉽게 짐작할 수 있어요. 다른 번호로 정하는 것을 권해요.',
	commonPinChoose: '다른 PIN 고르기',
	commonPinKeep: '그래도 이 PIN 쓰기',
	duplicate: '이 계정은 이미 이 기기에 등록되어 있어요. 같은 QR 코드나 링크는 한 번만 등록하면 돼요.',
	changed: '다른 창에서 앱 데이터가 바뀌었어요. 화면을 확인한 뒤 다시 해 주세요.',
	createdElsewhere: '다른 창에서 먼저 등록을 마쳤어요. 그때 만든 PIN을 입력하면 이 계정이 함께 추가돼요.',
	retryTitle: '등록을 마치지 못했어요',
	retryLead: '정한 PIN은 그대로예요. 연결을 확인한 뒤 다시 시도하세요. 같은 등록 링크로 안전하게 다시 시도할 수 있어요.',
	retry: '다시 시도',
	retrying: '다시 시도하는 중…',
	passkeysDropNote: 'PIN을 바꾸면 보안을 위해 등록한 패스키가 지워져요. 바꾼 뒤 아래에서 다시 추가하세요.',
	passkeysDropped: (n: number) => `PIN을 바꿨어요. 패스키 ${n}개는 지워졌어요. 다시 쓰려면 아래에서 추가하세요.`,
	previewFailedTitle: '지금은 등록 정보를 확인할 수 없어요',
	previewRetry: '다시 확인하기'
};
