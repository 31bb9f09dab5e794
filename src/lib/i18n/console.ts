import { consoleKo } from './console.ko';
import { consoleEn } from './console.en';
import { consoleClassKo } from './consoleClass.ko';
import { consoleClassEn } from './consoleClass.en';
import { consoleAuditKo } from './consoleAudit.ko';
import { consoleAuditEn } from './consoleAudit.en';

/**
 * The console's message catalogue (issue 16 part 4), the same mechanism as the app's (plain
 * objects per language, the Korean one's type the contract): one object per language, joined
 * from one file per page area. To add an area, write `<area>.ko.ts` (and its type) and
 * `<area>.en.ts`, and spread both below (or nest them under a key, as `audit` is: the audit export
 * and timeline pages read `t.audit.…`). Korean is the default.
 */
export type ConsoleLocale = 'ko' | 'en';

const CATALOGUES = {
	ko: { ...consoleKo, ...consoleClassKo, audit: consoleAuditKo },
	en: { ...consoleEn, ...consoleClassEn, audit: consoleAuditEn }
};

export type ConsoleMessages = (typeof CATALOGUES)['ko'];
// The English catalogue has every key the Korean one has (each area's type checks its values).
const _complete: ConsoleMessages = CATALOGUES.en;
void _complete;

/** The console's messages in `locale`. */
export function consoleMessages(locale: ConsoleLocale): ConsoleMessages {
	return CATALOGUES[locale];
}
