/**
 * What a tab remembers about the record it read, to tell later whether storage still holds
 * exactly that record: its `generation` (version 1 counts as 0) and its `mac`. The generation
 * orders writes; the MAC names the content, so a different vault that happens to stand at the
 * same generation (a wipe and a new enrollment in another tab) is never mistaken for the one
 * this tab read (the ABA problem of compare-and-swap).
 */
export interface RecordStamp {
	readonly generation: number;
	readonly mac: string;
}

/**
 * Reads the stamp of a stored record without validating the rest: cheap and synchronous, so the
 * storage edge can run it inside an IndexedDB transaction. Storage is untrusted, but this is
 * only a comparison: a forged stamp can make a write refuse, never make one succeed on data
 * the writer did not verify (every operation verifies the MAC of the record it changes).
 * @param text - the stored record, or `undefined` when there is none
 * @returns `null` when there is no record; a stamp that matches nothing when it is unreadable
 */
export function recordStamp(text: unknown): RecordStamp | null {
	if (text === undefined || text === null) return null;
	try {
		const o = JSON.parse(String(text)) as { version?: unknown; generation?: unknown; mac?: unknown };
		const generation = o.version === 1 ? 0 : o.generation;
		if (typeof generation === 'number' && Number.isSafeInteger(generation) && typeof o.mac === 'string') return { generation, mac: o.mac };
	} catch {
		// unreadable: fall through
	}
	return { generation: -1, mac: '' };
}

/** Whether two stamps name the same stored record (`null`: no record at all). */
export function sameStamp(a: RecordStamp | null, b: RecordStamp | null): boolean {
	if (a === null || b === null) return a === b;
	return a.generation === b.generation && a.mac === b.mac && a.mac !== '';
}
