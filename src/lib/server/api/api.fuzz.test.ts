import fc from 'fast-check';
import type { RequestEvent, RequestHandler } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Services } from '../institute/Services';
import { issueEnrollment } from '../institute/issueEnrollment';
import { redeemEnrollment } from '../institute/redeemEnrollment';
import { storeKinds, type OpenedStores } from '../testing/testStores';
import { T0, TEST_API_KEY, testServices, type TestClock } from '../testing/testServices';
import { totpFromUri } from '../testing/totpFromUri';
import { parseExport, verifyExport } from '../../../../scripts/auditExportVerifier.js';

/**
 * Hostile requests against every API endpoint, through the route modules SvelteKit itself
 * dispatches to (`src/routes/api/**\/+server.ts`, found by glob so a new endpoint is fuzzed
 * without editing this file), with Kit's method rules (HEAD → GET, else `fallback`), a real
 * SQLite store and real services. No answer may be a 5xx or anything but the API's JSON; after
 * the run the service still answers `/time` and still verifies a right code.
 *
 * `FUZZ_RUNS` requests per endpoint (default 300; `npm run fuzz` runs 100,000). Rate limits are
 * lifted here so bodies are parsed rather than turned away; they meet hostile traffic in
 * tests/e2e/api-fuzz.spec.ts, against the real server over real HTTP.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

const current = vi.hoisted(() => ({ services: undefined as Promise<unknown> | undefined }));
// The route modules ask for the process-wide services; hand them the test's (real store, no limits).
vi.mock('$lib/server/getServices', () => ({ getServices: () => current.services }));

type RouteModule = Partial<Record<'GET' | 'POST' | 'DELETE' | 'PUT' | 'PATCH' | 'OPTIONS' | 'fallback', RequestHandler>>;
const modules = import.meta.glob<RouteModule>('/src/routes/api/**/+server.ts', { eager: true });

/** `/src/routes/api/v1/trainees/[traineeId]/+server.ts` → `/api/v1/trainees/[traineeId]`. */
const routes = Object.entries(modules).map(([file, mod]) => ({
	route: file.replace('/src/routes', '').replace('/+server.ts', ''),
	mod
}));

const METHODS = ['GET', 'HEAD', 'POST', 'DELETE', 'PUT', 'PATCH', 'OPTIONS'] as const;
type Method = (typeof METHODS)[number];

/** Kit's dispatch: the method's export, HEAD served by GET, otherwise `fallback`. */
function handlerFor(mod: RouteModule, method: Method): RequestHandler | undefined {
	if (method === 'HEAD') return mod.GET ?? mod.fallback;
	return mod[method] ?? mod.fallback;
}

// ---- generators ------------------------------------------------------------------------------

const hostileString = fc.oneof(
	fc.string({ maxLength: 40 }),
	fc.string({ unit: 'binary', maxLength: 40 }),
	fc.string({ unit: 'grapheme', maxLength: 20 }),
	fc.constantFrom('', ' ', '\u0000', '\ud800', '홍길동', '홍 길동', ' 홍길동', '010-1234-5678', '01012345678', '+82 10 1234 5678',
		'000000', '123456', '12345', '1234567', '１２３４５６', 'ABCD-EFGH', 'abcd efgh', 'ZZZZ-ZZZZ', 'T-1', '../T-1', 'T-1\n',
		'__proto__', 'constructor', '%00', 'null', '1e309', 'x'.repeat(300), '😀'.repeat(60))
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
	{ weight: 4, arbitrary: hostileString },
	fc.integer(),
	fc.double(),
	fc.constantFrom(null, true, false, [], {}, Number.MAX_SAFE_INTEGER + 2),
	fc.array(hostileString, { maxLength: 3 }),
	fc.dictionary(hostileString, hostileString, { maxKeys: 3 })
);
const FIELDS = ['token', 'code', 'traineeId', 'phone', 'name', '__proto__', 'constructor', 'traineeID', ''];
const bodyObject = fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), hostileString), hostileValue, { maxKeys: 4 });

