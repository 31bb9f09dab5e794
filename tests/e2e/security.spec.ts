import { createHash } from 'node:crypto';
import { expect, test, type APIResponse, type Page } from '@playwright/test';
import { enrollUri, expectCodeMatches, PIN, typePin, unlock } from './support/app';
import { watchSecurity } from './support/securityWatch';

// Security hardening (issue 8): the headers on every kind of answer, the CSP enforced against
// injected script, and the whole product — trainee app, service worker, institute console —
// working under the policy with no violation and no request to another origin.

const API_KEY = 'e2e-test-key-0123456789abcdef0123456789'; // playwright.config.ts
const URI = 'otpauth://totp/HRDK:%ED%99%8D%EA%B8%B8%EB%8F%99?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=HRDK&period=60';
const SPEC = { secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 60 } as const;

/** The CSP as a map from directive name to its values. */
function parseCsp(policy: string): Map<string, string[]> {
	const map = new Map<string, string[]>();
	for (const d of policy.split(';')) {
		const [name, ...values] = d.trim().split(/\s+/);
		if (name) map.set(name.toLowerCase(), values);
	}
	return map;
}

/** The strict parts every policy we send must have, whoever built it. */
function expectStrictCsp(policy: string | undefined, where: string): void {
	expect(policy, `${where}: no CSP header`).toBeTruthy();
	const csp = parseCsp(policy!);
	const script = csp.get('script-src') ?? [];
	// No document compiles WebAssembly (issue 12): 'wasm-unsafe-eval' is for worker scripts only.
	expect(script.slice(0, 1), where).toEqual(["'self'"]);
	expect(policy, where).not.toContain('wasm-unsafe-eval');
	expect(script.slice(1).every((v) => /^'sha256-[A-Za-z0-9+/]+=*'$/.test(v)), `${where}: script-src ${script.join(' ')}`).toBe(true);
	expect(policy, where).not.toContain('unsafe-inline');
	expect(policy, where).not.toContain("'unsafe-eval'");
	expect(csp.get('default-src'), where).toEqual(["'self'"]);
	expect(csp.get('connect-src'), where).toEqual(["'self'"]);
	expect(csp.get('style-src'), where).toEqual(["'self'"]);
	// Style attributes: only SvelteKit's route announcer, by hash (securityHeaders.js, ANNOUNCER_STYLE).
	expect(csp.get('style-src-attr'), where).toEqual(["'unsafe-hashes'", expect.stringMatching(/^'sha256-[A-Za-z0-9+/]+=*'$/)]);
	expect(csp.get('object-src'), where).toEqual(["'none'"]);
	expect(csp.get('base-uri'), where).toEqual(["'none'"]);
	expect(csp.get('frame-ancestors'), where).toEqual(["'none'"]);
}

function expectCommonHeaders(res: APIResponse, where: string, referrer: string): void {
	const h = res.headers();
	expectStrictCsp(h['content-security-policy'], where);
	expect(h['x-content-type-options'], where).toBe('nosniff');
	expect(h['referrer-policy'], where).toBe(referrer);
	expect(h['x-frame-options'], where).toBe('DENY');
	expect(h['permissions-policy'], where).toContain('camera=(self)');
	expect(h['permissions-policy'], where).toContain('microphone=()');
	expect(h['permissions-policy'], where).toContain('publickey-credentials-get=(self)');
	// Served over plain HTTP here (no ORIGIN https, no trusted proxy header): no HSTS.
	expect(h['strict-transport-security'], where).toBeUndefined();
}

