// Turns the results into bench/RESULTS.md and the console's budget table.
import { LOCK_SCREEN, LOCK_TO_CODES, ROUTES } from './weight.js';

const kB = (bytes) => (bytes === undefined || bytes === null ? '—' : `${(bytes / 1000).toFixed(1)} kB`);
const ms = (x) => (x === undefined || x === null || Number.isNaN(x) ? '—' : `${Math.round(x)} ms`);
const ratio = (x) => (x === undefined || Number.isNaN(x) ? '—' : `${x.toFixed(2)}×`);
const num = (x) => (x === undefined || x === null ? '—' : x.toLocaleString('en-US'));

function formatValue(b) {
	if (b.value === undefined || b.value === null) return '—';
	if (b.unit === 'bytes') return kB(b.value);
	if (b.unit === '×') return ratio(b.value);
	if (b.unit === 'ms') return ms(b.value);
	if (b.unit === 'µs') return `${b.value} µs`;
	return String(b.value);
}
function formatLimit(b) {
	if (b.unit === 'bytes') return `≤ ${kB(b.limit)}`;
	if (b.unit === '×') return `≤ ${ratio(b.limit)}`;
	if (b.unit === 'ms') return `≤ ${ms(b.limit)}`;
	if (b.unit === 'µs') return `≤ ${b.limit} µs`;
	return `${b.atLeast ? '≥' : '≤'} ${b.limit}`;
}

/** The budget table for the console, with a loud block for every figure over its budget. */
export function consoleBudgets(budgets) {
	const lines = ['', 'Budgets', '-------'];
	for (const b of budgets) {
		const mark = b.status === 'ok' ? 'ok  ' : b.status === 'EXCEEDED' ? 'FAIL' : 'n/a ';
		lines.push(`${mark}  ${b.id.padEnd(24)} ${formatValue(b).padStart(10)}  (${formatLimit(b)})  ${b.what}`);
	}
	const over = budgets.filter((b) => b.status === 'EXCEEDED');
	if (over.length) {
		const bar = '!'.repeat(78);
		lines.push('', bar, `!!!  BUDGET EXCEEDED: ${over.length} figure${over.length > 1 ? 's' : ''} over budget`.padEnd(75) + '!!!');
		for (const b of over) lines.push(`!!!    ${b.id}: ${formatValue(b)}, budget ${formatLimit(b)}`.padEnd(75) + '!!!');
		lines.push(bar);
	}
	return lines.join('\n');
}

export function renderMarkdown(r, budgets) {
	const out = [];
	const m = r.machine;
	out.push('# Benchmarks', '');
	out.push('Written by `npm run bench` (bench/run.js); the raw figures are in [results.json](results.json), the method in [README.md](README.md).');
	out.push('Figures are from one machine on one day. Compare ratios, not milliseconds, across machines.', '');
	out.push('## Machine', '');
	out.push('| | |', '|---|---|');
	out.push(`| date | ${m.date} |`, `| CPU | ${m.cpu}, ${m.cores} cores${m.cpuMHz ? ` @ ${m.cpuMHz} MHz` : ''} |`, `| memory | ${m.memoryGiB} GiB |`);
	out.push(`| OS | ${m.os} |`, `| Node | ${m.node} |`, `| Chromium | ${m.chromium ?? '—'} |`);
	if (r.verifier?.postgresVersion) out.push(`| PostgreSQL | ${r.verifier.postgresVersion} |`);
	out.push(`| commit | ${m.commit ?? '—'} |`);
	out.push(`| load average (1 min) | ${m.loadStart} at start, ${r.loadEnd} at end |`);
	out.push(`| total time | ${Math.round(r.seconds)} s |`, '');
	if (m.loadStart > m.cores / 2 || r.loadEnd > m.cores / 2) {
		out.push(`> **The machine was busy** (load average above half its ${m.cores} cores): other work shared the CPU, so absolute times are noisy. The ratios compare the app and its baseline measured interleaved in the same minutes, which cancels most of it.`, '');
	}

	out.push('## Budgets', '');
	out.push('| | figure | value | budget |', '|---|---|---|---|');
	for (const b of budgets) {
		const mark = b.status === 'ok' ? '✅' : b.status === 'EXCEEDED' ? '❌ **EXCEEDED**' : '— not measured';
		out.push(`| ${mark} | ${b.what} | ${formatValue(b)} | ${formatLimit(b)} |`);
	}
	out.push('');

	if (r.weight) renderWeight(out, r.weight);
	if (r.startup) renderStartup(out, r.startup);
	if (r.kdf) renderKdf(out, r.kdf, r.startup);
	if (r.verifier) renderVerifier(out, r.verifier);
	return out.join('\n') + '\n';
}

