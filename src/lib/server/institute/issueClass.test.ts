import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../store/Store';
import { StoreError } from '../store/StoreError';
import { storeKinds, type OpenedStores } from '../testing/testStores';
import { T0, testServices, type TestClock } from '../testing/testServices';
import { totpFromUri } from '../testing/totpFromUri';
import type { ClassRow } from '../classes/parseClassCsv';
import { checkAuditChain } from './checkAuditChain';
import { issueClass } from './issueClass';
import { issueEnrollment } from './issueEnrollment';
import { redeemEnrollment } from './redeemEnrollment';
import { ReissueUnconfirmed, reissueConfirmation } from './ReissueUnconfirmed';
import type { Services } from './Services';
import { verifyCode } from './verifyCode';

const api: Actor = { kind: 'api', ip: '192.0.2.1' };
const app: Actor = { kind: 'app', ip: '198.51.100.7' };

const klass = (n: number, prefix = 'C'): ClassRow[] =>
	Array.from({ length: n }, (_, i) => ({ row: i + 2, traineeId: `${prefix}-${String(i).padStart(4, '0')}`, name: `훈련생 ${i}`, phoneDigits: `010${String(i).padStart(8, '0')}` }));
const tokenOf = (url: string) => url.split('#')[1]!;

describe.each(storeKinds())('class enrollment on $name', (kind) => {
	let db: OpenedStores;
	let clock: TestClock;
	let s: Services;

	beforeEach(async () => {
		db = await kind.open();
		clock = { now: T0 };
		s = await testServices(db.stores[0]!, clock);
	});
	afterEach(async () => {
		await db.dispose();
	});

	it('issues 1,000 trainees in one go: every link works, one audit row each, the chain intact', async () => {
		const before = (await s.store.getAuditHead()).lastId;
		const issued = await issueClass(s, klass(1000), api, 'https://edu.example');
		expect(issued.members).toHaveLength(1000);
		expect(issued.replacedDevices).toEqual([]);
		expect(issued.expiresAt).toBe(T0 + 24 * 3_600_000);
		expect(new Set(issued.members.map((m) => m.enrollCode)).size).toBe(1000);
		expect(issued.members[0]).toMatchObject({ row: 2, traineeId: 'C-0000', name: '훈련생 0', phoneDigits: '01000000000' });
		expect(issued.members[999]!.enrollUrl).toMatch(/^https:\/\/edu\.example\/enroll#[A-Za-z0-9_-]{32}$/);
		expect((await s.store.getAuditHead()).lastId).toBe(before + 1000);
		expect(await checkAuditChain(s)).toMatchObject({ intact: true });
		expect((await s.store.getTrainee('C-0999', clock.now))?.status).toBe('pending');
		// The last one and the first one both redeem (by link and by code).
		const last = await redeemEnrollment(s, { token: tokenOf(issued.members[999]!.enrollUrl) }, app);
		expect(last.name).toBe('훈련생 999');
		expect((await redeemEnrollment(s, { code: issued.members[0]!.enrollCode.replace('-', '') }, app)).name).toBe('훈련생 0');
	});

	it('all or none: one collision in the batch, and nothing of it is written', async () => {
		const taken = await issueEnrollment(s, { traineeId: 'X-1', name: '기존', phoneDigits: '01099998888' }, api, 'http://x');
		const existing = await s.store.findEnrollment({ tokenHash: s.lookup.hash('enroll-token', tokenOf(taken.enrollUrl)) });
		const head = await s.store.getAuditHead();
		const batch = klass(5).map((r, i) => ({
			id: `e-${i}`,
			traineeId: r.traineeId,
			name: r.name,
			phoneDigits: r.phoneDigits,
			tokenHash: `t-${i}`,
			codeHash: `c-${i}`,
			now: T0,
			expiresAt: T0 + 1000
		}));
		// The last row reuses the live enrollment's token hash: the database refuses the whole batch.
		const existingRow = (await s.store.findEnrollment({ tokenHash: s.lookup.hash('enroll-token', tokenOf(taken.enrollUrl)) }))!;
		expect(existingRow.id).toBe(existing!.id);
		batch[4]!.tokenHash = s.lookup.hash('enroll-token', tokenOf(taken.enrollUrl));
		await expect(s.store.issueEnrollments(batch, api, [])).rejects.toSatisfy((e) => e instanceof StoreError && e.code === 'UNIQUE_VIOLATION');
		for (const r of klass(5)) expect(await s.store.getTrainee(r.traineeId, T0)).toBeNull();
		expect(await s.store.getAuditHead()).toEqual(head);
		expect((await s.store.findEnrollment({ tokenHash: 't-0' }))).toBeNull();
	});

	it('re-issuing names the trainees who would lose their device, issues nothing until confirmed, then replaces them', async () => {
		const first = await issueClass(s, klass(3), api, 'http://x');
		const enrolled = await redeemEnrollment(s, { token: tokenOf(first.members[1]!.enrollUrl) }, app);
		const head = await s.store.getAuditHead();

		const refused = await issueClass(s, klass(3), api, 'http://x').catch((e: unknown) => e);
		expect(refused).toBeInstanceOf(ReissueUnconfirmed);
		expect((refused as ReissueUnconfirmed).deviceHolders).toEqual(['C-0001']);
		expect((refused as ReissueUnconfirmed).confirm).toBe(reissueConfirmation(['C-0001']));
		expect(await s.store.getAuditHead()).toEqual(head); // nothing issued, nothing superseded
		// The first class's unused links still work.
		expect((await s.store.findEnrollment({ tokenHash: s.lookup.hash('enroll-token', tokenOf(first.members[0]!.enrollUrl)) }))?.supersededAt).toBeNull();
		// A wrong or stale confirmation is no confirmation.
		await expect(issueClass(s, klass(3), api, 'http://x', reissueConfirmation([]))).rejects.toBeInstanceOf(ReissueUnconfirmed);

		const again = await issueClass(s, klass(3), api, 'http://x', (refused as ReissueUnconfirmed).confirm);
		expect(again.replacedDevices).toEqual(['C-0001']);
		// The old device works until the new link is used (as for a single re-issue) …
		const code = totpFromUri(enrolled.otpauth);
		expect((await verifyCode(s, { traineeId: 'C-0001' }, code(clock.now), api)).result).toBe('accepted');
		// … and the first class's unused links do not.
		await expect(redeemEnrollment(s, { token: tokenOf(first.members[0]!.enrollUrl) }, app)).rejects.toMatchObject({ code: 'ENROLLMENT_SUPERSEDED' });
		await redeemEnrollment(s, { token: tokenOf(again.members[1]!.enrollUrl) }, app);
		clock.now += 60_000;
		expect((await verifyCode(s, { traineeId: 'C-0001' }, code(clock.now), api)).result).toBe('rejected');
	});

	it('a trainee who enrolls between the question and the confirmed answer is asked about, not replaced', async () => {
		await issueClass(s, klass(2), api, 'http://x');
		const single = await issueEnrollment(s, { traineeId: 'C-0000', name: '훈련생 0', phoneDigits: '01000000000' }, api, 'http://x');
		// The store is told "no devices to replace", but C-0000 enrolls first.
		await redeemEnrollment(s, { token: tokenOf(single.enrollUrl) }, app);
		const batch = klass(2).map((r, i) => ({ id: `n-${i}`, traineeId: r.traineeId, name: r.name, phoneDigits: r.phoneDigits, tokenHash: `nt-${i}`, codeHash: `nc-${i}`, now: T0, expiresAt: T0 + 1 }));
		const head = await s.store.getAuditHead();
		expect(await s.store.issueEnrollments(batch, api, [])).toEqual({ deviceHolders: ['C-0000'] });
		expect(await s.store.getAuditHead()).toEqual(head);
		expect(await s.store.findEnrollment({ tokenHash: 'nt-1' })).toBeNull();
		expect(await s.store.deviceHolders(['C-0001', 'C-0000', 'nobody'])).toEqual(['C-0000']);
	});

	it('two overlapping classes issued at once on two connections: both complete, each trainee keeps one open link', async () => {
		const both = await kind.open(2);
		try {
			const [a, b] = await Promise.all(both.stores.map((store) => testServices(store, clock)));
			const rowsA = klass(200);
			const rowsB = [...klass(200)].reverse().map((r) => ({ ...r, name: `${r.name} B` }));
			const [ia, ib] = await Promise.all([issueClass(a!, rowsA, api, 'http://x'), issueClass(b!, rowsB, api, 'http://x')]);
			expect(ia.members).toHaveLength(200);
			expect(ib.members).toHaveLength(200);
			// Exactly one of each trainee's two links is still open: the one issued last.
			let open = 0;
			for (const m of [...ia.members, ...ib.members]) {
				const e = await a!.store.findEnrollment({ tokenHash: a!.lookup.hash('enroll-token', tokenOf(m.enrollUrl)) });
				if (e?.supersededAt === null) open++;
			}
			expect(open).toBe(200);
			expect(await checkAuditChain(a!)).toMatchObject({ intact: true });
		} finally {
			await both.dispose();
		}
	});
});
