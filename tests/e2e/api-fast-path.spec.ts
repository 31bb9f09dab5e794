import { expect, test } from '@playwright/test';
import { AUTH, issueEnrollment } from './support/institute';
import { rawHttp, type RawAnswer } from './support/rawHttp';

// Issue 15: server.js answers the API's plain spellings itself (src/lib/server/api/serveApiFast.ts)
// and leaves every other spelling to SvelteKit. Both run the same endpoint functions, so the same
// request must get the same answer either way: status, headers and body. Here each request is sent
// twice to the built server, raw (node:http): once plainly (the fast path) and once with one letter
// percent-encoded (which SvelteKit decodes to the same route), and the two answers are compared.

const raw = rawHttp;
type Answer = RawAnswer;

/** Headers that may differ between two answers to the same request: framing and the clock. */
const FRAMING = new Set(['date', 'content-length', 'transfer-encoding', 'connection', 'keep-alive']);
function comparable(a: Answer) {
	const headers = Object.fromEntries(Object.entries(a.headers).filter(([k]) => !FRAMING.has(k)));
	// Bodies with the current time in them: compare their shape.
	const body = a.body.replace(/"now":\d+/, '"now":0').replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, 'T');
	return { status: a.status, headers, body };
}

/** The same path with the first letter of its last segment percent-encoded: SvelteKit's way in. */
function viaKit(path: string): string {
	const [p, q] = path.split('?');
	const i = p!.lastIndexOf('/') + 1;
	return `${p!.slice(0, i)}%${p!.charCodeAt(i).toString(16)}${p!.slice(i + 1)}${q === undefined ? '' : `?${q}`}`;
}

const json = { 'content-type': 'application/json' };