function renderWeight(out, w) {
	out.push('## 1. Weight', '');
	out.push('What a fresh browser profile downloads to show each screen: every JS and CSS response until the network is idle (lazy imports started at mount included), plus the HTML\'s inline scripts counted as JS. gzip is level 9 and brotli quality 11, each file compressed on its own as it is sent; "wire" is the body size Chromium reports (the server sends its precompressed brotli). kB = 1000 bytes.', '');
	out.push('| route | JS files | JS raw | JS gzip | JS brotli | JS wire | CSS gzip | HTML gzip |', '|---|---|---|---|---|---|---|---|');
	for (const route of [...ROUTES, LOCK_SCREEN, LOCK_TO_CODES]) {
		const x = w.routes.find((y) => y.route === route);
		if (!x) continue;
		out.push(`| \`${route}\` | ${x.js.files} | ${kB(x.js.raw)} | **${kB(x.js.gzip)}** | ${kB(x.js.brotli)} | ${kB(x.js.transferred)} | ${kB(x.css.gzip)} | ${kB(x.html.gzip)} |`);
	}
	out.push('');
	const lock = w.routes.find((y) => y.route === LOCK_SCREEN) ?? w.routes.find((y) => y.route === '/');
	out.push(`\`/\` is what a fresh profile sees (the welcome screen). The lock screen is \`${LOCK_SCREEN}\`: a browser that has enrolled, with the service worker blocked and the HTTP cache emptied; the budget is on it. \`${LOCK_TO_CODES}\` goes on from there: the PIN typed, and everything loaded until the codes show (the framework comes after the PIN, docs/decisions.md).`, '');
	out.push(`**Side by side (gzip JS, first load):** budget 25.0 kB · mOTP lock screen **${kB(lock.js.gzip)}** · lightest comparable PWA authenticator 49.5 kB · others 87 kB and 129 kB.`, '');
	out.push(`The institute console's login page shares ${w.consoleShares.files.length} files (${kB(w.consoleShares.gzip)} gzip) with the lock screen: the framework (Svelte runtime, SvelteKit client, app entry, root layout, error page, global CSS). That is also the floor any page of this stack pays.`, '');
	out.push('Largest files of the lock screen\'s first load (gzip):', '');
	out.push('| file | raw | gzip | shared with the console |', '|---|---|---|---|');
	const shared = new Set(w.consoleShares.files);
	for (const a of [...lock.assets].filter((a) => a.kind === 'js').sort((a, b) => b.gzip - a.gzip).slice(0, 8)) {
		out.push(`| \`${a.path.replace('/_app/immutable/', '')}\` | ${kB(a.raw)} | ${kB(a.gzip)} | ${shared.has(a.path) ? 'yes (framework)' : 'no'} |`);
	}
	out.push('');
	out.push(w.violations.length ? `**Optional code check: ${w.violations.length} finding(s):**\n\n${w.violations.map((v) => `- ${v}`).join('\n')}\n` : 'Optional code check: nothing from the QR decoder, the QR generator or the institute console is in the lock screen\'s first load, and the console loads no trainee screen and no vault KDF.\n');
}

function kdfText(k) {
	return k.name === 'argon2id' ? `argon2id m=${k.m} KiB, t=${k.t}, p=${k.p}, in a worker (WebAssembly)` : `scrypt N=${k.N}, r=${k.r}, p=${k.p}, on the main thread`;
}

