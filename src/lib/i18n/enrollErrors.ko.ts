import type { TraineeErrorCode } from '$lib/api/traineeErrors';

/**
 * What a trainee is told for each code of `src/lib/api/traineeErrors.ts`: what happened and what
 * to do next. Codes after which a retry can work say so; the others never ask to "try later".
 */
export const enrollErrorsKo = {
	ENROLLMENT_EXPIRED: '등록 링크의 유효 기간이 지났어요. 훈련기관에 새 링크를 요청하세요.',
	ENROLLMENT_USED: '이미 사용한 등록 링크예요. 한 링크는 한 번만 쓸 수 있어요. 새 기기라면 훈련기관에 새 링크를 요청하세요.',
	ENROLLMENT_NOT_FOUND: '등록 정보를 찾을 수 없어요. 링크나 코드를 다시 확인하세요.',
	ENROLLMENT_SUPERSEDED: '이 등록 링크는 더 이상 쓸 수 없어요. 훈련기관이 새 링크를 보냈거나 등록을 취소했어요. 가장 최근에 받은 링크를 열거나, 훈련기관에 새 링크를 요청하세요.',
	BAD_REQUEST: '등록 링크나 코드의 형식이 올바르지 않아요. 받은 링크를 그대로 다시 열거나 코드를 다시 입력하세요.',
	PAYLOAD_TOO_LARGE: '요청을 처리할 수 없어요. 앱을 새로 고친 뒤 다시 해 주세요.',
	UNSUPPORTED_MEDIA_TYPE: '요청을 처리할 수 없어요. 앱을 새로 고친 뒤 다시 해 주세요.',
	NOT_FOUND: '등록 서버를 찾을 수 없어요. 훈련기관에서 받은 주소가 맞는지 확인하세요.',
	METHOD_NOT_ALLOWED: '요청을 처리할 수 없어요. 앱을 새로 고친 뒤 다시 해 주세요.',
	RATE_LIMITED: '시도가 너무 많아요. 잠시 후 다시 해 주세요.',
	INTERNAL: '서버에 문제가 생겼어요. 잠시 후 다시 해 주세요. 계속되면 훈련기관에 알려 주세요.',
	STORED_SECRET_INVALID: '서버에 저장된 등록 정보를 열 수 없어요. 다시 해도 되지 않으니 훈련기관에 새 등록 링크를 요청하세요.',
	OFFLINE: '인터넷에 연결되어 있지 않아요. 연결한 뒤 다시 해 주세요.',
	BAD_RESPONSE: '서버 응답이 올바르지 않아요. 잠시 후 다시 해 주세요.'
} satisfies Record<TraineeErrorCode, string>;