/** Bodies shaped like the real ones (the field sets the endpoints accept), each value right, nearly right or hostile. */
const plausibleValue = {
	traineeId: fc.oneof(fc.constantFrom('T-1', 'T-2', 'nobody'), hostileString),
	code: fc.oneof(fc.stringMatching(/^[0-9]{6}$/), fc.stringMatching(/^[2-9A-Z]{4}-?[2-9A-Z]{4}$/), hostileString),
	token: fc.oneof(fc.base64String({ minLength: 32, maxLength: 32 }).map((b) => b.replaceAll('+', '-').replaceAll('/', '_')), hostileString),
	phone: fc.oneof(fc.constantFrom('010-1234-5678', '010 9999 8888'), fc.stringMatching(/^01[0-9]-?[0-9]{3,4}-?[0-9]{4}$/), hostileString),
	name: fc.oneof(fc.constantFrom('홍길동', '김 철수'), hostileString)
};
type PlausibleKey = keyof typeof plausibleValue;
const SHAPES: PlausibleKey[][] = [['code'], ['token'], ['traineeId', 'code'], ['phone', 'code'], ['name', 'phone'], ['code', 'token'], []];
const plausibleObject = fc
	.constantFrom(...SHAPES)
	.chain((keys) => fc.record(Object.fromEntries(keys.map((k) => [k, plausibleValue[k]])) as Record<string, fc.Arbitrary<string>>));

type Body = { kind: 'none' } | { kind: 'text'; text: string } | { kind: 'bytes'; bytes: Uint8Array };
const body: fc.Arbitrary<Body> = fc.oneof(
	fc.constant({ kind: 'none' as const }),
	{ weight: 5, arbitrary: plausibleObject.map((o) => ({ kind: 'text' as const, text: JSON.stringify(o) })) },
	{ weight: 3, arbitrary: bodyObject.map((o) => ({ kind: 'text' as const, text: JSON.stringify(o) })) },
	fc.jsonValue({ maxDepth: 3 }).map((v) => ({ kind: 'text' as const, text: JSON.stringify(v) ?? 'null' })),
	fc.string({ unit: 'binary', maxLength: 200 }).map((text) => ({ kind: 'text' as const, text })),
	fc.uint8Array({ maxLength: 200 }).map((bytes) => ({ kind: 'bytes' as const, bytes })),
	// Invalid UTF-8 inside otherwise valid JSON, and bodies around and over the 8 KiB limit.
	fc.constantFrom<Body>(
		{ kind: 'bytes', bytes: new Uint8Array([0x7b, 0x22, 0x63, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]) },
		{ kind: 'text', text: JSON.stringify({ code: 'x'.repeat(8 * 1024) }) },
		{ kind: 'text', text: '['.repeat(10_000) },
		{ kind: 'text', text: `{"code":"${'\\u0000'.repeat(2000)}"}` }
	)
);
// Weighted towards what a real client sends, so most requests get past the envelope to the parsers.
const contentType = fc.oneof(
	{ weight: 6, arbitrary: fc.constant('application/json') },
	{ weight: 1, arbitrary: fc.constant(null) },
	{
		weight: 2,
		arbitrary: fc.oneof(
			fc.constantFrom('application/json; charset=utf-8', 'APPLICATION/JSON', 'application/problem+json', 'text/plain',
				'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', ';', ''),
			fc.string({ maxLength: 30 })
		)
	}
);
const authorization = fc.oneof(
	{ weight: 6, arbitrary: fc.constant(`Bearer ${TEST_API_KEY}`) },
	{ weight: 1, arbitrary: fc.constant(undefined) },
	{
		weight: 2,
		arbitrary: fc.oneof(
			fc.constantFrom(`bearer ${TEST_API_KEY}`, `Bearer  ${TEST_API_KEY}  `, `Bearer ${TEST_API_KEY}x`, 'Bearer', 'Bearer ', `Basic ${TEST_API_KEY}`, `Bearer ${'a'.repeat(600)}`),
			fc.string({ maxLength: 40 }).map((s) => `Bearer ${s}`)
		)
	}
);
const contentLength = fc.option(fc.constantFrom('0', '1', '99999999', '-1', 'abc', '1e3', ' 12 '), { freq: 4 });
const param = fc.oneof(fc.constantFrom('T-1', 'T-2', 'nobody', '', '.', '..'), hostileString);
const query = fc.array(fc.tuple(fc.oneof(fc.constantFrom('limit', 'before', 'traineeId', 'status', 'cursor'), hostileString), fc.oneof(fc.constantFrom('1', '0', '500', '501', '-1', '1.5', '99999999999999999', 'T-1'), hostileString)), { maxLength: 3 });
const ip = fc.oneof(fc.constantFrom('203.0.113.5', '::1', 'unknown', ''), fc.string({ maxLength: 20 }));

