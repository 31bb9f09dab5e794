import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isHttpError, isRedirect, type Cookies } from '@sveltejs/kit';
import { getServices } from '../getServices';
import { parseExport, verifyExport } from '../../../../scripts/auditExportVerifier.js';

// The console's audit download (a +server.ts, which console.test.ts's glob of page and layout
// modules does not reach) and the trainee timeline page, driven as SvelteKit drives them.
const dir = mkdtempSync(join(tmpdir(), 'motp-console-audit-'));
const KEY = 'console-audit-key-0123456789abcdef0123456789';
Object.assign(process.env, { MOTP_DATA_DIR: dir, MOTP_API_KEY: KEY, MOTP_MASTER_KEY: 'cd'.repeat(32) });
delete process.env.DATABASE_URL;

const login = await import('../../../routes/institute/login/+page.server');
const download = await import('../../../routes/institute/audit/download/+server');
const timeline = await import('../../../routes/institute/trainees/[traineeId]/+page.server');
const exportPage = await import('../../../routes/institute/audit/export/+page.server');

function jar(): Cookies {
	const m = new Map<string, string>();
	return { get: (n: string) => m.get(n), getAll: () => [], set: (n: string, v: string) => void m.set(n, v), delete: (n: string) => void m.delete(n), serialize: () => '' } as unknown as Cookies;
}
function event(path: string, cookies: Cookies, params: Record<string, string> = {}, form?: Record<string, string>) {
	const url = new URL(path, 'http://localhost:4173');
	const request = new Request(url, form ? { method: 'POST', body: new URLSearchParams(form) } : {});
	return { url, request, cookies, params, getClientAddress: () => '192.0.2.20', route: { id: url.pathname } } as never;
}
async function outcome(fn: () => unknown): Promise<any> {
	try {
		return await fn();
	} catch (thrown) {
		if (isRedirect(thrown)) return { redirect: thrown.location };
		if (isHttpError(thrown)) return { httpError: thrown.status };
		throw thrown;
	}
}

describe('console audit export and timeline', () => {
	const session = jar();
	beforeAll(async () => {
		const s = await getServices();
		await outcome(() => login.actions.default!(event('/institute/login', session, {}, { key: KEY })));
		await s.store.issueEnrollment(
			{ id: 'e-1', traineeId: 'CT-1', name: '이영희', phoneDigits: '01033334444', tokenHash: 'c'.repeat(64), codeHash: 'd'.repeat(64), now: s.now(), expiresAt: s.now() + 3_600_000 },
			{ kind: 'console', ip: '192.0.2.20' }
		);
	});
	afterAll(async () => {
		await (await getServices()).store.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('the download refuses without a session, and writes nothing', async () => {
		const before = (await (await getServices()).store.getAuditHead()).lastId;
		expect(await outcome(() => download.GET(event('/institute/audit/download?format=csv', jar())))).toEqual({ redirect: '/institute/login' });
		expect(await outcome(() => timeline.load(event('/institute/trainees/CT-1', jar(), { traineeId: 'CT-1' })))).toEqual({ redirect: '/institute/login' });
		expect((await (await getServices()).store.getAuditHead()).lastId).toBe(before);
	});

	it('with a session it downloads a CSV the verifier accepts, and a bad filter goes back to the form', async () => {
		const res = (await download.GET(event('/institute/audit/download?format=csv&from=&to=&traineeId=&action=', session))) as Response;
		expect(res.status).toBe(200);
		expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="motp-audit-.*\.csv"/);
		const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
		expect(text.charCodeAt(0)).toBe(0xfeff);
		const report = verifyExport(parseExport(text));
		expect(report).toMatchObject({ ok: true, contiguous: true });
		expect(report.rows).toBeGreaterThanOrEqual(2); // the login and the enrollment
		const bad = (await download.GET(event('/institute/audit/download?format=csv&from=2025-13-01', session))) as Response;
		expect(bad.status).toBe(303);
		expect(bad.headers.get('location')).toMatch(/^\/institute\/audit\/export\?.*error=from/);
		const page = (await exportPage.load(event('/institute/audit/export?format=csv&from=2025-13-01&error=from', session))) as any;
		expect(page).toMatchObject({ error: 'from', values: { from: '2025-13-01' }, head: { id: expect.any(Number) } });
	});

	it('the timeline page lists the trainee events with their actor; an unknown or hostile id is a 404', async () => {
		const data = (await timeline.load(event('/institute/trainees/CT-1', session, { traineeId: 'CT-1' }))) as any;
		expect(data.trainee).toMatchObject({ id: 'CT-1', name: '이영희', phone: '010-3333-4444', status: 'pending' });
		expect(data.events).toEqual([expect.objectContaining({ action: 'enroll.issue', result: 'ok', actor: 'console', ip: '192.0.2.20' })]);
		expect(await outcome(() => timeline.load(event('/institute/trainees/ghost', session, { traineeId: 'ghost' })))).toEqual({ httpError: 404 });
		expect(await outcome(() => timeline.load(event('/institute/trainees/x', session, { traineeId: '../../etc' })))).toEqual({ httpError: 404 });
	});
});
