import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeKinds, type OpenedStores } from '../testing/testStores';
import { T0, testServices, type TestClock } from '../testing/testServices';
import { callApi } from '../testing/callApi';
import { getAuditExport } from '../api/getAuditExport';
import { getTraineeTimeline } from '../api/getTraineeTimeline';
import type { Services } from '../institute/Services';
import { checkAuditChain } from '../institute/checkAuditChain';
import { pruneAuditLog } from '../institute/pruneAuditLog';
import { auditRowHash } from '../store/auditChain';
import type { Actor, AuditAction } from '../store/Store';
import { parseExport, verifyExport, rowHash } from '../../../../scripts/auditExportVerifier.js';
import { CSV_COLUMNS } from './exportAudit';

const api: Actor = { kind: 'api', ip: '192.0.2.1' };
const con: Actor = { kind: 'console', ip: '198.51.100.7' };
const DAY = 86_400_000;

/** Rows as the service writes them: trainees A and B, verifications, a lock, an unlock, a revoke; one a day. */
async function activity(s: Services, clock: TestClock): Promise<void> {
	const steps: [AuditAction, string | null, string, Actor][] = [
		['enroll.issue', 'A-1', 'ok', api],
		['enroll.redeem', 'A-1', 'ok', { kind: 'app', ip: '203.0.113.9' }],
		['verify', 'A-1', 'accepted', api],
		['enroll.issue', 'B-2', 'ok', con],
		['verify', 'A-1', 'rejected:invalid', api],
		['lock', 'A-1', 'ok', api],
		['console.login', null, 'wrong-key', con],
		['unlock', 'A-1', 'ok', con],
		// Hostile cells: formulas, a quote, a comma, a line break, Korean.
		['verify', 'B-2', '=HYPERLINK("http://evil.example","클릭"),\r\n+1', api],
		['revoke', 'A-1', 'ok', con],
		['verify', 'B-2', "'@SUM(1)", { kind: 'api', ip: '-1' }]
	];
	for (const [action, traineeId, result, actor] of steps) {
		await s.store.appendAudit({ at: clock.now, actor, action, traineeId, result });
		clock.now += DAY;
	}
}

async function download(s: Services, query: string): Promise<{ status: number; text: string; res: Response }> {
	const res = await callApi(s, getAuditExport, { path: `/api/v1/audit/export?${query}` });
	return { status: res.status, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer()), res };
}

