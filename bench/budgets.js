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
		id: 'verifier.shareOfCeiling',
		what: 'SQLite, 1 process: verifications/s as a share of GET /api/v1/time under the same load',
		limit: 0.05,
		unit: 'min share',
		atLeast: true,
		// A tripwire, not a target: on a shared 2-core machine the share moved between 0.12 and 0.28
		// from run to run (CPU- or fsync-bound by the hour). Below 0.05 something in the verify path
		// got an order of magnitude slower (an extra round trip per row, a synchronous KDF...).
		value: (r) => {
			const v = r.verifier?.backends.sqlite?.oneProcess?.okPerSecond;
			const c = r.verifier?.ceiling.oneProcess?.okPerSecond;
			return v && c ? Math.round((v / c) * 100) / 100 : undefined;
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
