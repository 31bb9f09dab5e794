import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import * as OTPAuth from 'otpauth';
import { startServer } from './support/server';

// Issue 15, "SQLite durability": with synchronous=NORMAL under WAL, a code accepted once must stay
// accepted after a crash of the process, and a failure counted must stay counted. The server
// (`node server.js` on SQLite) is killed with SIGKILL right after answering — no shutdown, no
// checkpoint — and restarted on the same data directory.

const KEY = 'durability-key-0123456789abcdef0123456789';
const env = { MOTP_API_KEY: KEY, MOTP_MASTER_KEY: '3'.repeat(64) };
const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };

test('a crash right after an answer loses neither the accepted step nor the counted failures', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'motp-durability-'));
	try {
		let server = await startServer(env, 'server.js', { dataDir: dir });
		const issued = await (await fetch(`${server.origin}/api/v1/trainees/dur-1/enrollment`, { method: 'POST', headers, body: JSON.stringify({ name: '홍길동', phone: '010-1234-5678' }) })).json();
		const redeemed = await (await fetch(`${server.origin}/api/v1/enroll/redeem`, { method: 'POST', headers, body: JSON.stringify({ token: String(issued.enrollUrl).split('#')[1] }) })).json();
		const totp = OTPAuth.URI.parse(String(redeemed.otpauth)) as OTPAuth.TOTP;
		const verify = async (origin: string, code: string) =>
			(await (await fetch(`${origin}/api/v1/verify`, { method: 'POST', headers, body: JSON.stringify({ traineeId: 'dur-1', code }) })).json()) as Record<string, unknown>;

		const code = totp.generate();
		const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
		expect(await verify(server.origin, wrong)).toMatchObject({ result: 'rejected', reason: 'invalid', attemptsLeft: 4 });
		expect(await verify(server.origin, code)).toMatchObject({ result: 'accepted', failuresSinceLastSuccess: 1 });
		await server.crash();

		server = await startServer(env, 'server.js', { dataDir: dir });
		try {
			// The accepted step stays spent, and the failure stays in the 30-day window.
			expect(await verify(server.origin, code)).toMatchObject({ result: 'rejected', reason: 'replayed' });
			const trainee = (await (await fetch(`${server.origin}/api/v1/trainees/dur-1`, { headers })).json()) as Record<string, unknown>;
			expect(trainee).toMatchObject({ failures: 0, failuresInWindow: 1, status: 'enrolled' });
			// And the audit chain came through whole.
			expect(await (await fetch(`${server.origin}/api/v1/audit/check`, { headers })).json()).toMatchObject({ intact: true });
		} finally {
			await server.stop();
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});