describe.each(storeKinds())('audit export on $name', (kind) => {
	let db: OpenedStores;
	let s: Services;
	let clock: TestClock;
	beforeEach(async () => {
		db = await kind.open();
		clock = { now: T0 };
		s = await testServices(db.stores[0]!, clock);
		await activity(s, clock);
	});
	afterEach(() => db.dispose());

	it('CSV: BOM, Korean headers, CRLF, formulas neutralised, and the verifier finds it intact', async () => {
		const { status, text, res } = await download(s, 'format=csv');
		expect(status).toBe(200);
		expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="motp-audit-\d{8}-\d{6}\.csv"$/);
		expect([...new TextEncoder().encode(text.slice(0, 1))]).toEqual([0xef, 0xbb, 0xbf]);
		expect(text.startsWith('\uFEFF구분,번호,시각,행위자,IP,행위,훈련생 ID,결과,이전 해시,해시,봉인\r\n')).toBe(true);
		expect(CSV_COLUMNS.join(',')).toBe('구분,번호,시각,행위자,IP,행위,훈련생 ID,결과,이전 해시,해시,봉인');
		// No cell Excel would run: every cell starting with = + - @ is behind a quote mark.
		const parsedCells = text.slice(1).split('\r\n');
		expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""클릭""),\r\n+1"`);
		expect(text).toContain(`,'-1,`); // the hostile ip
		expect(text).toContain(`,''@SUM(1),`); // a leading quote is escaped too, so the rule is reversible
		expect(parsedCells.some((l) => /(^|,)[=+@-]/.test(l) && !l.includes('"'))).toBe(false);
		// Korea time, exact to the ms.
		expect(text).toContain(',2025-03-01T09:00:10.000+09:00,');
		const report = verifyExport(parseExport(text));
		expect(report).toMatchObject({ ok: true, rows: 11, contiguous: true, toHead: true, problems: [] });
		// The hostile values came back exactly: the row hashes check out.
		const rows = parseExport(text).rows;
		expect(rows[8]!.result).toBe('=HYPERLINK("http://evil.example","클릭"),\r\n+1');
		expect(rows[10]).toMatchObject({ ip: '-1', result: "'@SUM(1)" });
	});

	it('JSON lines: one record per line, the chain and the sealed head, and the verifier finds it intact', async () => {
		const { status, text, res } = await download(s, 'format=jsonl');
		expect(status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
		const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l));
		expect(lines[0]).toMatchObject({ type: 'export', format: 'motp-audit-export', version: 1, anchor: { firstId: 1, prevHash: '0'.repeat(64) } });
		expect(lines.at(-1)).toMatchObject({ type: 'head', lastId: 11, rows: 11, seal: expect.stringMatching(/^[0-9a-f]{64}$/) });
		const head = await s.store.getAuditHead();
		expect(lines.at(-1).hash).toBe(head.hash);
		expect(verifyExport(parseExport(text), { expectedHead: head.hash })).toMatchObject({ ok: true, rows: 11 });
	});

	it("the verifier's hash is the server's (two implementations, one answer)", async () => {
		const rows = await s.store.readAuditChain({ afterId: 0, limit: 100 });
		for (const r of rows) expect(rowHash(r)).toBe(auditRowHash(r, r.prevHash));
		expect(rows.every((r) => rowHash(r) === r.hash)).toBe(true);
	});

	it('filters by date range (Korea-time days), trainee and action', async () => {
		// Day 3 to day 5 in Korea time: rows 3, 4 and 5 (one row a day from T0 = 09:00:10 KST).
		const range = parseExport((await download(s, 'format=jsonl&from=2025-03-03&to=2025-03-05')).text);
		expect(range.rows.map((r) => r.id)).toEqual([3, 4, 5]);
		expect(verifyExport(range)).toMatchObject({ ok: true, contiguous: true, toHead: false });
		const a = parseExport((await download(s, 'format=csv&traineeId=A-1')).text);
		expect(a.rows.map((r) => r.id)).toEqual([1, 2, 3, 5, 6, 8, 10]);
		expect(a.filter).toEqual({ from: null, to: null, traineeId: 'A-1', action: null });
		const report = verifyExport(a);
		expect(report).toMatchObject({ ok: true, contiguous: false });
		expect(report.notes.join(' ')).toContain('cannot be seen');
		const verifies = parseExport((await download(s, 'format=csv&action=verify&traineeId=B-2')).text);
		expect(verifies.rows.map((r) => [r.id, r.action, r.traineeId])).toEqual([
			[9, 'verify', 'B-2'],
			[11, 'verify', 'B-2']
		]);
		const iso = parseExport((await download(s, `format=jsonl&from=${encodeURIComponent('2025-03-02T00:00:10Z')}`)).text);
		expect(iso.rows[0]!.id).toBe(2);
		expect(verifyExport(iso).ok).toBe(true);
	});

	it('refuses a bad query with a field-naming 400, before sending anything', async () => {
		for (const [q, field] of [
			['format=xlsx', 'format'],
			['from=2025-02-30', 'from'],
			['from=yesterday', 'from'],
			['from=2025-03-01T00:00:00', 'from'],
			['from=2025-03-05&to=2025-03-01', 'to'],
			['traineeId=../etc', 'traineeId'],
			['action=drop', 'action'],
			['format=csv&format=jsonl', 'format']
		]) {
			const { status, text } = await download(s, q!);
			expect(status, q).toBe(400);
			expect(JSON.parse(text), q).toMatchObject({ error: { code: 'BAD_REQUEST', field } });
		}
		expect((await callApi(s, getAuditExport, { path: '/api/v1/audit/export', key: false })).status).toBe(401);
	});

	describe('the verifier catches tampering with the file', () => {
		const tamper = async (format: 'csv' | 'jsonl', edit: (lines: string[]) => string[]) => {
			const text = (await download(s, `format=${format}`)).text;
			const sep = format === 'csv' ? '\r\n' : '\n';
			// Split on record ends only (the CSV has a quoted line break in row 9): edit whole records.
			const records = format === 'csv' ? text.split(/\r\n(?=기록,|체인 |내보내기,|$)/) : text.split(sep);
			return verifyExport(parseExport(edit(records).join(sep)));
		};
		for (const format of ['csv', 'jsonl'] as const) {
			const row = (n: number) => n + (format === 'csv' ? 3 : 1) - 1; // index of entry #n
			it(`${format}: an edited row`, async () => {
				const r = await tamper(format, (l) => l.map((x, i) => (i === row(3) ? x.replace('accepted', 'rejected:invalid') : x)));
				expect(r.ok).toBe(false);
				expect(r.problems[0]).toMatchObject({ id: 3, reason: 'row-edited' });
			});
			it(`${format}: a deleted row`, async () => {
				const r = await tamper(format, (l) => l.filter((_, i) => i !== row(6)));
				expect(r.problems).toEqual(expect.arrayContaining([expect.objectContaining({ id: 7, reason: 'row-missing' })]));
			});
			it(`${format}: two rows swapped`, async () => {
				const r = await tamper(format, (l) => {
					const c = [...l];
					[c[row(4)], c[row(5)]] = [c[row(5)]!, c[row(4)]!];
					return c;
				});
				expect(r.problems.map((p) => p.reason)).toContain('reordered');
			});
			it(`${format}: the tail cut off (with and without the head record)`, async () => {
				const cut = await tamper(format, (l) => l.slice(0, row(9)));
				expect(cut.problems.map((p) => p.reason)).toContain('truncated');
				// A download cut inside a record (here inside the quoted cell with a line break).
				const text = (await download(s, `format=${format}`)).text;
				const mid = parseExport(text.slice(0, text.indexOf('HYPERLINK') + 3));
				expect(verifyExport(mid).problems.map((p) => p.reason)).toContain('truncated');
				// Cut the last rows but keep the head record: the rows stop short of the head.
				const short = await tamper(format, (l) => [...l.slice(0, row(10)), ...l.slice(row(12))]);
				expect(short.problems.map((p) => p.reason)).toEqual(expect.arrayContaining(['tail-missing']));
			});
			it(`${format}: a row changed and re-hashed is found by the next link; the whole chain recomputed only with --head`, async () => {
				const text = (await download(s, `format=${format}`)).text;
				const exp = parseExport(text);
				exp.rows[2]!.result = 'rejected:invalid';
				exp.rows[2]!.hash = rowHash(exp.rows[2]!);
				expect(verifyExport(exp).problems[0]).toMatchObject({ id: 4, reason: 'link-broken' });
				// Recompute everything after it, and the head record too: only the independent head shows it.
				for (let i = 3; i < exp.rows.length; i++) {
					exp.rows[i]!.prevHash = exp.rows[i - 1]!.hash;
					exp.rows[i]!.hash = rowHash(exp.rows[i]!);
				}
				exp.head!.hash = exp.rows.at(-1)!.hash;
				expect(verifyExport(exp).ok).toBe(true); // what no keyless check can see
				const real = (await s.store.getAuditHead()).hash;
				expect(verifyExport(exp, { expectedHead: real }).problems).toEqual([expect.objectContaining({ reason: 'head-differs' })]);
			});
		}
	});

	it('streams a large log in pages: 3,000 rows, all of them, intact, in order', async () => {
		for (let i = 0; i < 3000; i++) await s.store.appendAudit({ at: clock.now + i, actor: api, action: 'verify', traineeId: `T-${i % 50}`, result: 'accepted' });
		const res = await callApi(s, getAuditExport, { path: '/api/v1/audit/export?format=jsonl' });
		// The body arrives in several chunks, not as one string.
		const reader = res.body!.getReader();
		let chunks = 0;
		let text = '';
		const decoder = new TextDecoder();
		for (;;) {
			const { value, done } = await reader.read();
			if (done) break;
			chunks++;
			text += decoder.decode(value, { stream: true });
		}
		expect(chunks).toBeGreaterThan(3);
		const exp = parseExport(text);
		expect(exp.rows).toHaveLength(3011);
		expect(verifyExport(exp)).toMatchObject({ ok: true, rows: 3011 });
		const csv = parseExport((await download(s, 'format=csv&traineeId=T-7')).text);
		expect(csv.rows).toHaveLength(60);
		expect(verifyExport(csv).ok).toBe(true);
	});

	it('the timeline: one trainee, oldest first, each event with its actor; paged; 404 for an unknown trainee', async () => {
		await s.store.issueEnrollment(
			{ id: 'e-1', traineeId: 'A-1', name: '홍길동', phoneDigits: '01012345678', tokenHash: 'a'.repeat(64), codeHash: 'b'.repeat(64), now: clock.now, expiresAt: clock.now + DAY },
			api
		);
		const call = (q: string, id = 'A-1') => callApi(s, getTraineeTimeline, { path: `/api/v1/trainees/${id}/timeline${q}`, params: { traineeId: id } });
		const res = await call('');
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(body.trainee).toMatchObject({ traineeId: 'A-1', status: 'pending' });
		expect(body.events.map((e: { action: string }) => e.action)).toEqual(['enroll.issue', 'enroll.redeem', 'verify', 'verify', 'lock', 'unlock', 'revoke', 'enroll.issue']);
		expect(body.events[3]).toMatchObject({ action: 'verify', result: 'rejected:invalid', actor: 'api', ip: '192.0.2.1', at: '2025-03-05T00:00:10.000Z' });
		expect(body.events[5]).toMatchObject({ action: 'unlock', actor: 'console', ip: '198.51.100.7' });
		const first = await (await call('?limit=3')).json();
		expect(first.events).toHaveLength(3);
		const second = await (await call(`?limit=3&after=${first.next}`)).json();
		expect(second.events[0].action).toBe('verify');
		expect(second.events[0].id).toBeGreaterThan(first.events[2].id);
		expect((await call('', 'nobody')).status).toBe(404);
		expect((await call('?after=x')).status).toBe(400);
	});

	describe('retention', () => {
		it('prunes a prefix of rows older than the cut-off, seals the anchor, and the kept chain still checks, online and in an export', async () => {
			// 11 rows, one a day; keep 5 days at day 11: rows before day 6 go.
			const removed = await pruneAuditLog(s, { retentionDays: 5 });
			expect(removed).toBe(6);
			const rows = await s.store.readAuditChain({ afterId: 0, limit: 100 });
			expect(rows[0]!.id).toBe(7);
			expect(rows.at(-1)).toMatchObject({ action: 'audit.prune', result: 'deleted:6', actor: 'system', ip: null });
			expect(await s.store.getAuditAnchor()).toMatchObject({ firstId: 7, prevHash: rows[0]!.prevHash });
			expect(await checkAuditChain(s)).toMatchObject({ intact: true, rows: 6, anchor: { firstId: 7 } });
			for (const format of ['csv', 'jsonl']) {
				const exp = parseExport((await download(s, `format=${format}`)).text);
				expect(exp.anchor).toMatchObject({ firstId: 7 });
				const report = verifyExport(exp);
				expect(report, format).toMatchObject({ ok: true, rows: 6 });
				expect(report.notes.join(' ')).toContain('retention');
				// Deleting the first kept row from the file is still seen.
				exp.rows.shift();
				expect(verifyExport(exp).problems[0]).toMatchObject({ reason: 'row-missing', id: 8 });
			}
			// Nothing older than the cut-off is left, and a second run finds nothing more to do.
			expect(await pruneAuditLog(s, { retentionDays: 5 })).toBe(0);
		});

		it('never deletes a row newer than the cut-off, even behind an older one (a clock step back)', async () => {
			await s.store.appendAudit({ at: T0, actor: api, action: 'verify', traineeId: 'A-1', result: 'accepted' }); // row 12, dated day 0
			expect(await pruneAuditLog(s, { retentionDays: 5 })).toBe(6);
			expect((await s.store.readAuditChain({ afterId: 0, limit: 100 })).map((r) => r.id)).toEqual([7, 8, 9, 10, 11, 12, 13]);
		});

		it('refuses to prune a log whose chain is already broken (evidence is not deleted)', async () => {
			// Rows 1 and 2 pruned under one key; checked under another, the anchor's seal fails.
			expect(await s.store.pruneAudit({ before: T0 + 2 * DAY, now: clock.now }, api)).toBe(2);
			expect((await s.store.getAuditAnchor())!.firstId).toBe(3);
			expect(await checkAuditChain(s)).toMatchObject({ intact: true });
			const fake = { ...s, sealAuditHead: () => 'f'.repeat(64) } as Services;
			expect(await checkAuditChain(fake)).toMatchObject({ intact: false, firstBreak: { reason: 'anchor-seal' } });
			await expect(pruneAuditLog(fake, { retentionDays: 1 })).rejects.toThrow(/not intact/);
		});
	});
});
