import type { ApiError } from '../ApiError';
import { toApiError } from '../http/toApiError';

const FIELD: Record<string, string> = {
	traineeId: '훈련생 ID는 영문, 숫자, . _ - 로 1–64자예요.',
	name: '이름은 1–50자이고, 앞뒤 공백이나 제어 문자는 쓸 수 없어요.',
	phone: '전화번호는 숫자 10–11자리예요 (예: 010-1234-5678).',
	code: 'OTP 번호는 숫자 6자리예요.'
};

const CODE: Partial<Record<ApiError['code'], string>> = {
	TRAINEE_NOT_FOUND: '해당 훈련생이 없어요.',
	PHONE_AMBIGUOUS: '이 전화번호로 등록된 훈련생이 여러 명이에요. 훈련생 ID로 인증하세요.',
	RATE_LIMITED: '요청이 너무 많아요. 잠시 후 다시 시도하세요.',
	CONFLICT: '훈련생 등록이 바뀌는 중이었어요. 다시 시도하세요.'
};

/** A Korean sentence for a refusal, for the console's forms (the API keeps its codes). */
export function consoleMessage(error: ApiError): string {
	if (error.code === 'BAD_REQUEST' && error.field && FIELD[error.field]) return FIELD[error.field]!;
	return CODE[error.code] ?? '요청을 처리할 수 없어요.';
}

/** Runs a console operation; a refusal (any layer's, through `toApiError`) becomes `{ error }` for the form, anything else propagates. */
export async function consoleTry<T>(fn: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: ApiError; message: string }> {
	try {
		return { ok: true, value: await fn() };
	} catch (error) {
		const refusal = toApiError(error);
		if (refusal && refusal.code !== 'INTERNAL' && refusal.code !== 'STORED_SECRET_INVALID') return { ok: false, error: refusal, message: consoleMessage(refusal) };
		throw error;
	}
}
