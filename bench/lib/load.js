// One load run: autocannon against one or more servers at once, with the latency of every
// response collected here so that runs against two servers get exact combined percentiles.
import autocannon from 'autocannon';
import { quantile, round } from './stats.js';

/**
 * @param {object} options
 * @param {string[]} options.urls - one autocannon instance per URL, run in parallel
 * @param {number} options.connections - in total, split evenly over the URLs
 * @param {number} options.duration - seconds
 * @param {(i: number) => {method: string, path: string, headers?: Record<string,string>, body?: string}} options.request
 *   builds the i-th request (i counts over all instances, so bodies cycle over every trainee)
 * @param {(status: number, body: string) => void} [options.onBody] - sees each response body
 */
export async function runLoad({ urls, connections, duration, request, onBody }) {
	let i = 0;
	const latencies = [];
	const statuses = {};
	let errors = 0;
	const perUrl = Math.max(1, Math.round(connections / urls.length));
	const runs = urls.map(
		(url) =>
			new Promise((resolve, reject) => {
				const instance = autocannon(
					{
						url,
						connections: perUrl,
						pipelining: 1,
						duration,
						requests: [
							{
								setupRequest: (req) => ({ ...req, ...request(i++) }),
								...(onBody ? { onResponse: (status, body) => onBody(status, body) } : {})
							}
						]
					},
					(err, result) => (err ? reject(err) : resolve(result))
				);
				instance.on('response', (_client, status, _bytes, ms) => {
					latencies.push(ms);
					statuses[status] = (statuses[status] ?? 0) + 1;
				});
				instance.on('reqError', () => errors++);
			})
	);
	const results = await Promise.all(runs);
	const seconds = Math.max(...results.map((r) => r.duration));
	const total = latencies.length;
	const ok = Object.entries(statuses).reduce((s, [k, v]) => (k.startsWith('2') ? s + v : s), 0);
	return {
		connections: perUrl * urls.length,
		seconds: round(seconds, 1),
		requests: total,
		requestsPerSecond: round(total / seconds, 0),
		okPerSecond: round(ok / seconds, 0),
		latencyMs: { p50: round(quantile(latencies, 0.5)), p99: round(quantile(latencies, 0.99)), max: round(latencies.reduce((m, x) => (x > m ? x : m), 0)) },
		statuses,
		non2xx: total - ok,
		errors: errors + results.reduce((s, r) => s + r.errors, 0),
		timeouts: results.reduce((s, r) => s + r.timeouts, 0)
	};
}
