/** Copies text to the clipboard; `false` when the platform refuses (no permission, insecure page). */
export async function copyText(text: string): Promise<boolean> {
	try {
		await navigator.clipboard.writeText(text);
		return true;
	} catch {
		return false;
	}
}

/**
 * Clears the clipboard if it still holds `text`. Browsers only let a focused page read the
 * clipboard (and may prompt), so this is best effort: it never overwrites something else the
 * user copied in the meantime.
 */
export async function clearClipboardIf(text: string): Promise<boolean> {
	try {
		if (!document.hasFocus()) return false;
		const current = await navigator.clipboard.readText();
		if (current !== text) return false;
		await navigator.clipboard.writeText('');
		return true;
	} catch {
		return false;
	}
}