interface Case {
	method: Method;
	body: Body;
	contentType: string | null;
	authorization: string | undefined;
	contentLength: string | null;
	param: string;
	query: [string, string][];
	ip: string;
}
const request = (methods: fc.Arbitrary<Method>): fc.Arbitrary<Case> =>
	fc.record({ method: methods, body, contentType, authorization, contentLength, param, query, ip });

// ---- the run -----------------------------------------------------------------------------------

/** Builds the event Kit would pass, from a generated case. Returns null for requests the platform cannot form. */
function eventFor(route: string, c: Case): RequestEvent | null {
	const params: Record<string, string> = {};
	let url: URL;
	try {
		// A lone surrogate cannot be percent-encoded (URIError): no client can send it in a path.
		const path = route.replace(/\[(?:\.\.\.)?(\w+)\]/g, (_m, name: string) => {
			params[name] = c.param;
			return encodeURIComponent(c.param) || 'x';
		});
		url = new URL(`http://localhost:4173${path}`);
	} catch {
		return null;
	}
	for (const [k, v] of c.query) url.searchParams.append(k, v);
	const headers = new Headers();
	try {
		if (c.contentType !== null) headers.set('content-type', c.contentType);
		if (c.authorization !== undefined) headers.set('authorization', c.authorization);
		if (c.contentLength !== null) headers.set('content-length', c.contentLength);
	} catch {
		return null; // not a valid header value: no HTTP client can send it, Node refuses it first
	}
	const hasBody = c.method !== 'GET' && c.method !== 'HEAD' && c.body.kind !== 'none';
	const payload = !hasBody ? undefined : c.body.kind === 'text' ? c.body.text : c.body.kind === 'bytes' ? c.body.bytes : undefined;
	const request = new Request(url, { method: c.method, headers, body: payload as BodyInit | undefined });
	return {
		request,
		url,
		params,
		getClientAddress: () => {
			if (c.ip === '') throw new Error('no address header'); // adapter-node with ADDRESS_HEADER set but absent
			return c.ip;
		}
	} as unknown as RequestEvent;
}

