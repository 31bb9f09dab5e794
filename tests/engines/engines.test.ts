import { afterAll, beforeAll, describe, test } from 'vitest';
import type { Browser, EngineName, Launch } from './driver/Driver';
import { launchWebKit } from './driver/webkit';
import { launchFirefox } from './driver/firefox';
import { stopXvfb } from './driver/xvfb';
import type { FlowContext } from './Flow';
import { FLOWS } from './flows';
import { startAppServer, type AppServer } from './support/appServer';
import { Gate } from './support/Gate';
import { InstituteApi } from './support/institute';
import { stopAllProcesses } from './support/processes';

/**
 * Issue 18: the trainee's core flows in WebKit (WebKitGTK, the iPhone's engine) and Firefox ESR.
 * Each flow × engine is one test, in a fresh browser profile, against the production build served
 * by `node server.js` behind the suite's gate. `ENGINES=webkit` (or `firefox`) narrows a local run;
 * by default, and in CI, both run, and an engine that is not installed fails with the package name.
 */
const LAUNCHERS: Record<EngineName, Launch> = { webkit: launchWebKit, firefox: launchFirefox };
const engines = (process.env.ENGINES ?? 'webkit,firefox').split(',').map((e) => e.trim()).filter(Boolean);
for (const e of engines) if (!(e in LAUNCHERS)) throw new Error(`ENGINES: unknown engine "${e}" (known: ${Object.keys(LAUNCHERS).join(', ')})`);

// Own ports, derived from E2E_PORT so that people sharing a machine do not collide
// (E2E_PORT=6173 → 6300, 6301; CI's default 4173 → 4300, 4301). ENGINES_PORT overrides.
const basePort = Number(process.env.ENGINES_PORT ?? Number(process.env.E2E_PORT ?? 4173) + 127);

let server: AppServer | undefined;
let gate: Gate | undefined;
let institute: InstituteApi | undefined;

beforeAll(async () => {
	gate = new Gate(basePort, basePort + 1);
	server = await startAppServer(basePort + 1, gate.origin);
	await gate.listen();
	institute = new InstituteApi(gate.origin);
}, 90_000);

afterAll(async () => {
	await gate?.close();
	await server?.stop();
	await stopXvfb();
	await stopAllProcesses();
}, 60_000);

/**
 * A flow that fails is run once more in a fresh profile (WebKitGTK under this machine's load has
 * shown a page that never got past "불러오는 중…" on its first IndexedDB read, about once in
 * three full runs; the same flow then passes). A pass on the second attempt is reported as such,
 * with the first attempt's error, in the test's notes and on stderr: it is not a quiet pass.
 */
const RETRIES = 1;
const earlierFailures = new Map<string, string[]>();

for (const engine of engines as EngineName[]) {
	describe(engine, () => {
		for (const flow of FLOWS) {
			test(flow.id, { retry: RETRIES, timeout: 300_000 }, async ({ annotate }) => {
				const key = `${engine}: ${flow.id}`;
				const browsers: Browser[] = [];
				const notes: string[] = [];
				const earlier = earlierFailures.get(key) ?? [];
				if (earlier.length) {
					const line = `RETRIED: attempt ${earlier.length + 1}; attempt 1 failed: ${earlier[0]!.slice(0, 300)}`;
					notes.push(line);
					console.warn(`engines: ${key}: ${line}`);
				}
				const ctx: FlowContext = {
					async launch(opts = {}) {
						const b = await LAUNCHERS[engine]({ ...opts, baseURL: gate!.origin, network: gate! });
						browsers.push(b);
						if (browsers.length === 1) notes.unshift(b.version);
						return b;
					},
					gate: gate!,
					institute: institute!,
					note: (text) => void notes.push(text)
				};
				try {
					await flow.run(ctx);
				} catch (error) {
					earlierFailures.set(key, [...earlier, error instanceof Error ? error.message : String(error)]);
					throw error;
				} finally {
					for (const b of browsers) await b.close();
					await gate!.setOffline(false);
					for (const n of notes) await annotate(n, 'note');
				}
			});
		}
	});
}
