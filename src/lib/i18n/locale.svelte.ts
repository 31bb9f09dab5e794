import { ko, type Messages } from './ko';
import { en } from './en';
import { LOCALE_STORAGE_KEY as STORAGE_KEY, pickLocale, type Locale } from './pickLocale';

export { pickLocale, type Locale };
const catalogues: Record<Locale, Messages> = { ko, en };

/** The current language and its messages. A manual choice (settings) is remembered on the device. */
class LocaleState {
	/** `null` means "follow the device". */
	choice = $state<Locale | null>(null);
	#device = $state<Locale>('ko');
	current = $derived<Locale>(this.choice ?? this.#device);
	t = $derived<Messages>(catalogues[this.current]);

	/** Reads the device preference and any saved choice; call once in the browser. */
	init(): void {
		this.#device = pickLocale(navigator.languages?.length ? navigator.languages : [navigator.language]);
		try {
			const saved = localStorage.getItem(STORAGE_KEY);
			if (saved === 'ko' || saved === 'en') this.choice = saved;
		} catch {
			// Storage may be blocked; the device preference still applies.
		}
		this.#apply();
	}

	/** Sets (or clears, with `null`) the manual choice. */
	set(choice: Locale | null): void {
		this.choice = choice;
		try {
			if (choice) localStorage.setItem(STORAGE_KEY, choice);
			else localStorage.removeItem(STORAGE_KEY);
		} catch {
			// Not persisted; still applies for this session.
		}
		this.#apply();
	}

	#apply(): void {
		document.documentElement.lang = this.current;
	}
}

export const locale = new LocaleState();