function renderStartup(out, s) {
	out.push('## 2. Start-up', '');
	out.push(`Reopening the installed app offline, Chromium with ${s.cpuThrottling}× CPU throttling, a new tab each time with the service workers stopped first (a closed app's worker is not running), median of ${s.runs} runs, interleaved with the bare page (bench/pages/bare.html: a static PIN field, a cache-first service worker, and on Enter the vault's KDF run the app's way: ${kdfText(s.kdf)}). Times are ms from navigation start, taken in the first animation frame in which the element is visible.`, '');
	out.push('| figure | mOTP | bare page | ratio | budget |', '|---|---|---|---|---|');
	out.push(`| PIN field visible | ${ms(s.app.pinVisible.median)} | ${ms(s.bare.pinVisible.median)} | **${ratio(s.ratios.pinVisible)}** | ≤ 1.30× |`);
	out.push(`| PIN field usable (enabled, not inert) | ${ms(s.app.pinUsable.median)} | ${ms(s.bare.pinUsable.median)} | ${ratio(s.ratios.pinUsable)} | |`);
	if (s.app.typed) out.push(`| PIN field usable (typing lands): first digit taken, in a run where the PIN typed from then on unlocked | ${ms(s.app.typed.median)} | ${ms(s.bare.typed.median)} | **${ratio(s.ratios.typed)}** | ≤ 1.50× |`);
	out.push(`| first contentful paint | ${ms(s.app.fcp.median)} | ${ms(s.bare.fcp.median)} | ${ratio(s.app.fcp.median / s.bare.fcp.median)} | |`);
	out.push(`| PIN entered (Enter) → code visible (${s.cpuThrottling}×, the page throttled) | ${ms(s.app.unlock.median)} | ${ms(s.bare.unlock.median)} | **${ratio(s.ratios.unlock)}** | ≤ 1.30× |`);
	if (s.unlockModelled) out.push(`| PIN entered → code visible (${s.cpuThrottling}×, the worker's KDF scaled too: + ${ms(s.unlockModelled.workerShare)}) | **${ms(s.unlockModelled.app)}** | ${ms(s.unlockModelled.bare)} | | ≤ 1500 ms |`);
	if (s.unlock1x) out.push(`| PIN entered → code visible (1×) | **${ms(s.unlock1x.app.median)}** | ${ms(s.unlock1x.bare.median)} | ${ratio(s.unlock1x.app.median / s.unlock1x.bare.median)} | ≤ 400 ms |`);
	out.push('');
	out.push(`Spread (min–max): mOTP PIN visible ${ms(s.app.pinVisible.min)}–${ms(s.app.pinVisible.max)}, bare ${ms(s.bare.pinVisible.min)}–${ms(s.bare.pinVisible.max)}; mOTP unlock ${ms(s.app.unlock.min)}–${ms(s.app.unlock.max)}, bare ${ms(s.bare.unlock.min)}–${ms(s.bare.unlock.max)}.`, '');
	out.push('Side by side: comparable PWA authenticators take 2.4–7.3× the bare page to show their first screen, because none prerenders it; the goal is 1.3×. The unlock ratio compares against a page that runs the same KDF the same way, so it measures what the app adds to the KDF, not the KDF.', '');
	if (s.kdfInWorker?.n) out.push(`DevTools CPU throttling cannot slow a dedicated worker (Chromium answers "Operation is only supported for pages, not workers"), so under the ${s.cpuThrottling}× setting the KDF's worker runs at full speed. The modelled row adds ${s.cpuThrottling - 1} × the bare page's worker round trip (start, WebAssembly compile, derivation; median ${ms(s.kdfInWorker.median)} over the same reopens), as if the worker's thread were throttled like the page's (bench/README.md).`, '');
}

function renderKdf(out, k, s) {
	out.push('## 3. KDF', '');
	out.push(`Milliseconds per derivation in Chromium, median of ${k.runs} after one warm-up. "worker" is how the app derives: WebAssembly (\`hash-wasm\`) in a new dedicated worker per derivation, timed from the page (worker start and compile included). "main" is JavaScript (\`@noble/hashes\`, the app's fallback and what versions 1–2 ran) on the page's main thread with 10 ms yielding; PBKDF2 is WebCrypto. The vault's choice (\`KDF_DEFAULT\`): ${kdfText(k.chosen)}.`, '');
	out.push('| KDF | memory | 1× CPU | 4× CPU (page throttled) | 4× modelled | vs scrypt JS (1×) |', '|---|---|---|---|---|---|');
	for (const x of k.results) {
		const modelled = x.where === 'worker' ? ms(x.modelled4x) : ms(x.ms['4x']?.median);
		out.push(`| ${x.chosen ? '**' : ''}${x.label}${x.chosen ? '** (chosen)' : ''} | ${x.memoryMiB ? `${x.memoryMiB} MiB` : '—'} | ${ms(x.ms['1x']?.median)} | ${ms(x.ms['4x']?.median)} | ${modelled} | ${ratio(x.relativeToBaseline)} |`);
	}
	out.push('');
	out.push('DevTools CPU throttling slows the page\'s main thread only, and refuses to throttle a dedicated worker ("Operation is only supported for pages, not workers"), so a worker row\'s "page throttled" 4× is about its 1×: that is the trap. "4× modelled" for a worker is 4 × its unthrottled round trip; for the main thread it is the measured 4×. WebCrypto\'s PBKDF2 runs on a browser thread and is not slowed either. The reasoning for the choice is in docs/vault-format.md ("KDF") and docs/decisions.md.', '');
	if (k.nodeCpu) {
		out.push('CPU time per derivation in Node (the same code without the browser; user + system, median):', '');
		out.push('| engine | CPU | wall | CPU vs scrypt JS |', '|---|---|---|---|');
		for (const x of k.nodeCpu) out.push(`| ${x.label} | ${ms(x.cpuMs.median)} | ${ms(x.wallMs.median)} | ${ratio(x.relativeCpu)} |`);
		out.push('');
	}
	if (s) out.push(`In the start-up runs the bare page's whole unlock (this KDF plus a DOM write, 4× page-throttled) took ${ms(s.bare.unlock.median)}.`, '');
}

