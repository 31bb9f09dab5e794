import http, { type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { gunzipSync, brotliDecompressSync, inflateSync } from 'node:zlib';
import type { NetworkSwitch } from '../driver/Driver';

/**
 * The browsers reach the app through this reverse proxy on `localhost`, for two things a
 * WebDriver Classic client cannot do:
 * - **Offline.** `setOffline(true)` closes the listening socket and every open connection, so
 *   the origin is unreachable (connection refused) until `setOffline(false)`. For WebKit this is
 *   the "offline" of the offline flow; Firefox uses its own BiDi network emulation instead.
 * - **The secret an institute link delivers.** It records the body of every
 *   `POST /api/v1/enroll/redeem` answer (docs/api.md), so a flow can compare the code the app
 *   shows with oathtool's for the very secret the browser received, without reading the server's
 *   database or knowing its internals.
 * Everything else passes through byte for byte (headers in their raw order).
 */
export class Gate implements NetworkSwitch {
	readonly description = 'the suite\'s gate in front of the server closes (connection refused): WebDriver Classic has no network emulation';
	readonly redeemed: { otpauth: string }[] = [];
	#server: http.Server;
	#sockets = new Set<Socket>();
	#offline = false;

	constructor(
		readonly port: number,
		private readonly targetPort: number
	) {
		this.#server = http.createServer((req, res) => {
			const upstream = http.request(
				{ host: '127.0.0.1', port: this.targetPort, method: req.method, path: req.url, headers: req.headers },
				(answer) => {
					res.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.rawHeaders);
					if (req.method === 'POST' && (req.url ?? '').split('?')[0] === '/api/v1/enroll/redeem') this.#record(answer);
					answer.pipe(res);
				}
			);
			upstream.on('error', () => res.destroy());
			req.pipe(upstream);
		});
		this.#server.on('connection', (s) => {
			this.#sockets.add(s);
			s.once('close', () => this.#sockets.delete(s));
		});
	}

	get origin(): string {
		return `http://localhost:${this.port}`;
	}

	#record(answer: IncomingMessage): void {
		const chunks: Buffer[] = [];
		answer.on('data', (c: Buffer) => chunks.push(c));
		answer.on('end', () => {
			let body = Buffer.concat(chunks);
			const enc = String(answer.headers['content-encoding'] ?? '');
			if (enc === 'gzip') body = gunzipSync(body);
			else if (enc === 'br') body = brotliDecompressSync(body);
			else if (enc === 'deflate') body = inflateSync(body);
			try {
				const json = JSON.parse(body.toString('utf8')) as { otpauth?: unknown };
				if (typeof json.otpauth === 'string') this.redeemed.push({ otpauth: json.otpauth });
			} catch {
				// An error answer (not JSON, or no otpauth): nothing was delivered.
			}
		});
	}

	listen(): Promise<void> {
		return new Promise((res, rej) => {
			this.#server.once('error', rej);
			this.#server.listen(this.port, '127.0.0.1', () => {
				this.#server.off('error', rej);
				res();
			});
		});
	}

	async setOffline(offline: boolean): Promise<void> {
		if (offline === this.#offline) return;
		this.#offline = offline;
		if (offline) {
			const closed = new Promise<void>((res) => this.#server.close(() => res()));
			for (const s of this.#sockets) s.destroy();
			await closed;
		} else {
			await this.listen();
		}
	}

	async close(): Promise<void> {
		for (const s of this.#sockets) s.destroy();
		if (!this.#offline) await new Promise<void>((res) => this.#server.close(() => res()));
	}
}
