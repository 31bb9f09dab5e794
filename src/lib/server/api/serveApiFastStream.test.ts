import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { matchApiFast, serveApiFast } from './serveApiFast';
import { getServices } from '../getServices';
import { parseExport, verifyExport } from '../../../../scripts/auditExportVerifier.js';

// The fast path's streamed answer (the audit export) over a real socket: backpressure from a slow
// reader, and a client that hangs up part-way, which must leave the server answering.
const dir = mkdtempSync(join(tmpdir(), 'motp-fast-stream-'));
const KEY = 'fast-stream-key-0123456789abcdef0123456789';
Object.assign(process.env, { MOTP_DATA_DIR: dir, MOTP_API_KEY: KEY, MOTP_MASTER_KEY: 'ef'.repeat(32) });
delete process.env.DATABASE_URL;
delete process.env.ORIGIN;

let server: http.Server;
let port: number;

function get(path: string, onResponse: (res: http.IncomingMessage, req: http.ClientRequest) => void): http.ClientRequest {
	const req = http.get({ host: '127.0.0.1', port, path, headers: { authorization: `Bearer ${KEY}` } }, (res) => onResponse(res, req));
	req.on('error', () => {});
	return req;
}

function download(path: string, pauseMs = 0): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
	return new Promise((resolve, reject) => {
		get(path, (res) => {
			const chunks: Buffer[] = [];
			if (pauseMs > 0) {
				res.pause();
				setTimeout(() => res.resume(), pauseMs);
			}
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
			res.on('error', reject);
		});
	});
}

describe('the fast path streams the audit export', () => {
	beforeAll(async () => {
		const s = await getServices();
		for (let i = 0; i < 6000; i++) await s.store.appendAudit({ at: 1_740_787_210_000 + i, actor: { kind: 'api', ip: '192.0.2.1' }, action: 'verify', traineeId: `S-${i % 40}`, result: 'accepted' });
		server = http.createServer((req, res) => {
			const match = matchApiFast(req.url);
			if (!match) {
				res.writeHead(404).end();
				return;
			}
			void serveApiFast(req, res, match);
		});
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
		port = (server.address() as AddressInfo).port;
	}, 120_000);
	afterAll(async () => {
		server.closeAllConnections();
		await new Promise((r) => server.close(r));
		await (await getServices()).store.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('a reader that stalls gets every row in the end (backpressure), chunked, without a length', async () => {
		const { status, headers, text } = await download('/api/v1/audit/export?format=jsonl', 300);
		expect(status).toBe(200);
		expect(headers['content-length']).toBeUndefined();
		expect(headers['transfer-encoding']).toBe('chunked');
		expect(verifyExport(parseExport(text))).toMatchObject({ ok: true, rows: 6000 });
	});

	it('a client that hangs up part-way leaves the server answering, and the next download is whole', async () => {
		await new Promise<void>((resolve) => {
			get('/api/v1/audit/export?format=csv', (res, req) => {
				res.once('data', () => {
					req.destroy();
					resolve();
				});
			});
		});
		await new Promise((r) => setTimeout(r, 100));
		const again = await download('/api/v1/audit/export?format=csv');
		expect(again.status).toBe(200);
		expect(verifyExport(parseExport(again.text))).toMatchObject({ ok: true, rows: 6000 });
		const bad = await download('/api/v1/audit/export?format=pdf');
		expect(bad.status).toBe(400);
		expect(bad.headers['content-type']).toMatch(/^application\/json/);
	});
});
