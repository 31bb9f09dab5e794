import type { ApiError } from '../ApiError';
import { toApiError } from '../http/toApiError';
import { consoleMessages, type ConsoleLocale } from '$lib/i18n/console';

/** A sentence for a refusal, in the console's language, for its forms (the API keeps its codes). */
export function consoleMessage(error: ApiError, locale: ConsoleLocale = 'ko'): string {
	const t = consoleMessages(locale);
	if (error.code === 'BAD_REQUEST' && error.field && t.field[error.field]) return t.field[error.field]!;
	return t.error[error.code] ?? t.errorGeneric;
}

/** Runs a console operation; a refusal (any layer's, through `toApiError`) becomes `{ error }` for the form, anything else propagates. */
export async function consoleTry<T>(
	fn: () => Promise<T>,
	locale: ConsoleLocale = 'ko'
): Promise<{ ok: true; value: T } | { ok: false; error: ApiError; message: string }> {
	try {
		return { ok: true, value: await fn() };
	} catch (error) {
		const refusal = toApiError(error);
		if (refusal && refusal.code !== 'INTERNAL' && refusal.code !== 'STORED_SECRET_INVALID') return { ok: false, error: refusal, message: consoleMessage(refusal, locale) };
		throw error;
	}
}
