import { describe, expect, it } from 'vitest';
import { browserKeeper, handOverUnlockResult, takeHandedOverUnlockResult } from './browserKeeper';

describe('browserKeeper', () => {
	it('is one keeper per page, and every follower hears its changes', () => {
		const a = browserKeeper();
		const b = browserKeeper();
		expect(a.keeper).toBe(b.keeper);
		const heard: string[] = [];
		a.follow((s) => heard.push(`1:${s.phase}`));
		b.follow((s) => heard.push(`2:${s.phase}`));
		// acknowledgeVanished clears the cookie marker, then publishes `welcome`: Node has no cookies.
		const had = 'document' in globalThis;
		(globalThis as { document?: unknown }).document ??= { cookie: '' };
		try {
			a.keeper.acknowledgeVanished();
		} finally {
			if (!had) delete (globalThis as { document?: unknown }).document;
		}
		expect(heard).toEqual(['1:welcome', '2:welcome']);
	});

	it('hands a failed light unlock over once, and nothing for a success', () => {
		handOverUnlockResult({ ok: false, code: 'PIN_CHECK_FAILED', attemptsLeft: 4 });
		expect(takeHandedOverUnlockResult()).toEqual({ ok: false, code: 'PIN_CHECK_FAILED', attemptsLeft: 4 });
		expect(takeHandedOverUnlockResult()).toBeNull();
		handOverUnlockResult({ ok: true });
		expect(takeHandedOverUnlockResult()).toBeNull();
	});
});