test('every kind of answer carries the CSP and the security headers', async ({ request }) => {
	// Prerendered pages (served as static files, before SvelteKit's hooks).
	for (const path of ['/', '/enroll', '/add', '/settings']) {
		const res = await request.get(path);
		expect(res.status(), path).toBe(200);
		expectCommonHeaders(res, path, 'no-referrer');
		// The page's own meta policy: exactly the hashes of the page's inline scripts (Kit's bootstrap;
		// on `/` also the light lock screen's early script), and nothing else.
		const html = await res.text();
		const meta = /<meta http-equiv="content-security-policy" content="([^"]+)"/.exec(html)?.[1];
		expect(meta, path).toBeTruthy();
		const metaScript = parseCsp(meta!.replaceAll('&#39;', "'")).get('script-src')!;
		const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
		expect(inline.length, path).toBe(path === '/' ? 2 : 1);
		const hashes = inline.map((body) => `'sha256-${createHash('sha256').update(body).digest('base64')}'`);
		expect(metaScript, path).toEqual(["'self'", ...hashes]);
		for (const hash of hashes) expect(res.headers()['content-security-policy'], path).toContain(hash);
	}
	// A server-rendered console page, with Kit's own per-page hash.
	const login = await request.get('/institute/login');
	expectCommonHeaders(login, '/institute/login', 'same-origin');
	expect(login.headers()['cache-control']).toBe('no-store');
	// The API: JSON, never cached; an error answer too.
	for (const res of [await request.get('/api/v1/time'), await request.post('/api/v1/verify', { data: {} }), await request.get('/api/v1/nope')]) {
		expectCommonHeaders(res, res.url(), 'no-referrer');
		expect(res.headers()['cache-control'], res.url()).toBe('no-store');
		expect(res.headers()['content-type'], res.url()).toContain('application/json');
	}
	// Static files and the service worker script (whose header is the worker's own policy).
	for (const path of ['/sw.js', '/manifest.webmanifest', '/favicon.svg', '/favicon.ico']) {
		expectCommonHeaders(await request.get(path), path, 'no-referrer');
	}
});

