import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { handleApi } from '../http/handleApi';
import type { Services } from '../institute/Services';
import { redeemEnrollment } from '../institute/redeemEnrollment';
import { storeKinds, type OpenedStores } from '../testing/testStores';
import { T0, TEST_API_KEY, testServices, type TestClock } from '../testing/testServices';
import { readClassCsv } from '../classes/readClassCsv';
import { postClassEnrollments } from './postClassEnrollments';

const PATH = '/api/v1/classes/enrollments';
const cp949 = new Uint8Array(readFileSync(new URL('../../../../tests/fixtures/classes/class-cp949.csv', import.meta.url)));

describe.each(storeKinds())('POST /api/v1/classes/enrollments on $name', (kind) => {
	let db: OpenedStores;
	const clock: TestClock = { now: T0 };
	let s: Services;

	beforeAll(async () => {
		db = await kind.open();
		s = await testServices(db.stores[0]!, clock);
	});
	afterAll(async () => {
		await db.dispose();
	});

	async function post(body: Uint8Array | string, o: { query?: string; headers?: Record<string, string>; key?: string | false } = {}) {
		const url = new URL(PATH + (o.query ?? ''), 'http://localhost:4173');
		const headers = new Headers({ 'content-type': 'text/csv', ...o.headers });
		if (o.key !== false) headers.set('authorization', `Bearer ${o.key ?? TEST_API_KEY}`);
		const request = new Request(url, { method: 'POST', headers, body: typeof body === 'string' ? body : Buffer.from(body) });
		const res = await handleApi({ request, url, params: {}, getClientAddress: () => '203.0.113.5' }, postClassEnrollments, s);
		const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
		return { status: res.status, res, text, json: res.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text) : undefined };
	}

	it('takes the CP949 file Excel writes and answers every trainee’s link and code', async () => {
		const r = await post(cp949);
		expect(r.status).toBe(201);
		expect(r.json).toMatchObject({ count: 3, replacedDevices: [], expiresAt: '2025-03-02T09:00:10+09:00' });
		expect(r.json.enrollments.map((e: { name: string; phone: string }) => [e.name, e.phone])).toEqual([
			['홍길동', '010-1234-5678'],
			['김 똠방', '010-2222-3333'],
			['박햏, 주니어', '010-5555-6666']
		]);
		expect(r.json.enrollments[0].enrollUrl).toMatch(/^http:\/\/localhost:4173\/enroll#/);
	});

	it('answers the output CSV for Accept: text/csv, which reads back as the same class', async () => {
		const r = await post('traineeId,name,phone\nCSV-1,=HYPERLINK("x"),01011112222\nCSV-2,이영희,01033334444\n', { headers: { accept: 'text/csv' } });
		expect(r.status).toBe(201);
		expect(r.res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(r.res.headers.get('cache-control')).toBe('no-store');
		const lines = r.text.split('\r\n');
		expect(lines[0]).toBe('\uFEFFtraineeId,name,phone,enrollUrl,enrollCode,expiresAt');
		expect(lines[1]).toMatch(/^CSV-1,"'=HYPERLINK\(""x""\)",010-1111-2222,http:\/\/localhost:4173\/enroll#[\w-]{32},[0-9A-Z]{4}-[0-9A-Z]{4},2025-03-02T09:00:10\+09:00$/);
		expect(readClassCsv(new TextEncoder().encode(r.text)).rows.map((row) => row.traineeId)).toEqual(['CSV-1', 'CSV-2']);
	});

	it('lists every problem with row numbers, and issues nothing', async () => {
		const head = await s.store.getAuditHead();
		const r = await post('traineeId,name,phone\nP-1,홍길동,010-1\nP-1,,01012345678\nok-3,김,01012345678\n');
		expect(r.status).toBe(422);
		expect(r.json.error.code).toBe('CSV_INVALID');
		expect(r.json.error.problems.map((p: { row: number; column: string; code: string }) => [p.row, p.column, p.code])).toEqual([
			[2, 'phone', 'invalid'],
			[3, 'name', 'missing'],
			[3, 'traineeId', 'duplicate']
		]);
		expect(await s.store.getAuditHead()).toEqual(head);
		expect(await s.store.getTrainee('ok-3', clock.now)).toBeNull();
	});

	it('refuses hostile uploads: no key, wrong type, too large, binary', async () => {
		expect((await post(cp949, { key: false })).status).toBe(401);
		expect((await post(cp949, { headers: { 'content-type': 'application/json' } })).json.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
		const big = await post(new Uint8Array(300 * 1024).fill(0x41));
		expect([big.status, big.json.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
		const png = await post(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]));
		expect([png.status, png.json.error.problems[0].code]).toEqual([422, 'binary']);
		expect((await post(cp949, { query: '?confirm=../../x' })).status).toBe(400);
	});

	it('re-issuing asks first: 409 with the trainees who would lose their device, then issues with confirm', async () => {
		const first = await post('traineeId,name,phone\nR-1,가,01011110000\nR-2,나,01011110001\n');
		await redeemEnrollment(s, { token: first.json.enrollments[1].enrollUrl.split('#')[1] }, { kind: 'app', ip: null });
		const asked = await post('traineeId,name,phone\nR-1,가,01011110000\nR-2,나,01011110001\n');
		expect(asked.status).toBe(409);
		expect(asked.json.error).toMatchObject({ code: 'REISSUE_UNCONFIRMED', traineeIds: ['R-2'], confirm: expect.stringMatching(/^[0-9a-f]{32}$/) });
		// A double submit of the same upload asks again, and issues nothing.
		expect((await post('traineeId,name,phone\nR-1,가,01011110000\nR-2,나,01011110001\n')).status).toBe(409);
		const done = await post('traineeId,name,phone\nR-1,가,01011110000\nR-2,나,01011110001\n', { query: `?confirm=${asked.json.error.confirm}` });
		expect(done.status).toBe(201);
		expect(done.json.replacedDevices).toEqual(['R-2']);
	});
});
