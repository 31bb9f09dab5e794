/** The help's sections, by anchor: screens link to `/help#<anchor>`. */
export type HelpAnchor = 'what' | 'enroll' | 'install' | 'in-app' | 'clock' | 'lockout' | 'reset' | 'match' | 'fallback';

export interface HelpSection {
	id: HelpAnchor;
	title: string;
	/** Paragraphs, in order. */
	body: readonly string[];
	/** Optional numbered or bulleted lists, each with an optional heading. */
	lists?: readonly { title?: string; ordered?: boolean; items: readonly string[] }[];
	/** An illustration drawn in the page (no external image). */
	picture?: 'ios-install' | 'in-app';
}

/** The shape every language's help must have. */
export interface HelpMessages {
	title: string;
	lead: string;
	toc: string;
	top: string;
	sections: readonly HelpSection[];
}
