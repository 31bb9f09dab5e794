import { expect, test, type BrowserContext, type ConsoleMessage, type Page } from '@playwright/test';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as OTPAuth from 'otpauth';
import { expectCodeMatches, PIN, typePin } from './support/app';
import { hasOathtool } from './support/independentTotp';
import { freePort } from './support/freePort';

// The README, walked exactly as written (GUIDE: "at least one end-to-end test walks the README").
// A copy of this checkout, as a fresh clone would be: no build, no data/, no .svelte-kit. Then
// `npm start` with none of the variables the other tests set (no ORIGIN, no MOTP_API_KEY, no
// MOTP_MASTER_KEY, no MOTP_DATA_DIR, no proxy headers, no DATABASE_URL): it builds on first start
// (scripts/ensure-build.js) and serves through server.js. The commands are read out of README.md
// and run in bash, so the test follows the README when the README changes.
//
// One variable is set: PORT, a free one. Port 3000 is where the reader's own `npm start` runs
// (README step 1), and a test must not fail because the README was followed. Every URL and
// command taken from the README has `localhost:3000` replaced by that port, and nothing else.
// The copy also keeps the reader's own ./data out of reach.

// Playwright runs from the checkout's root (playwright.config.ts lives there).
const ROOT = resolve(process.cwd());
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** What a fresh clone does not have. The rest of the checkout is copied (a clean clone in CI). */
const NOT_IN_A_CLONE = new Set(['node_modules', 'build', '.svelte-kit', 'data', 'test-results', 'playwright-report', 'screenshots', '.git']);

/** Variables that would hide what a newcomer sees; none may reach `npm start`. */
const HIDDEN_SETTINGS = /^(ORIGIN|PROTOCOL_HEADER|HOST_HEADER|PORT_HEADER|ADDRESS_HEADER|XFF_DEPTH|HOST|PORT|DATABASE_URL|MOTP_.*)$/;

