import { describe, expect, it } from 'vitest';
import { ClockError } from '$lib/clock/ClockError';
import { measureClock } from './timeSync';

const TRUE_START = Date.UTC(2025, 0, 15, 12);

interface Exchange {
	up: number;
	down: number;
	/** Build the answer from the server's true time; or throw to fail the network. */
	reply: (serverTrue: number) => Response;
}

/**
 * A fake network and fake clocks: true time advances only inside `fetch`, by each exchange's
 * one-way delays; the wall clock is `deviceAhead` off true time; monotonic ticks with true time.
 */
function network(deviceAhead: number, exchanges: Exchange[]) {
	let trueTime = TRUE_START;
	const calls: { url: string; init: RequestInit | undefined }[] = [];
	const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
		calls.push({ url: String(input), init });
		const ex = exchanges[calls.length - 1];
		if (ex === undefined) throw new Error('unexpected request');
		trueTime += ex.up;
		const res = ex.reply(trueTime);
		trueTime += ex.down;
		return res;
	}) as typeof fetch;
	return {
		fetchImpl,
		calls,
		wallNow: () => trueTime + deviceAhead,
		monotonicNow: () => trueTime - TRUE_START + 500
	};
}

const json = (up: number, down: number): Exchange => ({
	up,
	down,
	reply: (t) => new Response(JSON.stringify({ now: t }), { headers: { 'content-type': 'application/json' } })
});
const dateOnly = (up: number, down: number): Exchange => ({
	up,
	down,
	reply: (t) => new Response('<html>not json</html>', { headers: { date: new Date(t).toUTCString() } })
});
const offline: Exchange = {
	up: 0,
	down: 0,
	reply: () => {
		throw new TypeError('Failed to fetch');
	}
};
const garbage = (up: number): Exchange => ({ up, down: up, reply: () => new Response('nope', { status: 502 }) });

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
	try {
		await p;
	} catch (e) {
		if (e instanceof ClockError) return e.code;
		throw e;
	}
	return undefined;
}

describe('measureClock', () => {
	it('asks uncached, with unique URLs, and keeps the lowest-round-trip sample', async () => {
		const n = network(252_000, [json(300, 40), json(20, 20), json(100, 500), json(60, 60), json(25, 25)]);
		const m = await measureClock(n);
		expect(n.calls).toHaveLength(5);
		expect(m.rttMs).toBe(40);
		expect(m.offsetMs).toBeCloseTo(-252_000 + 0.5, 6);
		expect(m.uncertaintyMs).toBe(20.5);
		// Anchored at the arrival of the second exchange: true time then was start + 340 + 40.
		expect(m.measuredAtWall + m.offsetMs).toBeCloseTo(TRUE_START + 380 + 0.5, 6);
		expect(m.measuredAtMonotonic).toBe(380 + 500);

		const urls = n.calls.map((c) => c.url);
		expect(new Set(urls).size).toBe(5);
		for (const { url, init } of n.calls) {
			expect(url).toMatch(/^\/api\/v1\/time\?t=[0-9a-z]+$/);
			expect(init).toMatchObject({ cache: 'no-store', credentials: 'omit', redirect: 'error', headers: { 'cache-control': 'no-store' } });
			expect(init?.signal).toBeInstanceOf(AbortSignal);
		}
	});

	it('falls back to a whole-second Date header when the body is not JSON', async () => {
		const n = network(8 * 3600_000, [dateOnly(30, 30)]);
		const m = await measureClock({ ...n, samples: 1 });
		expect(m.uncertaintyMs).toBe(530);
		expect(Math.abs(m.offsetMs - -8 * 3600_000)).toBeLessThanOrEqual(m.uncertaintyMs);
	});

	it('prefers a JSON sample over a faster Date-header one', async () => {
		const n = network(-5000, [dateOnly(5, 5), json(40, 40)]);
		const m = await measureClock({ ...n, samples: 2 });
		expect(m.uncertaintyMs).toBe(40.5);
	});

	it('fails OFFLINE at once when the network is down', async () => {
		const n = network(0, [offline, json(1, 1)]);
		expect(await codeOf(measureClock(n))).toBe('OFFLINE');
		expect(n.calls).toHaveLength(1);
	});

	it('keeps what it measured if the network drops midway', async () => {
		const n = network(-90_000, [json(50, 50), offline]);
		const m = await measureClock(n);
		expect(n.calls).toHaveLength(2);
		expect(m.offsetMs).toBeCloseTo(90_000.5, 6);
	});

	it('fails BAD_TIME_RESPONSE when every answer lacks a usable time', async () => {
		const n = network(0, [garbage(10), garbage(10), garbage(10)]);
		expect(await codeOf(measureClock({ ...n, samples: 3 }))).toBe('BAD_TIME_RESPONSE');
	});

	it('skips bad answers among good ones', async () => {
		const n = network(3000, [garbage(1), json(70, 70), garbage(1)]);
		const m = await measureClock({ ...n, samples: 3 });
		expect(m.rttMs).toBe(140);
	});

	it('times a request out as OFFLINE', async () => {
		const hang = ((_: RequestInfo | URL, init?: RequestInit) =>
			new Promise<Response>((_resolve, reject) => {
				init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
			})) as typeof fetch;
		const err = await measureClock({ fetchImpl: hang, timeoutMs: 20 }).catch((e: unknown) => e);
		expect(err).toBeInstanceOf(ClockError);
		expect((err as ClockError).code).toBe('OFFLINE');
		expect(((err as ClockError).cause as DOMException).name).toBe('TimeoutError');
	});

	it('measures the round trip on the monotonic clock, immune to a wall-clock jump mid-request', async () => {
		let wallJump = 0;
		const n = network(0, [
			{ up: 20, down: 20, reply: (t) => ((wallJump = -3600_000), new Response(JSON.stringify({ now: t }))) }
		]);
		const m = await measureClock({ ...n, wallNow: () => n.wallNow() + wallJump, samples: 1 });
		expect(m.rttMs).toBe(40);
	});

	it('refuses a silly sample count', async () => {
		await expect(measureClock({ samples: 0 })).rejects.toThrow(RangeError);
	});
});
