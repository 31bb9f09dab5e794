export type Locale = 'ko' | 'en';

/** Where a manual choice (settings) is kept on the device. */
export const LOCALE_STORAGE_KEY = 'motp.locale';

/**
 * Picks the UI language from the browser's preference list: the first of ko/en that appears wins,
 * and anything else (or nothing) means Korean, the product's default.
 */
export function pickLocale(preferences: readonly string[]): Locale {
	for (const tag of preferences) {
		const primary = tag.toLowerCase().split('-')[0];
		if (primary === 'ko' || primary === 'en') return primary;
	}
	return 'ko';
}

/** The language the app will show: the saved choice, else the device's preference. */
export function preferredLocale(): Locale {
	try {
		const saved = localStorage.getItem(LOCALE_STORAGE_KEY);
		if (saved === 'ko' || saved === 'en') return saved;
	} catch {
		// Storage may be blocked; the device preference still applies.
	}
	return pickLocale(navigator.languages?.length ? navigator.languages : [navigator.language]);
}
