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

for (const engine of engines as EngineName[]) {
	describe(engine, () => {
		for (const flow of FLOWS) {
			test(flow.id, async ({ annotate }) => {
				const browsers: Browser[] = [];
				const notes: string[] = [];
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
				} finally {
					for (const b of browsers) await b.close();
					await gate!.setOffline(false);
					for (const n of notes) await annotate(n, 'note');
				}
			}, 300_000);
		}
	});
}
