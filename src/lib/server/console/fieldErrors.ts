import { ApiError } from '../ApiError';
import { consoleMessages, type ConsoleLocale } from '$lib/i18n/console';

/**
 * Runs each field's rule and collects *every* refusal, so a form shows all of its errors at once
 * (issue 16 part 4), each next to its field, in the console's language.
 * @returns the parsed values, or the message per field that failed
 */
export function fieldErrors<T extends Record<string, () => string>>(
	rules: T,
	locale: ConsoleLocale
): { ok: true; values: { [K in keyof T]: string } } | { ok: false; errors: Partial<Record<keyof T & string, string>>; first: keyof T & string; message: string } {
	const t = consoleMessages(locale);
	const values = {} as { [K in keyof T]: string };
	const errors: Partial<Record<keyof T & string, string>> = {};
	for (const [name, rule] of Object.entries(rules) as [keyof T & string, () => string][]) {
		try {
			values[name] = rule();
		} catch (error) {
			if (!(error instanceof ApiError) || error.code !== 'BAD_REQUEST') throw error;
			errors[name] = t.field[error.field ?? name] ?? t.errorGeneric;
		}
	}
	const failed = Object.keys(errors) as (keyof T & string)[];
	if (failed.length === 0) return { ok: true, values };
	const first = failed[0]!;
	return { ok: false, errors, first, message: failed.length === 1 ? errors[first]! : t.errorsTitle(failed.length) };
}
