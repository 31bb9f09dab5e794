import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toApiError } from '../http/toApiError';
import { RateLimitError } from '../limits/RateLimitError';
import { InstituteError } from './InstituteError';
import type { Services } from './Services';
import type { Actor } from '../store/Store';
import { storeKinds, type OpenedStores } from '../testing/testStores';
import { T0, TEST_INSTITUTE, testServices, type TestClock } from '../testing/testServices';
import { totpFromUri } from '../testing/totpFromUri';
import { issueEnrollment, type IssuedEnrollment } from './issueEnrollment';
import { previewEnrollment } from './previewEnrollment';
import { redeemEnrollment } from './redeemEnrollment';
import { verifyCode } from './verifyCode';
import { unlockTrainee } from './unlockTrainee';
import { revokeTrainee } from './revokeTrainee';

const api: Actor = { kind: 'api', ip: '192.0.2.1' };
const app: Actor = { kind: 'app', ip: '198.51.100.7' };
const STEP = 60_000;

/** The token from an enroll URL's fragment. */
const tokenOf = (issued: IssuedEnrollment) => issued.enrollUrl.split('#')[1]!;
/** A 6-digit code that is none of `codes`. */
const wrongCode = (...codes: string[]) => ['000000', '111111', '222222', '333333'].find((c) => !codes.includes(c))!;

/** The institute layer refuses with its own error (never the API's), and it maps to the API code. */
async function expectApiError(promise: Promise<unknown>, code: string): Promise<void> {
	await expect(promise).rejects.toSatisfy((e) => (e instanceof InstituteError || e instanceof RateLimitError) && e.code === code && toApiError(e)?.code === code);
}