test('WebAssembly: only worker scripts may compile it; no page can, and the QR decoder still works', async ({ page, context, request }) => {
	// The worker's own answer carries 'wasm-unsafe-eval' (a dedicated worker runs under its script's policy).
	await page.goto('/scan');
	const watch = await watchSecurity(context);
	// Decode a blank picture through the real fallback path: it starts the decoder worker. Until
	// the page has hydrated nobody listens to the input, so the picture is offered again until the
	// worker's script was fetched (a busy machine can take seconds to hydrate).
	const offerBlankPicture = () =>
		page.evaluate(async () => {
			const found = () => performance.getEntriesByType('resource').find((e) => /\/_app\/immutable\/workers\/qrDecoder\.worker-[\w-]+\.js$/.test(e.name));
			if (!found()) {
				const canvas = Object.assign(document.createElement('canvas'), { width: 64, height: 64 });
				const blob = await new Promise<Blob>((r) => canvas.toBlob((b) => r(b!), 'image/png'));
				const input = document.querySelector<HTMLInputElement>('[data-testid="scan-file"]');
				if (input) {
					const dt = new DataTransfer();
					dt.items.add(new File([blob], 'blank.png', { type: 'image/png' }));
					input.files = dt.files;
					input.dispatchEvent(new Event('change', { bubbles: true }));
				}
				for (let i = 0; i < 20 && !found(); i++) await new Promise((r) => setTimeout(r, 50));
			}
			const entry = found();
			return entry ? new URL(entry.name).pathname : null;
		});
	let workerUrl: string | null = null;
	await expect.poll(async () => (workerUrl = await offerBlankPicture()), { timeout: 45_000 }).not.toBeNull();
	expect(workerUrl, 'the fallback decoder runs in a worker').toMatch(/^\/_app\/immutable\/workers\/qrDecoder\.worker-[\w-]+\.js$/);
	// A blank picture holds no QR code: the worker compiled ZXing and answered "none found".
	await expect(page.getByTestId('scan-error')).toContainText('QR 코드를 찾지 못했어요');
	const workerCsp = (await request.get(workerUrl!)).headers()['content-security-policy']!;
	expect(parseCsp(workerCsp).get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
	expect(watch.violations).toEqual([]);

	// The documents themselves refuse to compile WebAssembly: the scan page, the app, the console.
	const tiny = [0, 97, 115, 109, 1, 0, 0, 0]; // "\0asm", version 1: the smallest valid module
	for (const path of ['/scan', '/', '/institute/login']) {
		await page.goto(path);
		const outcome = await page.evaluate(async (bytes) => {
			try {
				await WebAssembly.compile(new Uint8Array(bytes));
				return 'compiled';
			} catch (e) {
				return (e as Error).name;
			}
		}, tiny);
		expect(outcome, path).toBe('CompileError');
	}
});

test('HSTS is sent only when the request came over HTTPS (a trusted proxy header is not configured here)', async ({ request }) => {
	// Without PROTOCOL_HEADER set, a client's own X-Forwarded-Proto is not believed.
	const res = await request.get('/', { headers: { 'x-forwarded-proto': 'https' } });
	expect(res.headers()['strict-transport-security']).toBeUndefined();
});

test('without ORIGIN, links take the connection\'s protocol, and no client header changes it or the HSTS decision', async ({ request, baseURL }) => {
	// The e2e server runs without ORIGIN or PROTOCOL_HEADER (playwright.config.ts), as `npm start` does
	// by default. server.js hands adapter-node the protocol under its own header name, overwriting a client's copy.
	const spoofs: Record<string, string>[] = [{}, { 'x-forwarded-proto': 'https' }, { 'x-motp-server-protocol': 'https' }, { 'x-motp-server-protocol': 'https', 'x-forwarded-proto': 'https' }];
	for (const [i, headers] of spoofs.entries()) {
		const res = await request.post(`/api/v1/trainees/spoof-${Date.now()}-${i}/enrollment`, {
			headers: { authorization: 'Bearer e2e-test-key-0123456789abcdef0123456789', ...headers },
			data: { name: '홍길동', phone: '010-1234-5678' }
		});
		expect(res.status(), JSON.stringify(headers)).toBe(201);
		expect(((await res.json()) as { enrollUrl: string }).enrollUrl, JSON.stringify(headers)).toMatch(new RegExp(`^${baseURL}/enroll#`));
		expect(res.headers()['strict-transport-security'], JSON.stringify(headers)).toBeUndefined();
	}
});

/** A promise for the next violation event in the page, with what it blocked. */
function nextViolation(page: Page) {
	return page.evaluate(
		() =>
			new Promise<{ directive: string; blocked: string }>((resolve) =>
				addEventListener('securitypolicyviolation', (e) => resolve({ directive: e.violatedDirective, blocked: e.blockedURI }), { once: true })
			)
	);
}

test('an inline script injected into the served page does not run, and the app still does', async ({ page, context }) => {
	const watch = await watchSecurity(context);
	// Serve the real page with its real headers, plus an attacker's inline script and handler.
	await page.route('**/', async (route) => {
		const res = await route.fetch();
		const body = (await res.text()).replace('<head>', '<head><script>window.__pwned = 1</script><img src="/nope.png" onerror="window.__pwned2 = 1">');
		await route.fulfill({ response: res, body });
	});
	await page.goto('/');
	// The app's own (hashed) bootstrap script ran: the welcome screen is interactive.
	await expect(page.getByRole('link', { name: '설정' })).toBeVisible();
	await expect(page.getByText('불러오는 중…')).toBeHidden();
	expect(await page.evaluate(() => [(window as any).__pwned, (window as any).__pwned2])).toEqual([undefined, undefined]);
	await expect.poll(() => watch.violations.map((v) => v.directive)).toEqual(expect.arrayContaining([expect.stringMatching(/^script-src/)]));
	expect(watch.violations.length).toBeGreaterThanOrEqual(2);
});

test('script added through the DOM, eval, inline handlers and foreign scripts are all refused', async ({ page }) => {
	await page.goto('/settings');
	await expect(page.getByTestId('language')).toBeEnabled();

	let violation = nextViolation(page);
	await page.evaluate(() => {
		const s = document.createElement('script');
		s.textContent = 'window.__pwned = 1';
		document.head.append(s);
	});
	expect(await violation).toMatchObject({ directive: expect.stringMatching(/^script-src/), blocked: 'inline' });

	// eval from a page task (Playwright's own evaluate channel is exempt from CSP by design).
	violation = nextViolation(page);
	const evaluated = await page.evaluate(
		() =>
			new Promise<string>((resolve) =>
				setTimeout(() => {
					try {
						resolve(String(eval('1 + 1')));
					} catch (e) {
						resolve((e as Error).name);
					}
				})
			)
	);
	expect(evaluated).toBe('EvalError');
	expect(await violation).toMatchObject({ blocked: 'eval' });

	violation = nextViolation(page);
	await page.evaluate(() => {
		const d = document.createElement('div');
		d.innerHTML = '<img src="/missing.png" onerror="window.__pwned2 = 1">';
		document.body.append(d);
	});
	expect((await violation).directive).toMatch(/^script-src/);

	violation = nextViolation(page);
	await page.evaluate(() => {
		const s = document.createElement('script');
		s.src = 'http://127.0.0.2:9/evil.js';
		document.head.append(s);
	});
	expect(await violation).toMatchObject({ blocked: 'http://127.0.0.2:9/evil.js' });

	violation = nextViolation(page);
	const status = await page.evaluate(() => fetch('http://127.0.0.2:9/collect').then(() => 'sent', () => 'refused'));
	expect(status).toBe('refused');
	expect((await violation).directive).toBe('connect-src');

	expect(await page.evaluate(() => [(window as any).__pwned, (window as any).__pwned2])).toEqual([undefined, undefined]);
});

test('another site cannot frame the app or the console (frame-ancestors)', async ({ page, baseURL }) => {
	/** Frames `path` from an about:blank page; whether our document loaded inside. */
	async function framed(path: string): Promise<boolean> {
		await page.setContent(`<iframe src="${baseURL}${path}" width="300" height="300"></iframe>`);
		const frame = page.frames()[1]!;
		await frame.waitForLoadState().catch(() => undefined);
		// A refused frame shows the browser's error page: its document cannot be our app.
		return frame.evaluate(() => document.querySelector('a.brand, form') !== null).catch(() => false);
	}
	for (const path of ['/', '/institute/login']) expect(await framed(path), path).toBe(false);

	// Control: without frame-ancestors and X-Frame-Options the same pages do load in the frame,
	// so the refusal above is the headers' doing.
	await page.route(`${baseURL}/**`, async (route) => {
		// The next setContent may discard a frame whose subresources are still on their way; such a
		// request has nobody left to answer, so its failure is not the test's.
		try {
			const res = await route.fetch();
			const headers = res.headers();
			delete headers['x-frame-options'];
			headers['content-security-policy'] = headers['content-security-policy']!.replace(/;\s*frame-ancestors[^;]*/, '');
			await route.fulfill({ status: res.status(), headers, body: await res.body() });
		} catch (error) {
			if (!/disposed|closed|cancel|Target/i.test(String(error))) throw error;
		}
	});
	for (const path of ['/', '/institute/login']) expect(await framed(path), `${path} (control)`).toBe(true);
	await page.unrouteAll({ behavior: 'ignoreErrors' });
});

test('passkeys (WebAuthn with PRF) work under the Permissions-Policy and CSP', async ({ page, context }) => {
	const watch = await watchSecurity(context);
	await page.goto('/settings');
	const cdp = await context.newCDPSession(page);
	await cdp.send('WebAuthn.enable');
	await cdp.send('WebAuthn.addVirtualAuthenticator', {
		options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, hasPrf: true }
	});
	const result = await page.evaluate(async () => {
		const salt = new Uint8Array(32).fill(1);
		const created = (await navigator.credentials.create({
			publicKey: {
				rp: { name: 'mOTP' },
				user: { id: new Uint8Array(16), name: 't', displayName: 't' },
				challenge: new Uint8Array(32),
				pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
				authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
				extensions: { prf: {} }
			}
		})) as PublicKeyCredential;
		const got = (await navigator.credentials.get({
			publicKey: {
				challenge: new Uint8Array(32),
				allowCredentials: [{ type: 'public-key', id: created.rawId }],
				userVerification: 'required',
				extensions: { prf: { eval: { first: salt } } }
			}
		})) as PublicKeyCredential;
		const prf = (got.getClientExtensionResults() as { prf?: { results?: { first?: ArrayBuffer } } }).prf?.results?.first;
		return { created: created.type, prfBytes: prf ? prf.byteLength : 0 };
	});
	expect(result).toEqual({ created: 'public-key', prfBytes: 32 });
	expect(watch.violations).toEqual([]);
	expect(watch.policyErrors).toEqual([]);
});

