import { request as httpRequest } from 'node:http';

/** An answer as it came off the socket. */
export interface RawAnswer {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

/**
 * One HTTP exchange with the request target sent byte for byte as given (node:http does no URL
 * normalisation), for tests of how the server reads spellings a browser would never send.
 */
export function rawHttp(base: string, method: string, target: string, headers: Record<string, string> = {}, body?: string): Promise<RawAnswer> {
	const { hostname, port } = new URL(base);
	return new Promise((resolve, reject) => {
		const req = httpRequest({ host: hostname, port, method, path: target, headers }, (res) => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (d) => (text += d));
			res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
		});
		req.on('error', reject);
		req.end(body);
	});
}
