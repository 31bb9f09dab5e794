import { expect } from 'vitest';
import { ENGINES_API_KEY } from './appServer';

/** The institute's side, over the real HTTP API (docs/api.md), as an institute's backend calls it. */
export class InstituteApi {
	constructor(private readonly base: string) {}

	async #post(path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
		const res = await fetch(`${this.base}${path}`, {
			method: 'POST',
			headers: { authorization: `Bearer ${ENGINES_API_KEY}`, 'content-type': 'application/json' },
			body: JSON.stringify(body)
		});
		return { status: res.status, json: (await res.json()) as Record<string, unknown> };
	}

	/** Issues an enrollment (link and typed code) for a trainee. */
	async issueEnrollment(traineeId: string, body = { name: '홍길동', phone: '010-1234-5678' }): Promise<{ enrollUrl: string; enrollCode: string }> {
		const r = await this.#post(`/api/v1/trainees/${encodeURIComponent(traineeId)}/enrollment`, body);
		expect(r.status, JSON.stringify(r.json)).toBe(201);
		return r.json as { enrollUrl: string; enrollCode: string };
	}

	/** Verifies a code and returns the JSON answer (`accepted` / `rejected` / `locked`). */
	async verify(traineeId: string, code: string): Promise<Record<string, unknown>> {
		const r = await this.#post('/api/v1/verify', { traineeId, code });
		expect(r.status, JSON.stringify(r.json)).toBe(200);
		return r.json;
	}
}
