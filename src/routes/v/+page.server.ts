import type { PageServerLoad } from './$types';
import { getServices } from '$lib/server/getServices';
import { HostedError, type HostedErrorCode } from '$lib/server/hosted/HostedError';
import { checkHostedRequest, hostedParams, type HostedParams } from '$lib/server/hosted/hostedRequest';

// Per request: the page checks the LMS's signed request on every load (never prerendered or cached).
export const prerender = false;

export type HostedPageData =
	| { ok: true; locale: 'ko' | 'en'; institute: string; switchHref: string; clientName: string; params: HostedParams }
	| { ok: false; locale: 'ko' | 'en'; institute: string; switchHref: string; error: HostedErrorCode };

/** `lang=en|ko` when the LMS passes it (not signed: it changes only the words), else the browser's first of ko/en, else Korean. */
function locale(param: string | null, acceptLanguage: string | null): 'ko' | 'en' {
	if (param === 'en' || param === 'ko') return param;
	for (const tag of (acceptLanguage ?? '').split(',')) {
		const primary = tag.trim().split(/[-;]/)[0]!.toLowerCase();
		if (primary === 'ko' || primary === 'en') return primary;
	}
	return 'ko';
}

/**
 * The hosted verification page (issue 16): the LMS redirects a trainee here with a signed request
 * (docs/lms-guide.en.md). The request is checked before anything is shown; a bad one shows why and
 * never redirects anywhere (its `return_to` is not trusted).
 */
export const load: PageServerLoad = async ({ url, request }): Promise<HostedPageData> => {
	const lang = locale(url.searchParams.get('lang'), request.headers.get('accept-language'));
	const services = await getServices();
	const institute = services.config.instituteName;
	const other = new URL(url);
	other.searchParams.set('lang', lang === 'en' ? 'ko' : 'en');
	const switchHref = `${other.pathname}${other.search}`;
	try {
		const checked = await checkHostedRequest(services, hostedParams((n) => url.searchParams.get(n)));
		return { ok: true, locale: lang, institute, switchHref, clientName: checked.clientName, params: checked.params };
	} catch (error) {
		if (error instanceof HostedError) return { ok: false, locale: lang, institute, switchHref, error: error.code };
		throw error;
	}
};
