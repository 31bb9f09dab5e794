import type { Cookies } from '@sveltejs/kit';
import type { ConsoleLocale } from '$lib/i18n/console';

/** The console's language choice (the switch in the header); unset means "follow the browser". */
export const CONSOLE_LANG_COOKIE = 'motp_console_lang';

/**
 * The console's language for a request: the switch's cookie when set, otherwise the browser's
 * `Accept-Language` (highest q first; the first of ko/en wins), otherwise Korean. Decided on the
 * server, because the console's pages are rendered there.
 */
export function consoleLocale(event: { cookies: Pick<Cookies, 'get'>; request: { headers: { get(name: string): string | null } } }): ConsoleLocale {
	const chosen = event.cookies.get(CONSOLE_LANG_COOKIE);
	if (chosen === 'ko' || chosen === 'en') return chosen;
	return fromAcceptLanguage(event.request.headers.get('accept-language'));
}

/** The first of ko/en in an `Accept-Language` header by preference (RFC 9110 §12.5.4); Korean when neither. */
export function fromAcceptLanguage(header: string | null): ConsoleLocale {
	if (!header) return 'ko';
	const ranked = header
		.slice(0, 512)
		.split(',')
		.map((part, i) => {
			const [tag = '', ...params] = part.trim().split(';');
			const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p)).find(Boolean);
			return { primary: tag.trim().toLowerCase().split('-')[0], q: q ? Number(q[1]) : 1, i };
		})
		.filter((x) => x.q > 0)
		.sort((a, b) => b.q - a.q || a.i - b.i);
	for (const { primary } of ranked) if (primary === 'ko' || primary === 'en') return primary;
	return 'ko';
}

/** Remembers the switch's choice for the console (a year; the console only). */
export function setConsoleLocale(cookies: Pick<Cookies, 'set'>, locale: ConsoleLocale, https: boolean): void {
	cookies.set(CONSOLE_LANG_COOKIE, locale, { path: '/institute', httpOnly: true, sameSite: 'lax', secure: https, maxAge: 365 * 86_400 });
}