function renderVerifier(out, v) {
	out.push('## 4. Verifier', '');
	out.push(`\`POST /api/v1/verify\` under ${v.duration} s of load from autocannon (${v.connections} connections in total, split evenly over the processes; one warm-up of 3 s before each run), on the production server as \`npm start\` runs it (\`node server.js\`). ${num(v.trainees)} trainees enrolled through the API; each request goes to the next trainee, with the trainee's right code for the current step (the first per step is accepted, the rest are replays) or, every 4th round and at most 8 times per trainee, a wrong one, so that nobody ever locks (a locked answer skips the work). Requests come from ${num(v.addresses)} X-Forwarded-For addresses (ADDRESS_HEADER, XFF_DEPTH=1), so the per-address limiter runs but does not bind. **CPU per verification** is the server processes' own user + system time (/proc) divided by the verifications they answered: it does not count the load generator, PostgreSQL or other users of the machine. Two processes share one SQLite file (WAL) or one PostgreSQL database. "through SvelteKit" is the same server with the API fast path switched off (\`MOTP_API_FAST_PATH=off\`), measured in the same run against the same database: the baseline.`, '');
	out.push('| configuration | verifications/s | CPU per verification | p50 | p99 | 429 | other non-2xx / errors | answers |', '|---|---|---|---|---|---|---|---|');
	const us = (x) => (x === undefined || x === null ? '—' : `${num(x)} µs`);
	const row = (name, x) => {
		if (!x) return;
		const s429 = x.statuses['429'] ?? 0;
		const a = x.answers ? `${num(x.answers.accepted)} accepted, ${num(x.answers.replayed)} replayed, ${num(x.answers.invalid)} invalid, ${num(x.answers.locked)} locked` : '';
		out.push(`| ${name} | ${num(x.okPerSecond)} | **${us(x.cpuMicrosPerRequest)}** | ${ms(x.latencyMs.p50)} | ${ms(x.latencyMs.p99)} | ${num(s429)} | ${num(x.non2xx - s429 + x.errors)} | ${a} |`);
	};
	for (const [key, label] of [['sqlite', 'SQLite'], ['postgres', 'PostgreSQL']]) {
		const b = v.backends[key];
		if (!b) continue;
		if (b.skipped) {
			out.push(`| ${label} | skipped: ${b.skipped} | | | | | | |`);
			continue;
		}
		row(`${label}, 1 process`, b.oneProcess);
		row(`${label}, 1 process, through SvelteKit (baseline)`, b.oneProcessKit);
		row(`${label}, 2 processes`, b.twoProcesses);
	}
	out.push('');
	out.push('**The floor of the stack**, `GET /api/v1/time` (no database, no crypto) under the same load:', '');
	out.push('| | per second | CPU per request | p50 | p99 |', '|---|---|---|---|---|');
	const floor = (name, x) => x && out.push(`| ${name} | ${num(x.okPerSecond)} | ${us(x.cpuMicrosPerRequest)} | ${ms(x.latencyMs.p50)} | ${ms(x.latencyMs.p99)} |`);
	floor('1 process', v.ceiling.oneProcess);
	floor('1 process, through SvelteKit', v.ceiling.oneProcessKit);
	floor('2 processes', v.ceiling.twoProcesses);
	out.push(`| disk: 4 KiB append + fdatasync | ${num(v.fsyncPerSecond)} | | | |`);
	out.push('');
	const sq = v.backends.sqlite;
	const pgb = v.backends.postgres;
	const lines = [];
	if (sq?.oneProcess && sq?.oneProcessKit) lines.push(`the fast path costs ${ratio(sq.oneProcess.cpuMicrosPerRequest / sq.oneProcessKit.cpuMicrosPerRequest)} the CPU of the same verification through SvelteKit (SQLite, 1 process, same run)`);
	if (sq?.oneProcess && pgb?.oneProcess) lines.push(`PostgreSQL costs ${ratio(pgb.oneProcess.cpuMicrosPerRequest / sq.oneProcess.cpuMicrosPerRequest)} SQLite's CPU per verification (1 process each)`);
	if (pgb?.oneProcess && pgb?.twoProcesses) lines.push(`two PostgreSQL processes spend ${ratio(pgb.twoProcesses.cpuMicrosPerRequest / pgb.oneProcess.cpuMicrosPerRequest)} one process's CPU per verification`);
	if (lines.length) out.push(lines.map((l) => `- ${l}.`).join('\n'), '');
}
