// The budgets every run is held to. A figure over its budget is printed as BUDGET EXCEEDED.
// Change a budget only with a reason written next to it.

export const BUDGETS = [
	{
		id: 'weight.lockScreenJs',
		what: 'lock screen (/) first-load JS, gzip, inline scripts included',
		limit: 25_000,
		unit: 'bytes',
		// Issue 9: at most 25 KB; the lightest comparable open-source PWA authenticator sends 49.5 KB.
		value: (r) => r.weight?.lockScreen.jsGzip
	},
	{
		id: 'weight.optionalCode',
		what: 'optional code (QR decoder, institute console) in the lock screen; vault code in the console',
		limit: 0,
		unit: 'findings',
		value: (r) => r.weight?.violations.length
	},
	{
		id: 'startup.pinVisible',
		what: 'offline reopen → PIN field visible, ratio to the bare page (4× CPU throttling)',
		limit: 1.3,
		unit: '×',
		// Issue 9: comparable PWA authenticators take 2.4–7.3× the bare page; the goal is 1.3×.
		value: (r) => r.startup?.ratios.pinVisible
	},
	{
		id: 'startup.pinTyped',
		what: 'offline reopen → PIN field usable (typing lands), ratio to the bare page (4× CPU throttling)',
		limit: 1.5,
		unit: '×',
		// Issue 14: it was 3.98× (the prerendered field was inert until hydration); the goal is 1.5×.
		value: (r) => r.startup?.ratios.typed
	},
	{
		id: 'startup.unlock',
		what: 'PIN entered → code visible, ratio to the bare page running the same KDF the same way (4×)',
		limit: 1.3,
		unit: '×',
		value: (r) => r.startup?.ratios.unlock
	},
	{
		id: 'startup.unlock1x',
		what: 'PIN entered → code visible in the app, no throttling, ms',
		limit: 400,
		unit: 'ms',
		// Issue 14: at most 400 ms at 1× (it was about 1.2 s).
		value: (r) => r.startup?.unlock1x?.app.median
	},
	{
		id: 'startup.unlock4x',
		what: "PIN entered → code visible in the app at 4×, the worker's KDF scaled 4× too (DevTools cannot throttle it), ms",
		limit: 1500,
		unit: 'ms',
		// Issue 14: at most 1.5 s at 4× (it was 2.0–3.4 s). The modelled figure, not the raw one: the
		// raw 4× leaves the worker at full speed (bench/README.md, "the worker trap").
		value: (r) => r.startup?.unlockModelled?.app
	},
	{
		id: 'kdf.chosen4x',
		what: 'the vault KDF (KDF_DEFAULT) in its worker at 4× (modelled: 4 × the unthrottled round trip), ms per unlock',
		limit: 3000,
		unit: 'ms',
		// Proposed before issue 14: a trainee unlocks against an exam timer, with a progress bar;
		// past ~3 s on a cheap phone the unlock reads as broken and is retried.
		value: (r) => r.kdf?.results.find((x) => x.chosen)?.modelled4x
	},
	{
		id: 'kdf.strength',
		what: 'the vault KDF is at or above the argon2id floor (m ≥ 19,456 KiB, t ≥ 2, p ≥ 1): parameters short of it',
		limit: 0,
		unit: 'findings',
		// Issue 14: at or above OWASP's argon2id minimum (m = 19 MiB, t = 2, p = 1).
		value: (r) => {
			const k = r.kdf?.chosen;
			if (!k) return undefined;
			return (k.name !== 'argon2id' ? 1 : 0) + (k.m < 19_456 ? 1 : 0) + (k.t < 2 ? 1 : 0) + (k.p < 1 ? 1 : 0);
		}
	},
	{
		id: 'verifier.limiterBound',
		what: 'verify answers that were 429 (the rate limiter, not the verifier, was measured)',
		limit: 0,
		unit: 'responses',
		value: (r) => (r.verifier ? verifyRuns(r).reduce((s, run) => s + (run.statuses['429'] ?? 0), 0) : undefined)
	},
	{
		id: 'verifier.failures',
		what: 'verify errors and non-2xx answers other than 429',
		limit: 0,
		unit: 'responses',
		value: (r) => (r.verifier ? verifyRuns(r).reduce((s, run) => s + run.errors + run.non2xx - (run.statuses['429'] ?? 0), 0) : undefined)
	},
	{
		id: 'verifier.noLocks',
		what: 'verify answers that were locked (the load must not lock anybody: a locked answer skips the work)',
		limit: 0,
		unit: 'responses',
		value: (r) => (r.verifier ? verifyRuns(r).reduce((s, run) => s + (run.answers?.locked ?? 0), 0) : undefined)
	},
	{
		id: 'verifier.cpuSqlite',
		what: 'server CPU per verification, SQLite, 1 process',
		limit: 200,
		unit: 'µs',
		// Issue 15: at most 200 µs (≥ 5,000 verifications/s per core); it was about 630 µs.
		value: (r) => r.verifier?.backends.sqlite?.oneProcess?.cpuMicrosPerRequest
	},
	{
		id: 'verifier.p99Sqlite',
		what: 'p99 latency at 8 connections, SQLite, 1 process',
		limit: 10,
		unit: 'ms',
		// Issue 15: at most 10 ms; it was 12–71 ms.
		value: (r) => r.verifier?.backends.sqlite?.oneProcess?.latencyMs.p99
	},
	{
		id: 'verifier.postgresCpuRatio',
		what: "PostgreSQL's CPU per verification as a multiple of SQLite's (1 process each)",
		limit: 1.5,
		unit: '×',
		// Issue 15: PostgreSQL at most 1.5× SQLite's CPU per verification.
		value: (r) => {
			const p = r.verifier?.backends.postgres?.oneProcess?.cpuMicrosPerRequest;
			const q = r.verifier?.backends.sqlite?.oneProcess?.cpuMicrosPerRequest;
			return p && q ? Math.round((p / q) * 100) / 100 : undefined;
		}
	},
	{
		id: 'verifier.twoProcessCpu',
		what: 'two processes on one PostgreSQL: CPU per verification as a multiple of one process',
		limit: 1,
		unit: '×',
		// Issue 15: no more CPU per verification than one process.
		value: (r) => {
			const two = r.verifier?.backends.postgres?.twoProcesses?.cpuMicrosPerRequest;
			const one = r.verifier?.backends.postgres?.oneProcess?.cpuMicrosPerRequest;
			return two && one ? Math.round((two / one) * 100) / 100 : undefined;
		}
	}
];

function verifyRuns(r) {
	const out = [];
	for (const b of Object.values(r.verifier?.backends ?? {})) {
		if (b.oneProcess) out.push(b.oneProcess);
		if (b.twoProcesses) out.push(b.twoProcesses);
	}
	return out;
}

/**
 * @returns {{ id: string, what: string, limit: number, unit: string, value: number | undefined, status: 'ok' | 'EXCEEDED' | 'not measured' }[]}
 */
export function checkBudgets(results) {
	return BUDGETS.map((b) => {
		const value = b.value(results);
		const status = value === undefined || value === null || Number.isNaN(value) ? 'not measured' : (b.atLeast ? value < b.limit : value > b.limit) ? 'EXCEEDED' : 'ok';
		return { id: b.id, what: b.what, limit: b.limit, unit: b.unit, atLeast: !!b.atLeast, value, status };
	});
}