/** The README's section "Try it locally", and the sh blocks and inline commands in it. */
function walkthrough(): { section: string; blocks: string[] } {
	const start = README.indexOf('## Try it locally');
	expect(start, 'README has "## Try it locally"').toBeGreaterThan(-1);
	const rest = README.slice(start + 3);
	const section = rest.slice(0, rest.search(/\n## /));
	const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!.replace(/^ {3}/gm, ''));
	return { section, blocks };
}


/** A copy of the checkout as a clone would have it, sharing this checkout's installed node_modules. */
function freshCopy(): string {
	const dir = mkdtempSync(join(tmpdir(), 'motp-readme-'));
	cpSync(ROOT, dir, { recursive: true, filter: (src) => !NOT_IN_A_CLONE.has(src.slice(ROOT.length + 1).split('/')[0]!) });
	// `npm install` is what produced these; installing again would only repeat the registry download.
	symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
	return dir;
}

interface Started {
	child: ChildProcess;
	stdout: () => string;
	stderr: () => string;
}

/** `npm start` in `cwd`, with `env`; resolves once it listens. */
async function npmStart(cwd: string, env: NodeJS.ProcessEnv): Promise<Started> {
	const child = spawn('npm', ['start'], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	let out = '';
	let err = '';
	child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
	child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
	await new Promise<void>((done, fail) => {
		const check = () => /Listening on /.test(out) && (clearInterval(timer), child.off('exit', exited), done());
		const exited = (code: number | null) => (clearInterval(timer), fail(new Error(`npm start exited (${code}) before listening:\n${out}\n${err}`)));
		const timer = setInterval(check, 200);
		child.once('exit', exited);
	});
	return { child, stdout: () => out, stderr: () => err };
}

/** Runs one README block in bash, as a reader pasting it into a shell in the project folder would. */
function bash(cwd: string, env: NodeJS.ProcessEnv, script: string): string {
	return execFileSync('bash', ['-euo', 'pipefail', '-c', script], { cwd, env, encoding: 'utf8' });
}

/** One shell the reader keeps open: what a block `export`s is there for the next block. */
function shellSession(cwd: string, env: NodeJS.ProcessEnv): (block: string) => string {
	const exported: string[] = [];
	return (block) => {
		const out = bash(cwd, env, [...exported, block].join('\n'));
		exported.push(...block.split('\n').filter((line) => /^export /.test(line)));
		return out;
	};
}

/** Collects what Chromium's console says on every page of a context (warnings and errors). */
function watchConsole(ctx: BrowserContext, heard: string[]): void {
	const listen = (page: Page) =>
		page.on('console', (m: ConsoleMessage) => {
			if (m.type() === 'warning' || m.type() === 'error') heard.push(`${m.type()}: ${m.text()} (${page.url()})`);
		});
	ctx.on('page', listen);
}

test('a newcomer walks the README: npm start with no other variable, then the link, the PIN, the code, verify and the console', async ({ browser }) => {
	test.setTimeout(12 * 60_000); // the first start builds the app; a loaded 2-core machine takes minutes
	try {
		execFileSync('curl', ['--version'], { stdio: 'ignore' });
	} catch {
		throw new Error('The README walks through curl; install it (Debian: apt-get install curl).');
	}

	const { section, blocks } = walkthrough();
	expect(README).toMatch(/`PORT`, `HOST` \| `3000`/);
	expect(section).toContain('npm install && npm start');
	const port = await freePort('0.0.0.0');
	const here = (text: string) => text.replaceAll('localhost:3000', `localhost:${port}`);
	const origin = `http://localhost:${port}`;

	const dir = freshCopy();
	const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !HIDDEN_SETTINGS.test(k)));
	env.PORT = String(port);
	let server: Started | undefined;
	const heard: string[] = [];
	try {
		// Step 1: `npm start` builds once, quietly, and says what it is doing.
		server = await npmStart(dir, env);
		const out = server.stdout();
		expect(out).toMatch(/building the app once \(first start; about 30 s\)/);
		expect(out).toMatch(/built in \d+ s/);
		for (const noise of [/npm run preview/, /chunk/i, /transform/i, /PLUGIN_TIMINGS/, /gzip/]) expect(out + server.stderr()).not.toMatch(noise);
		expect(out.split('\n').length, out).toBeLessThan(25);
		expect(out).toContain('export MOTP_API_KEY=$(cat data/api-key)');
		expect(out).toContain(`open http://localhost:${port}`);
		// The data directory holds keys and personal data: 0700, its key files 0600.
		expect(statSync(join(dir, 'data')).mode & 0o777).toBe(0o700);
		expect(statSync(join(dir, 'data/api-key')).mode & 0o777).toBe(0o600);
		expect((await fetch(`${origin}/favicon.ico`)).status).toBe(200);

		// Step 2: a standard key URI through the fragment, compared with the README's oathtool command.
		const uriLink = /<(http:\/\/localhost:3000\/enroll#otpauth:\/\/[^>]+)>/.exec(section)?.[1];
		expect(uriLink, 'step 2 link').toBeTruthy();
		{
			const ctx = await browser.newContext();
			watchConsole(ctx, heard);
			const page = await ctx.newPage();
			await page.goto(here(uriLink!));
			await typePin(page, PIN);
			await typePin(page, PIN);
			const code = page.getByTestId('code');
			await expect(code).toHaveText(/^\d{6}$/);
			const oathtool = /`(oathtool [^`]+)`/.exec(section)?.[1];
			expect(oathtool, 'step 2 oathtool command').toBeTruthy();
			if (hasOathtool) {
				// Polled: a step boundary may fall between reading the screen and running oathtool.
				await expect.poll(async () => (await code.textContent())?.trim() === bash(dir, env, oathtool!).trim(), { timeout: 20_000 }).toBe(true);
			} else {
				const secret = /-b (\S+)/.exec(oathtool!)![1]!;
				await expectCodeMatches(page, code, { secret, period: 60 });
			}
			await ctx.close();
		}

		// Step 3: the README's own export and curl, in bash, with no MOTP_API_KEY in the environment.
		expect(blocks.length, 'step 3 has an issue block and a verify block').toBeGreaterThanOrEqual(2);
		const [issueBlock, verifyBlock] = blocks as [string, string];
		expect(issueBlock).toContain('export MOTP_API_KEY=$(cat data/api-key)');
		const shell = shellSession(dir, env);
		const issued = JSON.parse(shell(here(issueBlock))) as { enrollUrl: string; enrollCode: string };
		// Without ORIGIN the link takes the protocol of the connection: plain http here, not https.
		expect(issued.enrollUrl).toMatch(new RegExp(`^${origin}/enroll#[A-Za-z0-9_-]{32}$`));

		const ctx = await browser.newContext();
		watchConsole(ctx, heard);
		const page = await ctx.newPage();
		const redeemed = page.waitForResponse((r) => r.url().endsWith('/api/v1/enroll/redeem'));
		await page.goto(issued.enrollUrl);
		await typePin(page, PIN);
		await typePin(page, PIN);
		// The secret as it arrived over the network, for an independent implementation to check.
		const totp = OTPAuth.URI.parse(String(((await (await redeemed).json()) as { otpauth: string }).otpauth)) as OTPAuth.TOTP;
		const code = page.getByTestId('code');
		const shown = await expectCodeMatches(page, code, { secret: totp.secret.base32, period: totp.period, digits: totp.digits, algorithm: totp.algorithm as 'SHA1' });

		expect(verifyBlock).toContain('"code":"123456"');
		const verified = JSON.parse(shell(here(verifyBlock).replace('"code":"123456"', `"code":"${shown}"`))) as { result: string };
		expect(verified).toMatchObject({ result: 'accepted', traineeId: 't-001' });

		// Step 4: the console, logged in with the contents of data/api-key.
		expect(section).toContain('http://localhost:3000/institute');
		const consolePage = await ctx.newPage();
		await consolePage.goto(here('http://localhost:3000/institute'));
		await expect(consolePage).toHaveURL(/\/institute\/login$/);
		await consolePage.getByLabel('API 키').fill(readFileSync(join(dir, 'data/api-key'), 'utf8').trim());
		const login = consolePage.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/institute/login'));
		await consolePage.getByRole('button', { name: '로그인' }).click();
		expect((await login).status(), 'the console login is not refused as cross-site').toBeLessThan(400);
		await expect(consolePage).not.toHaveURL(/login/);
		await consolePage.goto(`${origin}/institute/trainees`);
		await expect(consolePage.getByRole('listitem').filter({ hasText: 't-001' })).toContainText('홍길동');
		await ctx.close();

		// Nothing on the way was a warning in the browser (Permissions-Policy, CSP, 404s) or a red line in the server log.
		expect(heard).toEqual([]);
		expect(server.stderr()).toBe('');
	} finally {
		if (server?.child.pid) {
			try {
				process.kill(-server.child.pid, 'SIGTERM');
			} catch {
				// already gone
			}
			await new Promise((done) => (server!.child.exitCode !== null ? done(null) : server!.child.once('exit', done)));
		}
		rmSync(dir, { recursive: true, force: true });
	}
	expect(existsSync(dir)).toBe(false);
});