test('the fast path and SvelteKit answer every kind of API request the same', async ({ request, baseURL }) => {
	await issueEnrollment(request, 'fast-path-1', { name: '빠른길', phone: '010-7777-0001' });
	const origin = new URL(baseURL!).origin;
	const cases: [string, string, string, Record<string, string>, string?][] = [
		['time', 'GET', '/api/v1/time', {}],
		['time, HEAD', 'HEAD', '/api/v1/time', {}],
		['verify, not enrolled', 'POST', '/api/v1/verify', { ...AUTH, ...json }, '{"traineeId":"fast-path-1","code":"123456"}'],
		['verify, Idempotency-Key, not enrolled (not stored)', 'POST', '/api/v1/verify', { ...AUTH, ...json, 'idempotency-key': 'fp-1' }, '{"traineeId":"fast-path-1","code":"123456"}'],
		['verify, malformed Idempotency-Key', 'POST', '/api/v1/verify', { ...AUTH, ...json, 'idempotency-key': 'x'.repeat(256) }, '{"traineeId":"fast-path-1","code":"123456"}'],
		['verify, no key', 'POST', '/api/v1/verify', json, '{"traineeId":"fast-path-1","code":"123456"}'],
		['verify, bad JSON', 'POST', '/api/v1/verify', { ...AUTH, ...json }, '{"traineeId":'],
		['verify, unknown field', 'POST', '/api/v1/verify', { ...AUTH, ...json }, '{"traineeID":"x","code":"123456"}'],
		['verify, 7-digit code', 'POST', '/api/v1/verify', { ...AUTH, ...json }, '{"traineeId":"x","code":"1234567"}'],
		['verify, body too large', 'POST', '/api/v1/verify', { ...AUTH, ...json }, `{"traineeId":"${'x'.repeat(9000)}"}`],
		['verify, not JSON', 'POST', '/api/v1/verify', { ...AUTH, 'content-type': 'application/xml' }, '<x/>'],
		['verify, cross-site form post', 'POST', '/api/v1/verify', { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' }, 'code=1'],
		['verify, same-site form post', 'POST', '/api/v1/verify', { ...AUTH, 'content-type': 'text/plain', origin }, 'code=1'],
		['verify, wrong method', 'PUT', '/api/v1/verify', AUTH],
		['verify, OPTIONS', 'OPTIONS', '/api/v1/verify', {}],
		['trainee', 'GET', '/api/v1/trainees/fast-path-1', AUTH],
		['unknown trainee', 'GET', '/api/v1/trainees/fast-path-none', AUTH],
		['trainee, bad id', 'GET', '/api/v1/trainees/a..b-%', AUTH],
		['trainee list', 'GET', '/api/v1/trainees?limit=2', AUTH],
		['trainee list, bad limit', 'GET', '/api/v1/trainees?limit=0', AUTH],
		['unlock unknown', 'POST', '/api/v1/trainees/fast-path-none/unlock', AUTH],
		['revoke unknown', 'DELETE', '/api/v1/trainees/fast-path-none', AUTH],
		['audit, bad before', 'GET', '/api/v1/audit?before=x', AUTH],
		['clients, list', 'GET', '/api/v1/clients', AUTH],
		['clients, no key', 'GET', '/api/v1/clients', {}],
		['clients, bad prefix', 'POST', '/api/v1/clients', { ...AUTH, ...json }, '{"name":"x","returnTo":["https://a.example@evil/"]}'],
		['client, delete unknown', 'DELETE', '/api/v1/clients/c_aaaaaaaaaaaaaaaaaaaa', AUTH],
		['client, delete malformed', 'DELETE', '/api/v1/clients/c_x', AUTH],
		['audit export, bad format', 'GET', '/api/v1/audit/export?format=xlsx', AUTH],
		['audit export, no key', 'GET', '/api/v1/audit/export', {}],
		['timeline', 'GET', '/api/v1/trainees/fast-path-1/timeline', AUTH],
		['timeline, unknown trainee', 'GET', '/api/v1/trainees/fast-path-none/timeline', AUTH],
		['preview, bad body', 'POST', '/api/v1/enroll/preview', json, '{}'],
		['redeem, bad token', 'POST', '/api/v1/enroll/redeem', json, '{"token":"!"}']
	];
	let twoPaths = 0;
	for (const [what, method, path, headers, body] of cases) {
		const a = await raw(baseURL!, method, path, headers, body);
		const b = await raw(baseURL!, method, viaKit(path), headers, body);
		expect(comparable(a), what).toEqual(comparable(b));
		// Proof that the two really took different paths: the fast path frames with a length,
		// SvelteKit streams (chunked).
		if (method !== 'HEAD' && a.headers['content-length'] !== undefined && b.headers['transfer-encoding'] === 'chunked') twoPaths++;
		// Every answer, either way, has the API's headers.
		expect(a.headers['cache-control'], what).toBe('no-store');
		expect(a.headers['content-security-policy'], what).toContain("frame-ancestors 'none'");
	}
	expect(twoPaths).toBeGreaterThanOrEqual(cases.length - 6);
});

test('a body over the limit is refused at once and the connection closed, not read to the end', async ({ baseURL }) => {
	const answer = await raw(baseURL!, 'POST', '/api/v1/verify', { ...AUTH, ...json }, 'x'.repeat(200_000));
	expect(answer.status).toBe(413);
	expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
	expect(answer.headers.connection).toBe('close');
});

test('the fast path answers while SvelteKit answers the same endpoint too (the table is one)', async ({ request }) => {
	// Both spellings reach a verification and count it once each: two attempts, two audit rows.
	const before = ((await (await request.get('/api/v1/audit?limit=1', { headers: AUTH })).json()) as { entries: { id: number }[] }).entries[0]?.id ?? 0;
	await request.post('/api/v1/verify', { headers: AUTH, data: { traineeId: 'fast-path-none-2', code: '123456' } });
	await request.post('/api/v1/%76erify', { headers: AUTH, data: { traineeId: 'fast-path-none-2', code: '123456' } });
	const entries = ((await (await request.get('/api/v1/audit?limit=5', { headers: AUTH })).json()) as { entries: { id: number; action: string; traineeId: string }[] }).entries;
	expect(entries.filter((e) => e.id > before && e.action === 'verify' && e.traineeId === 'fast-path-none-2')).toHaveLength(2);
});