describe.each(storeKinds().slice(0, 1))('fuzz: every API endpoint on $name', (kind) => {
	let db: OpenedStores;
	let services: Services;
	const clock: TestClock = { now: T0 };
	const counts = new Map<string, Map<number, number>>();

	beforeAll(async () => {
		db = await kind.open();
		services = await testServices(db.stores[0]!, clock);
		current.services = Promise.resolve(services);
		// Real records for the fuzzer to stumble on: an enrolled trainee and a pending one.
		const issued = await issueEnrollment(services, { traineeId: 'T-1', name: '홍길동', phoneDigits: '01012345678' }, { kind: 'api', ip: null }, 'http://localhost');
		await redeemEnrollment(services, { token: issued.enrollUrl.split('#')[1]! }, { kind: 'app', ip: null });
		await issueEnrollment(services, { traineeId: 'T-2', name: '김 철수', phoneDigits: '01099998888' }, { kind: 'api', ip: null }, 'http://localhost');
	});
	afterAll(async () => {
		const lines = [...counts].map(([route, byStatus]) => {
			const total = [...byStatus.values()].reduce((a, b) => a + b, 0);
			const statuses = [...byStatus].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
			return `  ${route}: ${total} requests (${statuses})`;
		});
		console.log(`api fuzz: ${RUNS} runs per endpoint, ${routes.length} endpoints\n${lines.join('\n')}`);
		current.services = undefined;
		await db.dispose();
	});

	it('finds every endpoint', () => {
		expect(routes.map((r) => r.route).sort()).toEqual(
			expect.arrayContaining(['/api/v1/time', '/api/v1/verify', '/api/v1/enroll/preview', '/api/v1/enroll/redeem', '/api/v1/trainees/[traineeId]/enrollment', '/api/[...rest]'])
		);
	});

	it.each(routes)('fuzz $route: hostile requests never get a 5xx, always JSON', async ({ route, mod }) => {
		const own = METHODS.filter((m) => mod[m as keyof RouteModule] !== undefined || (m === 'HEAD' && mod.GET));
		// Mostly the endpoint's own methods (so bodies reach the parsers), sometimes any method.
		const methods = own.length > 0 ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...own) }, fc.constantFrom(...METHODS)) : fc.constantFrom(...METHODS);
		const byStatus = new Map<number, number>();
		counts.set(route, byStatus);
		await fc.assert(
			fc.asyncProperty(request(methods), async (c) => {
				const event = eventFor(route, c);
				if (event === null) return;
				const handler = handlerFor(mod, c.method);
				expect(handler, `${c.method} ${route} has no handler`).toBeDefined();
				const res = await handler!(event);
				byStatus.set(res.status, (byStatus.get(res.status) ?? 0) + 1);
				expect(res.status, `${c.method} ${route}`).toBeLessThan(500);
				expect(res.headers.get('cache-control')).toBe('no-store');
				// The audit export answers a file (issue 16); every refusal is still JSON, and the file checks out.
				if (route === '/api/v1/audit/export' && res.status === 200) {
					expect(res.headers.get('content-type')).toMatch(/^(text\/csv|application\/x-ndjson); charset=utf-8$/);
					expect(verifyExport(parseExport(await res.text())).ok).toBe(true);
					return;
				}
				expect(res.headers.get('content-type')).toMatch(/^application\/json/);
				const json = await res.json();
				if (res.status >= 400) expect(json).toEqual({ error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }) });
			}),
			{ numRuns: RUNS, seed: SEED }
		);
	}, Math.max(60_000, RUNS * 10));

	it('the service is still up afterwards: /time answers, and issue → redeem → verify still works', async () => {
		const handler = (route: string, method: 'GET' | 'POST') => routes.find((r) => r.route === route)!.mod[method]!;
		const call = async (route: string, path: string, params: Record<string, string>, body?: unknown) => {
			const url = new URL(`http://localhost:4173${path}`);
			const init: RequestInit = { method: body === undefined ? 'GET' : 'POST', headers: { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/json' } };
			if (body !== undefined) init.body = JSON.stringify(body);
			const event = { request: new Request(url, init), url, params, getClientAddress: () => '203.0.113.9' } as unknown as RequestEvent;
			const res = await handler(route, body === undefined ? 'GET' : 'POST')(event);
			return { status: res.status, json: await res.json() };
		};
		expect((await call('/api/v1/time', '/api/v1/time', {})).status).toBe(200);
		const issued = await call('/api/v1/trainees/[traineeId]/enrollment', '/api/v1/trainees/after/enrollment', { traineeId: 'after' }, { name: '이후', phone: '010-5555-0000' });
		expect(issued.status).toBe(201);
		const redeemed = await call('/api/v1/enroll/redeem', '/api/v1/enroll/redeem', {}, { token: issued.json.enrollUrl.split('#')[1] });
		expect(redeemed.status).toBe(200);
		const verified = await call('/api/v1/verify', '/api/v1/verify', {}, { traineeId: 'after', code: totpFromUri(redeemed.json.otpauth)(clock.now) });
		expect(verified.json).toMatchObject({ result: 'accepted' });
	});
});