test('the whole product under the enforced policy: no violation, no request to another origin', async ({ page, context, baseURL }) => {
	test.setTimeout(180_000);
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	const watch = await watchSecurity(context);
	const origin = new URL(baseURL!).origin;

	// Trainee app: enroll a key URI, see the right code, copy it, lock and unlock, settings.
	await enrollUri(page, URI);
	await expectCodeMatches(page, page.getByTestId('code'), SPEC);
	await page.getByTestId('code').click();
	await expect(page.getByText('복사했어요')).toBeVisible();
	await page.getByRole('button', { name: '잠그기' }).click();
	await unlock(page);
	await page.getByRole('link', { name: '설정' }).click();
	await expect(page.getByRole('heading', { name: '설정' })).toBeVisible();
	await page.getByTestId('language').selectOption('en');
	await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
	await page.getByTestId('language').selectOption('auto');
	await page.getByTestId('measure-clock').click();

	// Service worker: controls the page, and the app reopens offline (the cached pages keep their CSP).
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller) {
			await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
		}
	});
	await context.setOffline(true);
	await page.goto('/');
	await unlock(page);
	await expectCodeMatches(page, page.getByTestId('code'), SPEC);
	await context.setOffline(false);

	// Institute console: log in, issue an enrollment (QR drawn locally as a data: image).
	const id = `sec-${Date.now().toString(36)}`;
	const phone = `010-${String(Date.now() % 9000 + 1000)}-${String(Math.floor(Math.random() * 9000) + 1000)}`;
	await page.goto('/institute/login');
	await page.getByLabel('API 키').fill(API_KEY);
	await page.getByRole('button', { name: '로그인' }).click();
	await page.getByRole('link', { name: '등록 발급' }).click();
	await page.getByLabel('훈련생 ID').fill(id);
	await page.getByLabel('이름').fill('보안 시험');
	await page.getByLabel('휴대폰 번호').fill(phone);
	await page.getByRole('button', { name: '발급하기' }).click();
	await expect(page.getByRole('img', { name: '등록 링크 QR 코드' })).toBeVisible();
	const link = await page.locator('#enroll-url').inputValue();
	expect(new URL(link).origin).toBe(origin);

	// The trainee opens the link (token in the fragment): preview, PIN, redeem, code.
	await page.goto(link);
	await expect(page.getByText('보안 시험')).toBeVisible();
	await typePin(page, PIN);
	await expect(page).toHaveURL(/\/$/);
	const cards = page.getByTestId('code');
	await expect(cards).toHaveCount(2);
	const code = (await page.locator('article', { hasText: '보안 시험' }).getByTestId('code').textContent())!.trim();

	// The console verifies that code by phone, then lists the trainee.
	await page.goto('/institute/verify');
	await page.getByLabel('OTP 번호').fill(code);
	await page.getByLabel('회원 전화번호').fill(phone);
	await page.getByRole('button', { name: '인증하기' }).click();
	await expect(page.getByText('인증됐어요.')).toBeVisible();
	await page.getByRole('link', { name: '훈련생' }).click();
	await expect(page.getByRole('heading', { name: '훈련생', level: 1 })).toBeVisible();
	// The list pages 50 at a time in id order, and the other specs enroll hundreds: the trainee's own page.
	await page.goto(`/institute/trainees/${id}`);
	await expect(page.getByText(id).first()).toBeVisible();
	await page.getByRole('button', { name: '로그아웃' }).click();
	await expect(page).toHaveURL(/\/institute\/login$/);

	expect(watch.violations).toEqual([]);
	expect(watch.policyErrors).toEqual([]);
	expect(watch.requests.length).toBeGreaterThan(20);
	expect(watch.foreign(origin)).toEqual([]);
	// The secret and the one-time token rode in fragments and bodies, never in a request URL.
	const token = new URL(link).hash.slice(1);
	expect(token.length).toBeGreaterThan(20);
	expect(watch.requests.filter((u) => u.includes(token) || u.includes(SPEC.secret) || u.includes('otpauth'))).toEqual([]);
});