describe.each(storeKinds())('institute service on $name', (kind) => {
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

	/** Issues and redeems; returns a code generator for the enrolled trainee. */
	async function enroll(traineeId = 'T-1', name = '홍길동', phone = '01012345678') {
		const issued = await issueEnrollment(s, { traineeId, name, phoneDigits: phone }, api, 'http://localhost');
		const redeemed = await redeemEnrollment(s, { token: tokenOf(issued) }, app);
		return { issued, redeemed, codeAt: totpFromUri(redeemed.otpauth) };
	}

	describe('issue, preview, redeem', () => {
		it('issues a link with the token in the fragment and an XXXX-XXXX code that expire in 24 h', async () => {
			const issued = await issueEnrollment(s, { traineeId: 'T-1', name: '홍 길동', phoneDigits: '01012345678' }, api, 'https://edu.example');
			expect(issued.enrollUrl).toMatch(/^https:\/\/edu\.example\/enroll#[A-Za-z0-9_-]{32}$/);
			expect(issued.enrollCode).toMatch(/^[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/);
			expect(issued.expiresAt).toBe(T0 + 24 * 3_600_000);
			expect((await s.store.getTrainee('T-1', clock.now))?.status).toBe('pending');
		});

		it('uses ORIGIN over the request origin when configured', async () => {
			const s2 = await testServices(db.stores[0]!, clock, { origin: 'https://motp.example' });
			const issued = await issueEnrollment(s2, { traineeId: 'T-1', name: 'A', phoneDigits: '01012345678' }, api, 'http://internal:3000');
			expect(issued.enrollUrl.startsWith('https://motp.example/enroll#')).toBe(true);
		});

		it('previews without spending, by token or by code in any case and with or without the dash', async () => {
			const issued = await issueEnrollment(s, { traineeId: 'T-1', name: '홍 길동', phoneDigits: '01012345678' }, api, 'http://x');
			const compact = issued.enrollCode.replace('-', '');
			for (const ref of [{ token: tokenOf(issued) }, { code: compact }, { code: compact }]) {
				expect(await previewEnrollment(s, ref, app)).toEqual({ institute: TEST_INSTITUTE, name: '홍 길동', expiresAt: issued.expiresAt });
			}
			const redeemed = await redeemEnrollment(s, { code: compact }, app);
			expect(redeemed.name).toBe('홍 길동');
		});

		it('redeems exactly once, by either the link or the code, into the documented otpauth URI', async () => {
			const issued = await issueEnrollment(s, { traineeId: 'T-1', name: '홍길동', phoneDigits: '01012345678' }, api, 'http://x');
			const redeemed = await redeemEnrollment(s, { token: tokenOf(issued) }, app);
			expect(redeemed.institute).toBe(TEST_INSTITUTE);
			expect(redeemed.otpauth).toMatch(
				new RegExp(
					`^otpauth://totp/${encodeURIComponent(TEST_INSTITUTE)}:${encodeURIComponent('홍길동')}\\?secret=[A-Z2-7]{32}&issuer=${encodeURIComponent(TEST_INSTITUTE)}&algorithm=SHA1&digits=6&period=60$`
				)
			);
			await expectApiError(redeemEnrollment(s, { token: tokenOf(issued) }, app), 'ENROLLMENT_USED');
			await expectApiError(redeemEnrollment(s, { code: issued.enrollCode.replace('-', '') }, app), 'ENROLLMENT_USED');
			await expectApiError(previewEnrollment(s, { token: tokenOf(issued) }, app), 'ENROLLMENT_USED');
		});

		it('expires at expiresAt (injected clock, no sleeping)', async () => {
			const issued = await issueEnrollment(s, { traineeId: 'T-1', name: 'A', phoneDigits: '01012345678' }, api, 'http://x');
			clock.now = issued.expiresAt - 1;
			await previewEnrollment(s, { token: tokenOf(issued) }, app);
			clock.now = issued.expiresAt;
			await expectApiError(previewEnrollment(s, { token: tokenOf(issued) }, app), 'ENROLLMENT_EXPIRED');
			await expectApiError(redeemEnrollment(s, { token: tokenOf(issued) }, app), 'ENROLLMENT_EXPIRED');
			expect((await s.store.getTrainee('T-1', clock.now))?.status).toBe('none');
		});

		it('refuses unknown tokens and codes', async () => {
			await expectApiError(previewEnrollment(s, { token: 'A'.repeat(32) }, app), 'ENROLLMENT_NOT_FOUND');
			await expectApiError(redeemEnrollment(s, { code: 'ABCDEFGH' }, app), 'ENROLLMENT_NOT_FOUND');
		});

		it('a newer enrollment supersedes an unredeemed older one', async () => {
			const first = await issueEnrollment(s, { traineeId: 'T-1', name: 'A', phoneDigits: '01012345678' }, api, 'http://x');
			const second = await issueEnrollment(s, { traineeId: 'T-1', name: 'A', phoneDigits: '01012345678' }, api, 'http://x');
			await expectApiError(redeemEnrollment(s, { token: tokenOf(first) }, app), 'ENROLLMENT_SUPERSEDED');
			await redeemEnrollment(s, { token: tokenOf(second) }, app);
		});

		it('of 20 concurrent redeems of one link exactly one gets the secret', async () => {
			const issued = await issueEnrollment(s, { traineeId: 'T-1', name: 'A', phoneDigits: '01012345678' }, api, 'http://x');
			const results = await Promise.allSettled(Array.from({ length: 20 }, () => redeemEnrollment(s, { token: tokenOf(issued) }, app)));
			expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
			for (const r of results) if (r.status === 'rejected') expect((r.reason as InstituteError).code).toBe('ENROLLMENT_USED');
		});

		describe('a redeem whose answer was lost can be repeated by the same app', () => {
			const KEY = 'k'.repeat(43);
			const OTHER = 'o'.repeat(43);

			it('the same retry key within 10 minutes answers the same secret, and the server accepts its code', async () => {
				const issued = await issueEnrollment(s, { traineeId: 'T-1', name: '홍길동', phoneDigits: '01012345678' }, api, 'http://x');
				const first = await redeemEnrollment(s, { token: tokenOf(issued), retryKey: KEY }, app);
				clock.now += 9 * STEP;
				const again = await redeemEnrollment(s, { token: tokenOf(issued), retryKey: KEY }, app);
				expect(again).toEqual(first);
				// By the typed code too: it is the same enrollment.
				expect(await redeemEnrollment(s, { code: issued.enrollCode.replace('-', ''), retryKey: KEY }, app)).toEqual(first);
				const code = totpFromUri(again.otpauth)(clock.now);
				expect(await verifyCode(s, { traineeId: 'T-1' }, code, api)).toMatchObject({ result: 'accepted' });
				const audit = await s.store.listAudit({ limit: 10, traineeId: 'T-1' });
				expect(audit.filter((a) => a.action === 'enroll.redeem').map((a) => a.result)).toEqual(['repeated', 'repeated', 'ok']);
			});

			it('the repeat changes nothing: failures and the lock stay as they are', async () => {
				const issued = await issueEnrollment(s, { traineeId: 'T-1', name: '홍길동', phoneDigits: '01012345678' }, api, 'http://x');
				const first = await redeemEnrollment(s, { token: tokenOf(issued), retryKey: KEY }, app);
				const codeAt = totpFromUri(first.otpauth);
				for (let i = 0; i < 5; i++) await verifyCode(s, { traineeId: 'T-1' }, wrongCode(codeAt(clock.now)), api);
				await redeemEnrollment(s, { token: tokenOf(issued), retryKey: KEY }, app);
				expect((await s.store.getTrainee('T-1', clock.now))?.status).toBe('locked');
			});

			it('a stolen token without the key, another key, no key, or the key after 10 minutes: spent, as before', async () => {
				const issued = await issueEnrollment(s, { traineeId: 'T-1', name: '홍길동', phoneDigits: '01012345678' }, api, 'http://x');
				await redeemEnrollment(s, { token: tokenOf(issued), retryKey: KEY }, app);
				await expectApiError(redeemEnrollment(s, { token: tokenOf(issued) }, app), 'ENROLLMENT_USED');
				await expectApiError(redeemEnrollment(s, { token: tokenOf(issued), retryKey: OTHER }, app), 'ENROLLMENT_USED');
				clock.now += 10 * STEP + 1;
				await expectApiError(redeemEnrollment(s, { token: tokenOf(issued), retryKey: KEY }, app), 'ENROLLMENT_USED');
			});

			it('a first redeem without a key can never be repeated', async () => {
				const issued = await issueEnrollment(s, { traineeId: 'T-1', name: '홍길동', phoneDigits: '01012345678' }, api, 'http://x');
				await redeemEnrollment(s, { token: tokenOf(issued) }, app);
				await expectApiError(redeemEnrollment(s, { token: tokenOf(issued), retryKey: KEY }, app), 'ENROLLMENT_USED');
			});

			it('not after a newer enrollment was redeemed, nor after a revoke', async () => {
				const issued = await issueEnrollment(s, { traineeId: 'T-1', name: '홍길동', phoneDigits: '01012345678' }, api, 'http://x');
				await redeemEnrollment(s, { token: tokenOf(issued), retryKey: KEY }, app);
				const newer = await issueEnrollment(s, { traineeId: 'T-1', name: '홍길동', phoneDigits: '01012345678' }, api, 'http://x');
				await redeemEnrollment(s, { token: tokenOf(newer), retryKey: OTHER }, app);
				await expectApiError(redeemEnrollment(s, { token: tokenOf(issued), retryKey: KEY }, app), 'ENROLLMENT_USED');
				await revokeTrainee(s, 'T-1', api);
				await expectApiError(redeemEnrollment(s, { token: tokenOf(newer), retryKey: OTHER }, app), 'ENROLLMENT_USED');
			});
		});

		it('a redeemed re-enrollment replaces the old secret and clears the lock (one person, one device)', async () => {
			const old = await enroll();
			for (let i = 0; i < 5; i++) await verifyCode(s, { traineeId: 'T-1' }, wrongCode(old.codeAt(clock.now)), api);
			expect((await s.store.getTrainee('T-1', clock.now))?.status).toBe('locked');

			const issued = await issueEnrollment(s, { traineeId: 'T-1', name: '홍길동', phoneDigits: '01099998888' }, api, 'http://x');
			// Until it is redeemed, the old device still holds the (locked) secret.
			expect(await verifyCode(s, { traineeId: 'T-1' }, old.codeAt(clock.now), api)).toMatchObject({ result: 'locked' });
			const fresh = totpFromUri((await redeemEnrollment(s, { token: tokenOf(issued) }, app)).otpauth);

			const t = await s.store.getTrainee('T-1', clock.now);
			expect(t).toMatchObject({ status: 'enrolled', failures: 0, phoneDigits: '01099998888' });
			clock.now += STEP;
			const oldCode = old.codeAt(clock.now);
			const newCode = fresh(clock.now);
			if (oldCode !== newCode) {
				expect(await verifyCode(s, { traineeId: 'T-1' }, oldCode, api)).toMatchObject({ result: 'rejected', reason: 'invalid' });
			}
			expect(await verifyCode(s, { traineeId: 'T-1' }, newCode, api)).toMatchObject({ result: 'accepted' });
		});
	});

	describe('verify', () => {
		it('accepts the current step and one step either side, cross-checked with the otpauth package', async () => {
			const { codeAt } = await enroll();
			// Each offset on a fresh trainee, so earlier acceptances do not make later ones replays.
			for (const [i, offset] of [-STEP, 0, STEP].entries()) {
				const { codeAt: c } = i === 0 ? { codeAt } : await enroll(`T-${i + 10}`, 'B', `0101111000${i}`);
				const id = i === 0 ? 'T-1' : `T-${i + 10}`;
				expect(await verifyCode(s, { traineeId: id }, c(clock.now + offset), api)).toEqual({
					result: 'accepted',
					traineeId: id,
					failuresSinceLastSuccess: 0,
					lastFailureAt: null
				});
			}
		});

		it('refuses two steps away, at the exact step boundaries', async () => {
			const { codeAt } = await enroll();
			const stepStart = Math.floor(T0 / STEP) * STEP;
			clock.now = stepStart; // first millisecond of step s: s-2 is out, s-1 is in
			const tooOld = codeAt(stepStart - 2 * STEP);
			const tooNew = codeAt(stepStart + 2 * STEP);
			const inWindow = new Set([codeAt(stepStart - STEP), codeAt(stepStart), codeAt(stepStart + STEP)]);
			if (!inWindow.has(tooOld)) {
				expect(await verifyCode(s, { traineeId: 'T-1' }, tooOld, api)).toMatchObject({ result: 'rejected', reason: 'invalid' });
			}
			if (!inWindow.has(tooNew)) {
				expect(await verifyCode(s, { traineeId: 'T-1' }, tooNew, api)).toMatchObject({ result: 'rejected', reason: 'invalid' });
			}
			clock.now = stepStart + STEP - 1; // last millisecond of step s: s-1 still in
			expect(await verifyCode(s, { traineeId: 'T-1' }, codeAt(stepStart - STEP), api)).toMatchObject({ result: 'accepted' });
		});

		it('accepts a step once: the same code again is replayed, and an older step after a newer one too', async () => {
			const { codeAt } = await enroll();
			expect(await verifyCode(s, { traineeId: 'T-1' }, codeAt(clock.now), api)).toMatchObject({ result: 'accepted' });
			// A replay is refused and costs nothing (issue 12): a double submit is not a strike.
			expect(await verifyCode(s, { traineeId: 'T-1' }, codeAt(clock.now), api)).toEqual({
				result: 'rejected',
				reason: 'replayed',
				attemptsLeft: 5,
				traineeId: 'T-1'
			});
			// The previous step's code is in the window but older than the accepted one.
			const prev = codeAt(clock.now - STEP);
			if (prev !== codeAt(clock.now)) {
				expect(await verifyCode(s, { traineeId: 'T-1' }, prev, api)).toMatchObject({ reason: 'replayed', attemptsLeft: 5 });
			}
			// The next step is fresh.
			expect(await verifyCode(s, { traineeId: 'T-1' }, codeAt(clock.now + STEP), api)).toMatchObject({ result: 'accepted' });
		});

		it('locks on the 5th consecutive failure, stays locked even for the right code, and unlock restores 5 attempts', async () => {
			const { codeAt } = await enroll();
			const bad = wrongCode(codeAt(clock.now - STEP), codeAt(clock.now), codeAt(clock.now + STEP));
			const left: number[] = [];
			for (let i = 0; i < 4; i++) {
				const r = await verifyCode(s, { traineeId: 'T-1' }, bad, api);
				expect(r).toMatchObject({ result: 'rejected', reason: 'invalid' });
				left.push((r as { attemptsLeft: number }).attemptsLeft);
			}
			expect(left).toEqual([4, 3, 2, 1]);
			// The 5th failure locks and answers `locked` at once.
			expect(await verifyCode(s, { traineeId: 'T-1' }, bad, api)).toEqual({ result: 'locked', traineeId: 'T-1' });
			expect(await verifyCode(s, { traineeId: 'T-1' }, codeAt(clock.now), api)).toEqual({ result: 'locked', traineeId: 'T-1' });
			expect(await verifyCode(s, { traineeId: 'T-1' }, bad, api)).toEqual({ result: 'locked', traineeId: 'T-1' });
			expect((await s.store.getTrainee('T-1', clock.now))?.status).toBe('locked');

			const unlocked = await unlockTrainee(s, 'T-1', api);
			expect(unlocked).toMatchObject({ status: 'enrolled', failures: 0, lockedAt: null });
			expect(await verifyCode(s, { traineeId: 'T-1' }, bad, api)).toMatchObject({ reason: 'invalid', attemptsLeft: 4 });
			// The code offered while locked was not consumed: it was never accepted.
			expect(await verifyCode(s, { traineeId: 'T-1' }, codeAt(clock.now), api)).toMatchObject({ result: 'accepted' });
		});

		it('an accepted code ends the run of failures, says how many there were and when, and keeps them in the window', async () => {
			const { codeAt } = await enroll();
			const bad = wrongCode(codeAt(clock.now - STEP), codeAt(clock.now), codeAt(clock.now + STEP));
			for (let i = 0; i < 4; i++) await verifyCode(s, { traineeId: 'T-1' }, bad, api);
			const lastBad = clock.now;
			clock.now += 1000;
			expect(await verifyCode(s, { traineeId: 'T-1' }, codeAt(clock.now), api)).toEqual({
				result: 'accepted',
				traineeId: 'T-1',
				failuresSinceLastSuccess: 4,
				lastFailureAt: lastBad
			});
			// The run is over (5 - 1 in a row), but the window holds 5 of 10.
			expect(await verifyCode(s, { traineeId: 'T-1' }, bad, api)).toMatchObject({ attemptsLeft: 4 });
			expect(await s.store.getTrainee('T-1', clock.now)).toMatchObject({ failures: 1, recentFailures: expect.arrayContaining([lastBad]) });
		});

		it('the patient guesser: 4 wrong between each of the trainee’s own successes locks at the 10th failure (issue 12)', async () => {
			const { codeAt } = await enroll();
			let failures = 0;
			let last: Awaited<ReturnType<typeof verifyCode>> | undefined;
			for (let round = 0; round < 4 && last?.result !== 'locked'; round++) {
				for (let i = 0; i < 4 && last?.result !== 'locked'; i++) {
					const bad = wrongCode(codeAt(clock.now - STEP), codeAt(clock.now), codeAt(clock.now + STEP));
					last = await verifyCode(s, { traineeId: 'T-1' }, bad, api);
					failures++;
				}
				if (last?.result === 'locked') break;
				// The trainee logs in the next day: accepted, with the warning that wrong codes were entered.
				clock.now += 86_400_000;
				expect(await verifyCode(s, { traineeId: 'T-1' }, codeAt(clock.now), api)).toMatchObject({ result: 'accepted', failuresSinceLastSuccess: 4 });
			}
			expect(failures).toBe(10);
			expect(last).toEqual({ result: 'locked', traineeId: 'T-1' });
			expect(await verifyCode(s, { traineeId: 'T-1' }, codeAt(clock.now + STEP), api)).toEqual({ result: 'locked', traineeId: 'T-1' });
			// Only the institute's unlock clears the window.
			await unlockTrainee(s, 'T-1', api);
			expect(await s.store.getTrainee('T-1', clock.now)).toMatchObject({ failures: 0, recentFailures: [], lastFailureAt: null });
		});

		it('failures older than the window stop counting', async () => {
			const { codeAt } = await enroll();
			const bad = () => wrongCode(codeAt(clock.now - STEP), codeAt(clock.now), codeAt(clock.now + STEP));
			for (let round = 0; round < 2; round++) {
				for (let i = 0; i < 4; i++) await verifyCode(s, { traineeId: 'T-1' }, bad(), api);
				clock.now += 60_000;
				expect(await verifyCode(s, { traineeId: 'T-1' }, codeAt(clock.now), api)).toMatchObject({ result: 'accepted' });
			}
			// 8 in the window: 2 left. 31 days later, none of them counts.
			expect(await verifyCode(s, { traineeId: 'T-1' }, bad(), api)).toMatchObject({ attemptsLeft: 1 });
			clock.now += 31 * 86_400_000;
			expect(await verifyCode(s, { traineeId: 'T-1' }, bad(), api)).toMatchObject({ attemptsLeft: 3 });
		});

		it('replays never count: 1 accepted and 20 replays of the same code lock nobody, and a replay after an unlock is still refused', async () => {
			const { codeAt } = await enroll();
			const code = codeAt(clock.now);
			await verifyCode(s, { traineeId: 'T-1' }, code, api);
			const outcomes = [];
			for (let i = 0; i < 20; i++) outcomes.push(await verifyCode(s, { traineeId: 'T-1' }, code, api));
			expect(new Set(outcomes.map((o) => JSON.stringify(o)))).toEqual(
				new Set([JSON.stringify({ result: 'rejected', reason: 'replayed', attemptsLeft: 5, traineeId: 'T-1' })])
			);
			expect(await s.store.getTrainee('T-1', clock.now)).toMatchObject({ status: 'enrolled', failures: 0 });
			// Lock by wrong codes, unlock: the spent code is still spent.
			const bad = wrongCode(codeAt(clock.now - STEP), code, codeAt(clock.now + STEP));
			for (let i = 0; i < 5; i++) await verifyCode(s, { traineeId: 'T-1' }, bad, api);
			await unlockTrainee(s, 'T-1', api);
			expect(await verifyCode(s, { traineeId: 'T-1' }, code, api)).toMatchObject({ result: 'rejected', reason: 'replayed' });
		});

		it('answers not-enrolled, counting nothing, for unknown, pending and revoked trainees', async () => {
			expect(await verifyCode(s, { traineeId: 'nobody' }, '123456', api)).toEqual({
				result: 'rejected',
				reason: 'not-enrolled',
				attemptsLeft: 0,
				traineeId: 'nobody'
			});
			await issueEnrollment(s, { traineeId: 'P-1', name: 'A', phoneDigits: '01012345678' }, api, 'http://x');
			expect(await verifyCode(s, { traineeId: 'P-1' }, '123456', api)).toMatchObject({ reason: 'not-enrolled' });

			const { codeAt } = await enroll('R-1', 'B', '01022223333');
			await revokeTrainee(s, 'R-1', api);
			expect(await verifyCode(s, { traineeId: 'R-1' }, codeAt(clock.now), api)).toMatchObject({ reason: 'not-enrolled' });
			expect(await s.store.getTrainee('R-1', clock.now)).toMatchObject({ status: 'revoked', failures: 0 });
		});

		it('revoke cancels an open enrollment and unknown trainees are 404', async () => {
			const issued = await issueEnrollment(s, { traineeId: 'T-9', name: 'A', phoneDigits: '01012345678' }, api, 'http://x');
			await revokeTrainee(s, 'T-9', api);
			await expectApiError(redeemEnrollment(s, { token: tokenOf(issued) }, app), 'ENROLLMENT_SUPERSEDED');
			await expectApiError(revokeTrainee(s, 'missing', api), 'TRAINEE_NOT_FOUND');
			await expectApiError(unlockTrainee(s, 'missing', api), 'TRAINEE_NOT_FOUND');
		});

		it('finds the trainee by phone digits, refuses an ambiguous phone, and ignores unenrolled holders', async () => {
			const { codeAt } = await enroll('T-1', '홍길동', '01012345678');
			expect(await verifyCode(s, { phoneDigits: '01012345678' }, codeAt(clock.now), api)).toMatchObject({ result: 'accepted', traineeId: 'T-1' });
			expect(await verifyCode(s, { phoneDigits: '01000000000' }, '123456', api)).toEqual({
				result: 'rejected',
				reason: 'not-enrolled',
				attemptsLeft: 0
			});
			// A pending enrollment on the same phone does not make it ambiguous…
			await issueEnrollment(s, { traineeId: 'T-2', name: '김철수', phoneDigits: '01012345678' }, api, 'http://x');
			expect(await verifyCode(s, { phoneDigits: '01012345678' }, codeAt(clock.now + STEP), api)).toMatchObject({ result: 'accepted' });
			// …an enrolled one does.
			await redeemEnrollment(s, { code: (await issueEnrollment(s, { traineeId: 'T-2', name: '김철수', phoneDigits: '01012345678' }, api, 'http://x')).enrollCode.replace('-', '') }, app);
			await expectApiError(verifyCode(s, { phoneDigits: '01012345678' }, '123456', api), 'PHONE_AMBIGUOUS');
		});

		it('40 simultaneous verifications of one code: exactly one accepted, 39 replays, nobody locked', async () => {
			const { codeAt } = await enroll();
			const code = codeAt(clock.now);
			const results = await Promise.all(Array.from({ length: 40 }, () => verifyCode(s, { traineeId: 'T-1' }, code, api)));
			expect(results.filter((r) => r.result === 'accepted')).toHaveLength(1);
			expect(results.filter((r) => r.result === 'rejected' && r.reason === 'replayed')).toHaveLength(39);
			expect(await s.store.getTrainee('T-1', clock.now)).toMatchObject({ status: 'enrolled', failures: 0, recentFailures: [] });
		});

		it('40 simultaneous wrong codes lock exactly once, with exactly 5 counted', async () => {
			const { codeAt } = await enroll();
			const bad = wrongCode(codeAt(clock.now - STEP), codeAt(clock.now), codeAt(clock.now + STEP));
			const results = await Promise.all(Array.from({ length: 40 }, () => verifyCode(s, { traineeId: 'T-1' }, bad, api)));
			expect(results.filter((r) => r.result === 'rejected')).toHaveLength(4);
			expect(results.filter((r) => r.result === 'locked')).toHaveLength(36);
			expect(await s.store.getTrainee('T-1', clock.now)).toMatchObject({ status: 'locked', failures: 5 });
			const audit = await s.store.listAudit({ limit: 100, traineeId: 'T-1' });
			expect(audit.filter((e) => e.action === 'lock')).toHaveLength(1);
		});

		it('40 simultaneous verifications through two handles on one database (two "processes"): exactly one accepted', async () => {
			const both = await kind.open(2);
			try {
				const a = await testServices(both.stores[0]!, clock);
				const b = await testServices(both.stores[1]!, clock);
				const issued = await issueEnrollment(a, { traineeId: 'T-1', name: 'A', phoneDigits: '01012345678' }, api, 'http://x');
				const codeAt = totpFromUri((await redeemEnrollment(b, { token: tokenOf(issued) }, app)).otpauth);
				const code = codeAt(clock.now);
				const results = await Promise.all(
					Array.from({ length: 40 }, (_, i) => verifyCode(i % 2 ? a : b, { traineeId: 'T-1' }, code, api))
				);
				expect(results.filter((r) => r.result === 'accepted')).toHaveLength(1);
				expect(results.filter((r) => r.result === 'rejected' && r.reason === 'replayed')).toHaveLength(39);
				const audit = await both.stores[0]!.listAudit({ limit: 100, traineeId: 'T-1' });
				expect(audit.filter((e) => e.action === 'verify' && e.result === 'accepted')).toHaveLength(1);
				expect(audit.filter((e) => e.action === 'lock')).toHaveLength(0);
				expect(await both.stores[1]!.getTrainee('T-1', clock.now)).toMatchObject({ status: 'enrolled', failures: 0 });
			} finally {
				await both.dispose();
			}
		});
	});

	describe('audit log', () => {
		it('records who did what with results, and never a code, token or secret', async () => {
			const { issued, redeemed, codeAt } = await enroll();
			const code = codeAt(clock.now);
			await verifyCode(s, { traineeId: 'T-1' }, code, api);
			await unlockTrainee(s, 'T-1', api);
			await revokeTrainee(s, 'T-1', api);
			const entries = await s.store.listAudit({ limit: 50 });
			expect(entries.map((e) => `${e.actor}:${e.action}:${e.result}`).reverse()).toEqual([
				'api:enroll.issue:ok',
				'app:enroll.redeem:ok',
				'api:verify:accepted',
				'api:unlock:ok',
				'api:revoke:ok'
			]);
			expect(entries.every((e) => e.ip !== null && e.traineeId === 'T-1')).toBe(true);
			const text = JSON.stringify(entries);
			const secret = new URL(redeemed.otpauth.replace('otpauth://', 'http://')).searchParams.get('secret')!;
			for (const needle of [code, tokenOf(issued), issued.enrollCode.replace('-', ''), secret]) expect(text).not.toContain(needle);
		});

		it('counts lookups that find nothing per hour instead of growing the log, and still logs refusals of real links', async () => {
			const before = (await s.store.listAudit({ limit: 1 }))[0]?.id ?? 0;
			for (let i = 0; i < 50; i++) {
				await expectApiError(previewEnrollment(s, { code: `ZZZZZZ${String(i).padStart(2, '2')}` }, app), 'ENROLLMENT_NOT_FOUND');
				await expectApiError(redeemEnrollment(s, { token: `nope-${i}` }, app), 'ENROLLMENT_NOT_FOUND');
			}
			expect((await s.store.listAudit({ limit: 1 }))[0]?.id ?? 0).toBe(before);
			expect(await s.store.lookupMisses(clock.now - 3_600_000)).toEqual({ 'enroll.preview': 50, 'enroll.redeem': 50 });
			// Counted in the hour they happened: a day later they are history, not "the last hour".
			clock.now += 86_400_000;
			expect(await s.store.lookupMisses(clock.now - 3_600_000)).toEqual({ 'enroll.preview': 0, 'enroll.redeem': 0 });
			// A real link that is spent is still a row of its own.
			const { issued } = await enroll();
			await expectApiError(redeemEnrollment(s, { token: tokenOf(issued) }, app), 'ENROLLMENT_USED');
			expect((await s.store.listAudit({ limit: 1 }))[0]).toMatchObject({ action: 'enroll.redeem', result: 'used' });
		});
	});
});
