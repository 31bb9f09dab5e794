import { expect, type APIRequestContext } from '@playwright/test';

/** The institute key the Playwright web server runs with (playwright.config.ts). */
export const API_KEY = 'e2e-test-key-0123456789abcdef0123456789';
export const AUTH = { authorization: `Bearer ${API_KEY}` };

export interface Issued {
	enrollUrl: string;
	enrollCode: string;
	expiresAt: string;
}

/** Issues an enrollment through the API, as an institute's backend would. */
export async function issueEnrollment(
	request: APIRequestContext,
	traineeId: string,
	body: { name: string; phone: string } = { name: '홍길동', phone: '010-1234-5678' },
	base = ''
): Promise<Issued> {
	const res = await request.post(`${base}/api/v1/trainees/${traineeId}/enrollment`, { headers: AUTH, data: body });
	expect(res.status(), await res.text()).toBe(201);
	return (await res.json()) as Issued;
}

/** Verifies a code through the API and returns the JSON answer. */
export async function verify(request: APIRequestContext, traineeId: string, code: string): Promise<Record<string, unknown>> {
	const res = await request.post('/api/v1/verify', { headers: AUTH, data: { traineeId, code } });
	expect(res.status()).toBe(200);
	return (await res.json()) as Record<string, unknown>;
}

/** A 6-digit code that is none of the given ones. */
export function otherCode(...avoid: string[]): string {
	for (let i = 0; ; i++) {
		const c = String((123457 + i * 104729) % 1_000_000).padStart(6, '0');
		if (!avoid.includes(c)) return c;
	}
}
