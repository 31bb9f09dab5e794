/**
 * Asks the browser to keep this origin's storage under pressure (Storage API `persist()`).
 * Returns `'granted'`, `'denied'`, or `'unsupported'`. Chromium grants it silently to installed or
 * engaged sites; Safari and Firefox may decide differently (see docs/decisions.md).
 */
export async function persistStorage(): Promise<'granted' | 'denied' | 'unsupported'> {
	if (!navigator.storage?.persist) return 'unsupported';
	try {
		if (await navigator.storage.persisted()) return 'granted';
		return (await navigator.storage.persist()) ? 'granted' : 'denied';
	} catch {
		return 'unsupported';
	}
}
