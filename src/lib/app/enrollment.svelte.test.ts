import { describe, expect, it } from 'vitest';
import { Enrollment, type EnrollmentDeps } from './enrollment.svelte';
import { EnrollmentError } from '$lib/browser/enrollmentApi';
import type { AccountInput } from '$lib/vault/Vault';

const BROWSER = { inApp: false, os: 'android', browser: 'chrome', standalone: false } as never;
const account: AccountInput = { issuer: '훈련원', account: '홍길동', secret: new Uint8Array(20).fill(1), algorithm: 'SHA1', digits: 6, period: 60 };

/** A fake world: the session records what it was asked; the API fails as told. */
function world(redeemFailures: EnrollmentError[] = []) {
	const calls: string[] = [];
	const keys: string[] = [];
	let phase = 'welcome';
	const deps: EnrollmentDeps = {
		session: {
			get phase() {
				return phase;
			},
			async create(pin) {
				calls.push(`create:${pin}`);
				phase = 'unlocked';
			},
			async unlock(pin) {
				calls.push(`unlock:${pin}`);
				return { ok: true };
			},
			async add() {
				calls.push('add');
			}
		},
		preview: async () => ({ institute: '훈련원', name: '홍길동', expiresAt: 0 }),
		async redeem(_ref, retryKey) {
			keys.push(retryKey);
			const failure = redeemFailures.shift();
			if (failure) throw failure;
			return { otpauth: 'otpauth://…', institute: '훈련원', name: '홍길동' };
		},
		newRetryKey: (() => {
			let n = 0;
			return () => `key-${++n}`;
		})(),
		toAccount: () => account
	};
	return { deps, calls, keys };
}

describe('Enrollment', () => {
	it('a lost redeem answer: the retry repeats with the same key and the same PIN, without asking again', async () => {
		const w = world([new EnrollmentError('OFFLINE', 'lost')]);
		const flow = new Enrollment(w.deps);
		flow.open({ kind: 'token', token: 't'.repeat(32) }, BROWSER);
		await expect.poll(() => flow.view.kind).toBe('ready');
		expect(await flow.submit('482913')).toEqual({ code: 'OFFLINE' });
		expect(flow.retry).toEqual({ code: 'OFFLINE' });
		expect(w.calls).toEqual([]);
		expect(await flow.again()).toBeNull();
		expect(w.keys).toEqual(['key-1', 'key-1']);
		expect(w.calls).toEqual(['create:482913']);
		expect(flow.retry).toBeNull();
	});

	it('a final refusal forgets the PIN and offers no retry', async () => {
		const w = world([new EnrollmentError('ENROLLMENT_SUPERSEDED', 'newer link')]);
		const flow = new Enrollment(w.deps);
		flow.open({ kind: 'token', token: 't'.repeat(32) }, BROWSER);
		await expect.poll(() => flow.view.kind).toBe('ready');
		expect(await flow.submit('482913')).toEqual({ code: 'ENROLLMENT_SUPERSEDED' });
		expect(flow.retry).toBeNull();
	});

	it('a retryable preview failure shows a retry, not "bad link"', async () => {
		const w = world();
		w.deps.preview = async () => {
			throw new EnrollmentError('INTERNAL', '500');
		};
		const flow = new Enrollment(w.deps);
		flow.open({ kind: 'token', token: 't'.repeat(32) }, BROWSER);
		await expect.poll(() => flow.view.kind).toBe('invalid');
		expect(flow.view).toEqual({ kind: 'invalid', code: 'INTERNAL', retryable: true });
	});

	it('a key URI goes straight to the PIN and never redeems', async () => {
		const w = world();
		const flow = new Enrollment(w.deps);
		flow.ready(account);
		expect(flow.view).toEqual({ kind: 'ready', issuer: '훈련원', account: '홍길동' });
		expect(await flow.submit('482913')).toBeNull();
		expect(w.keys).toEqual([]);
	});

	it('in an in-app browser no PIN field is offered', () => {
		const flow = new Enrollment(world().deps);
		flow.open({ kind: 'token', token: 't'.repeat(32) }, { ...(BROWSER as object), inApp: true } as never);
		expect(flow.view.kind).toBe('in-app');
	});
});
