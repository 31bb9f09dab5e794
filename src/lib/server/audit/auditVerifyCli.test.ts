import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storeKinds, type OpenedStores } from '../testing/testStores';
import { T0, TEST_MASTER_KEY, testServices } from '../testing/testServices';
import type { Services } from '../institute/Services';
import { pruneAuditLog } from '../institute/pruneAuditLog';
import { exportAudit } from './exportAudit';

// `npm run audit:verify FILE` as a person runs it: plain node on scripts/audit-verify.js, its exit
// code and its words; with MOTP_MASTER_KEY it also checks the seals.
const dir = mkdtempSync(join(tmpdir(), 'motp-verify-cli-'));
const MASTER_HEX = Buffer.from(TEST_MASTER_KEY).toString('hex');

function run(file: string, env: Record<string, string> = {}, ...args: string[]): { code: number; out: string } {
	try {
		const out = execFileSync(process.execPath, ['scripts/audit-verify.js', file, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } });
		return { code: 0, out };
	} catch (error) {
		const e = error as { status: number; stdout: string; stderr: string };
		return { code: e.status, out: `${e.stdout}${e.stderr}` };
	}
}

describe('npm run audit:verify', () => {
	let db: OpenedStores;
	let s: Services;
	const clock = { now: T0 };
	beforeAll(async () => {
		db = await storeKinds()[0]!.open();
		s = await testServices(db.stores[0]!, clock);
		for (let i = 0; i < 40; i++) {
			await s.store.appendAudit({ at: clock.now, actor: { kind: 'api', ip: '192.0.2.1' }, action: 'verify', traineeId: `T-${i % 3}`, result: i % 4 ? 'accepted' : 'rejected:invalid' });
			clock.now += 86_400_000;
		}
		await pruneAuditLog(s, { retentionDays: 365 }); // nothing yet: 40 days
		clock.now += 400 * 86_400_000;
		await s.store.appendAudit({ at: clock.now, actor: { kind: 'api', ip: null }, action: 'console.login', traineeId: null, result: 'ok' });
		expect(await pruneAuditLog(s, { retentionDays: 365 })).toBe(40); // all but the newest: the anchor moves
	});
	afterAll(async () => {
		await db.dispose();
		rmSync(dir, { recursive: true, force: true });
	});

	const save = async (name: string, format: 'csv' | 'jsonl') => {
		let text = '';
		for await (const chunk of exportAudit(s, format, {})) text += chunk;
		const file = join(dir, name);
		writeFileSync(file, text);
		return { file, text };
	};

	it('passes an intact export in both formats, and checks both seals with the master key', async () => {
		for (const format of ['csv', 'jsonl'] as const) {
			const { file } = await save(`ok.${format}`, format);
			const plain = run(file);
			expect(plain.code, plain.out).toBe(0);
			expect(plain.out).toMatch(/OK: 2 rows, chain intact\n/);
			expect(plain.out).toContain('retention');
			const keyed = run(file, { MOTP_MASTER_KEY: MASTER_HEX });
			expect(keyed.out).toContain('seals verified');
			expect(keyed.code).toBe(0);
			const wrong = run(file, { MOTP_MASTER_KEY: 'ab'.repeat(32) });
			expect(wrong.code).toBe(1);
			expect(wrong.out).toContain('FAIL head-seal');
			expect(wrong.out).toContain('FAIL anchor-seal');
			expect(run(file, {}, '--head', (await s.store.getAuditHead()).hash).code).toBe(0);
			expect(run(file, {}, '--head', 'f'.repeat(64)).out).toContain('FAIL head-differs');
		}
	});

	it('exit 1 for a tampered file, 2 for something that is not an export or a missing file', async () => {
		const { text } = await save('t.csv', 'csv');
		const edited = join(dir, 'edited.csv');
		writeFileSync(edited, text.replace(',audit.prune,,deleted:40,', ',audit.prune,,deleted:1,'));
		const r = run(edited);
		expect(r.code).toBe(1);
		expect(r.out).toMatch(/FAIL row-edited at entry #42/);
		const junk = join(dir, 'junk.csv');
		writeFileSync(junk, 'name,phone\n홍길동,010\n');
		expect(run(junk).code).toBe(2);
		expect(run(join(dir, 'missing.csv')).code).toBe(2);
		expect(run('').code).toBe(2);
	});
});
