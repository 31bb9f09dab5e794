import type { Reporter, SerializedError, TestModule } from 'vitest/node';

/**
 * Prints the flow × engine table after the run (issue 18's closing note lists it), the notes each
 * flow left (how the clock and the network were faked, what an engine could not test), and a
 * plain "N passed, N failed" line.
 */
export default class TableReporter implements Reporter {
	onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
		const engines: string[] = [];
		const flows: string[] = [];
		const cells = new Map<string, { state: string; seconds: number; retries: number; notes: string[]; error?: string }>();
		for (const m of testModules) {
			for (const t of m.children.allTests()) {
				const engine = t.parent.type === 'suite' ? t.parent.name : '?';
				if (!engines.includes(engine)) engines.push(engine);
				if (!flows.includes(t.name)) flows.push(t.name);
				const r = t.result();
				const error = r.state === 'failed' ? (r.errors?.[0]?.message ?? 'failed').split('\n')[0] : undefined;
				cells.set(`${t.name}\u0000${engine}`, {
					state: r.state,
					seconds: Math.round((t.diagnostic()?.duration ?? 0) / 1000),
					retries: t.diagnostic()?.retryCount ?? 0,
					notes: t.annotations().map((a) => a.message),
					...(error ? { error } : {})
				});
			}
		}
		// A suite that could not start (no server, a busy port) ran nothing: every flow counts as failed.
		const suiteErrors = [
			...testModules.flatMap((m) => m.errors().map((e) => e.message)),
			...unhandledErrors.map((e) => e.message)
		].map((m) => m.split('\n')[0]);
		if (flows.length === 0 && suiteErrors.length === 0) return;
		const notRun = suiteErrors.length > 0;
		const label = (s: string) => (s === 'passed' ? 'pass' : s === 'failed' ? 'FAIL' : notRun ? 'NOT RUN' : s);
		const rows = flows.map((f) => [f, ...engines.map((e) => {
			const c = cells.get(`${f}\u0000${e}`);
			return c ? `${label(c.state)}${c.retries ? ` on retry ${c.retries}` : ''} (${c.seconds} s)` : '—';
		})]);
		const header = ['flow', ...engines];
		const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
		const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
		const out = ['', 'Engines: trainee flows × engine', line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line), ''];
		for (const e of engines) {
			out.push(`${e}:`);
			for (const f of flows) {
				const c = cells.get(`${f}\u0000${e}`);
				if (!c) continue;
				for (const n of c.notes) out.push(`  - ${f}: ${n}`);
				if (c.error) out.push(`  - ${f}: FAILED: ${c.error}`);
			}
		}
		for (const e of suiteErrors) out.push(`suite error: ${e}`);
		const all = [...cells.values()];
		const passed = all.filter((c) => c.state === 'passed').length;
		const failed = all.filter((c) => c.state === 'failed' || (notRun && c.state !== 'passed')).length + (all.length === 0 ? suiteErrors.length : 0);
		const skipped = all.length - passed - all.filter((c) => c.state === 'failed' || (notRun && c.state !== 'passed')).length;
		const retried = all.filter((c) => c.state === 'passed' && c.retries > 0).length;
		out.push('', `engines: ${passed} passed${retried ? ` (${retried} of them on a retry: see RETRIED above)` : ''}, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`, '');
		process.stdout.write(out.join('\n'));
	}
}
