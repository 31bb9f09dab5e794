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
		what: 'PIN entered → code visible, ratio to the bare page running the same scrypt (4×)',
		limit: 1.3,
		unit: '×',
		value: (r) => r.startup?.ratios.unlock
	},
	{
		id: 'kdf.chosen4x',
		what: 'the vault KDF (KDF_DEFAULT) at 4× CPU throttling, ms per unlock',
		limit: 3000,
		unit: 'ms',
		// Proposed here, not given by the issue: a trainee unlocks against an exam timer, with a
		// progress bar; past ~3 s on a cheap phone the unlock reads as broken and is retried.
		value: (r) => r.kdf?.results.find((x) => x.chosen)?.ms['4x']?.median
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
