/**
 * The console's class enrollment page (issue 16 part 1), Korean. Mirrored by consoleClass.en.ts.
 * The printed sheet's how-to stays Korean in every console language: it is for trainees.
 */
export const consoleClassKo = {
	classTitle: '반 전체 등록',
	classLead: (maxRows: number, maxKiB: number) =>
		`훈련생 명단 CSV(traineeId,name,phone)를 올리면 모두에게 등록 링크·QR·코드를 한 번에 발급해요. 엑셀의 "CSV UTF-8"과 그냥 "CSV"(CP949) 모두 돼요. 한 번에 ${maxRows.toLocaleString('ko-KR')}명, ${maxKiB}KB까지예요.`,
	classFormat: '첫 줄은 열 이름이에요: traineeId,name,phone (훈련생ID, 이름, 전화번호도 돼요). 다른 열은 무시해요.',
	classFile: '명단 CSV 파일',
	classSubmit: '검사하고 발급하기',
	classAllOrNone: '모든 줄을 먼저 검사해요. 한 줄이라도 틀리면 아무것도 발급하지 않아요.',
	classProblemsTitle: (n: number) => `고칠 곳이 ${n.toLocaleString('ko-KR')}군데 있어요. 아무것도 발급하지 않았어요.`,
	classProblemsLead: '파일을 고쳐서 다시 올려 주세요. 행 번호는 엑셀에 보이는 번호예요(첫 줄 = 1행).',
	classRow: (row: number) => `${row}행`,
	classFileWide: '파일 전체',
	classColumn: { traineeId: '훈련생 ID', name: '이름', phone: '전화번호' } as Record<string, string>,
	classProblem: {
		'too-large': (maxKiB?: number) => `파일이 너무 커요. ${maxKiB}KB까지 올릴 수 있어요.`,
		empty: () => '훈련생 줄이 없어요.',
		spreadsheet: () => '엑셀 통합 문서(.xlsx/.xls)예요. 엑셀에서 "다른 이름으로 저장 → CSV"로 저장해서 올려 주세요.',
		binary: () => '텍스트 파일이 아니에요. CSV 파일을 올려 주세요.',
		encoding: () => '글자 인코딩을 읽을 수 없어요. UTF-8이나 CP949(엑셀의 CSV)로 저장해 주세요.',
		malformed: () => '따옴표(")가 닫히지 않았어요.',
		header: () => '첫 줄에 열 이름 traineeId,name,phone 이 있어야 해요.',
		'too-many-rows': (maxRows?: number) => `한 번에 ${maxRows?.toLocaleString('ko-KR')}명까지 올릴 수 있어요. 파일을 나눠 주세요.`,
		missing: () => '비어 있어요.',
		duplicate: (firstRow?: number) => `${firstRow}행과 훈련생 ID가 같아요.`
	} as Record<string, (n?: number) => string>,
	classInvalid: {
		traineeId: '영문, 숫자, . _ - 로 1–64자여야 해요.',
		name: '1–50자이고, 앞뒤 공백이나 줄바꿈은 쓸 수 없어요.',
		phone: '숫자 10–11자리여야 해요 (예: 010-1234-5678).'
	} as Record<string, string>,
	classReissueTitle: (n: number) => `${n.toLocaleString('ko-KR')}명은 이미 기기에 등록돼 있어요`,
	classReissueLead: '이대로 발급하면, 이 훈련생들이 새 링크로 등록하는 순간 지금 쓰는 기기의 OTP가 더 이상 인증되지 않아요. 새 링크로 등록하기 전까지는 지금 기기가 계속 돼요.',
	classReissueConfirm: (n: number) => `${n.toLocaleString('ko-KR')}명의 기기를 바꾸고 모두 발급하기`,
	classReissueCancel: '취소하고 다시 올리기',
	classReissueNothing: '아직 아무것도 발급하지 않았어요.',
	classIssuedTitle: (n: number) => `${n.toLocaleString('ko-KR')}명에게 발급했어요`,
	classIssuedOnce: '이 화면을 벗어나면 링크와 코드를 다시 볼 수 없어요. 지금 인쇄하거나 CSV로 내려받으세요.',
	classIssuedReplaced: (n: number) => `이 중 ${n.toLocaleString('ko-KR')}명은 새 링크로 등록하면 지금 기기가 해지돼요.`,
	classPrint: '등록 안내지 인쇄',
	classDownload: '결과 CSV 내려받기',
	classDownloadHint: 'traineeId,name,phone,enrollUrl,enrollCode,expiresAt — 카카오 알림톡이나 문자 발송 서비스에 그대로 쓸 수 있어요.',
	classAnother: '다른 반 올리기',
	// The printed card (always Korean: it goes to trainees)
	cardCode: '등록 코드',
	cardExpires: (when: string) => `${when}까지 (한국 시간)`,
	cardHowTo1: '① 휴대폰 카메라로 QR을 찍거나 링크를 열고, 6자리 PIN을 두 번 입력하세요.',
	cardHowTo2: '② 아이폰은 Safari에서 먼저 홈 화면에 추가한 뒤, 앱에서 "등록 코드 입력"으로 위 코드를 넣으세요.',
	cardQrAlt: (name: string) => `${name} 등록 링크 QR 코드`
};
