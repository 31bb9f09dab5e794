import { auditRowHash, GENESIS_HASH, sealAuditAnchor } from '../store/auditChain';
import type { Services } from './Services';

/** Why the chain is not intact, at the first row (or the head) where it stops holding. */
export type AuditBreakReason =
	/** The row's content no longer gives its stored hash: it was edited. */
	| 'row-edited'
	/** The row does not point at the row before it: a row between was deleted or inserted. */
	| 'link-broken'
	/** The newest rows are missing, or rows were added without moving the head. */
	| 'head-mismatch'
	/** The head's seal does not verify: the head, and with it the chain, was rewritten without the key. */
	| 'head-seal'
	/** The retention anchor's seal does not verify: old rows were deleted, or the anchor moved, without the key. */
	| 'anchor-seal';

/** The result of {@link checkAuditChain}. */
export type AuditChainReport =
	| { intact: true; rows: number; head: { id: number; hash: string }; anchor?: ChainAnchor }
	| { intact: false; rows: number; head: { id: number; hash: string }; anchor?: ChainAnchor; firstBreak: { id: number; reason: AuditBreakReason } };

/** Where the kept chain starts, after a retention prune (absent: at the genesis hash). */
export interface ChainAnchor {
	firstId: number;
	prevHash: string;
}

const PAGE = 1000;

/**
 * Walks the whole audit log oldest first and recomputes its hash chain (store/auditChain.ts), then
 * checks the sealed head against the newest row. Reports the first break, so an inspector is told
 * where to look; rows before it are as written.
 */
export async function checkAuditChain(services: Services): Promise<AuditChainReport> {
	const head = await services.store.getAuditHead();
	// After a retention prune the chain starts at the sealed anchor, not at the genesis hash.
	const anchorRow = await services.store.getAuditAnchor();
	const anchor = anchorRow ? { firstId: anchorRow.firstId, prevHash: anchorRow.prevHash } : undefined;
	let prev = anchorRow ? { id: anchorRow.firstId - 1, hash: anchorRow.prevHash } : { id: 0, hash: GENESIS_HASH };
	let rows = 0;
	const broken = (id: number, reason: AuditBreakReason): AuditChainReport => ({
		intact: false,
		rows,
		head: { id: head.lastId, hash: head.hash },
		...(anchor ? { anchor } : {}),
		firstBreak: { id, reason }
	});
	if (anchorRow && sealAuditAnchor(services.sealAuditHead, anchorRow.firstId, anchorRow.prevHash) !== anchorRow.seal) {
		return broken(anchorRow.firstId, 'anchor-seal');
	}
	for (;;) {
		const page = await services.store.readAuditChain({ afterId: prev.id, limit: PAGE });
		for (const row of page) {
			if (row.prevHash !== prev.hash) return broken(row.id, 'link-broken');
			if (auditRowHash(row, row.prevHash) !== row.hash) return broken(row.id, 'row-edited');
			prev = { id: row.id, hash: row.hash };
			rows++;
		}
		if (page.length < PAGE) break;
	}
	if (head.lastId !== prev.id || head.hash !== prev.hash) return broken(Math.min(head.lastId, prev.id) + 1, 'head-mismatch');
	if (services.sealAuditHead(head.lastId, head.hash) !== head.seal) return broken(head.lastId, 'head-seal');
	return { intact: true, rows, head: { id: head.lastId, hash: head.hash }, ...(anchor ? { anchor } : {}) };
}
