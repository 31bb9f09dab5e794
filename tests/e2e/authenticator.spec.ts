import { expect, test } from '@playwright/test';
import { card, enrollUri, expectCodeMatches, PIN, typePin, unlock } from './support/app';
import { dumpOriginStorage } from './support/storageDump';
import { KEY_URIS } from './support/keyUris';
import { secretForms } from './support/secretForms';
import { independentTotp, otpauthTotp } from './support/independentTotp';

const LINKS = KEY_URIS;

test('the independent implementations agree with each other', () => {
	for (const l of LINKS) {
		const t = Date.UTC(2026, 10, 22, 3, 4, 5);
		expect(independentTotp(l.spec, t)).toBe(otpauthTotp(l.spec, t));
	}
});

test('enrolls four links into one vault and shows each correct code', async ({ page }) => {
	for (const [i, l] of LINKS.entries()) {
		await enrollUri(page, l.uri, { existing: i > 0 });
	}
	await expect(page.getByTestId('code')).toHaveCount(LINKS.length);
	for (const l of LINKS) {
		const c = card(page, l.issuer);
		await expect(c.locator('.name')).toHaveText(l.account);
		const shown = await expectCodeMatches(page, c.getByTestId('code'), l.spec);
		expect(shown).toHaveLength(l.spec.digits);
	}
});

test('shows what is being added before asking for a new PIN twice', async ({ page }) => {
	await page.goto(`/enroll#${LINKS[0].uri}`);
	await expect(page.getByText('HRDK')).toBeVisible();
	await expect(page.getByText('홍길동')).toBeVisible();
	await expect(page.getByRole('heading', { name: '새 PIN 만들기' })).toBeVisible();
	await typePin(page, PIN);
	await expect(page.getByRole('heading', { name: 'PIN 한 번 더 입력' })).toBeVisible();
	await typePin(page, '000000');
	await expect(page.getByRole('alert')).toContainText('두 PIN이 달라요');
	await typePin(page, PIN);
	await typePin(page, PIN);
	await expect(page.getByTestId('code')).toHaveText(/^\d{6}$/);
});

test('reopening asks for the PIN, and the right PIN shows the right code', async ({ page }) => {
	await enrollUri(page, LINKS[0].uri);
	await page.reload();
	await expect(page.getByTestId('code')).toHaveCount(0);
	await expect(page.getByRole('heading', { name: 'PIN을 입력하세요' })).toBeVisible();
	await unlock(page);
	await expectCodeMatches(page, page.getByTestId('code'), LINKS[0].spec);
	// Locking removes the code from the screen at once.
	await page.getByRole('button', { name: '잠그기' }).click();
	await expect(page.getByTestId('code')).toHaveCount(0);
	await expect(page.getByTestId('pin')).toBeVisible();
});

test('the countdown flips at the step boundary and the next code shows near the end', async ({ page }) => {
	// Start 3 s before a 60-second boundary, then let the page clock run past it.
	const boundary = Math.ceil(Date.now() / 60_000) * 60_000 + 60_000;
	// No server time: the codes follow the (fake) device clock, which is what this test drives.
	await page.route('**/api/v1/time*', (r) => r.abort());
	await page.clock.install({ time: boundary - 15_000 });
	await enrollUri(page, LINKS[0].uri);
	const code = page.getByTestId('code');
	await page.clock.pauseAt(boundary - 3_000);
	await expect(page.getByText('다음 코드', { exact: true })).toBeVisible();
	await expect(code).toHaveText(independentTotp(LINKS[0].spec, boundary - 3_000));
	const upcoming = independentTotp(LINKS[0].spec, boundary);
	// Screen readers hear the upcoming code digit by digit (hidden text; the grouped digits are aria-hidden).
	await expect(page.locator('article .next')).toContainText(`다음 코드 ${upcoming.split('').join(' ')}`);
	await page.clock.runFor(3_100);
	await expect(code).toHaveText(upcoming);
	await expect(page.getByText('60초 남음')).toBeVisible();
});

test('tapping the code copies it, with a visible confirmation', async ({ page, context }) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await enrollUri(page, LINKS[0].uri);
	const shown = (await page.getByTestId('code').textContent())?.trim();
	await page.getByTestId('code').click();
	await expect(page.getByText('복사했어요')).toBeVisible();
	expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shown);
});

test('works offline after the first visit: reopen, unlock, right code', async ({ page, context }) => {
	await enrollUri(page, LINKS[0].uri);
	// Wait until the service worker controls the page and has precached the app.
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller) {
			await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
		}
	});
	await context.setOffline(true);
	await page.reload();
	await expect(page.getByTestId('pin')).toBeVisible();
	await unlock(page);
	await expectCodeMatches(page, page.getByTestId('code'), LINKS[0].spec);
	// A second route also opens offline.
	await page.goto('/settings');
	await expect(page.getByRole('heading', { name: '설정' })).toBeVisible();
	await context.setOffline(false);
});

test('origin storage holds no trace of the secret after enrollment', async ({ page, context }) => {
	for (const [i, l] of LINKS.entries()) await enrollUri(page, l.uri, { existing: i > 0 });
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	const dump = await dumpOriginStorage(page, context);
	expect(dump).toContain('idb motp/kv/vault');
	for (const l of LINKS) {
		for (const f of secretForms(l.spec.secret)) expect(dump.includes(f), `secret of ${l.name} found as ${JSON.stringify(f)}`).toBe(false);
	}
	// The address bar and history no longer carry the secret either.
	expect(page.url()).not.toContain('secret=');
});

const BAD_LINKS: { name: string; fragment: string; message: RegExp }[] = [
	{ name: 'not otpauth', fragment: 'https://example.com/?secret=JBSWY3DPEHPK3PXP', message: /OTP 등록 링크가 아니에요/ },
	{ name: 'hotp without a counter', fragment: 'otpauth://hotp/X:y?secret=JBSWY3DPEHPK3PXP&issuer=X', message: /counter/ },
	{ name: 'bad base32', fragment: 'otpauth://totp/X:y?secret=JBSWY3DP!HPK3PXP&issuer=X', message: /비밀 키/ },
	{ name: 'no secret', fragment: 'otpauth://totp/X:y?issuer=X', message: /비밀 키가 없어요/ },
	{ name: 'digits=12', fragment: 'otpauth://totp/X:y?secret=JBSWY3DPEHPK3PXP&digits=12', message: /6~8자리/ },
	{ name: 'period=0', fragment: 'otpauth://totp/X:y?secret=JBSWY3DPEHPK3PXP&period=0', message: /주기/ }
];

for (const bad of BAD_LINKS) {
	test(`a bad link (${bad.name}) shows a clear message and enrolls nothing`, async ({ page }) => {
		await page.goto(`/enroll#${bad.fragment}`);
		const error = page.getByTestId('enroll-error');
		await expect(error).toBeVisible();
		await expect(error).toContainText('등록 링크가 올바르지 않아요');
		await expect(error).toContainText(bad.message);
		await expect(page.getByTestId('pin')).toHaveCount(0);
		const stored = await page.evaluate(
			() =>
				new Promise<unknown>((res) => {
					const r = indexedDB.open('motp');
					r.onsuccess = () => {
						const db = r.result;
						if (!db.objectStoreNames.contains('kv')) return res(undefined);
						const g = db.transaction('kv').objectStore('kv').get('vault');
						g.onsuccess = () => res(g.result);
					};
				})
		);
		expect(stored).toBeUndefined();
	});
}

test('adds a key by hand (with advanced settings) and by pasting a link', async ({ page }) => {
	await page.goto('/add');
	await page.getByLabel('발급처').fill('Manual');
	await page.getByLabel('계정 이름').fill('me');
	await page.getByLabel('비밀 키 (Base32)').fill('gezd gnbv gy3t qojq');
	await page.getByText('고급 설정').click();
	await page.getByLabel('알고리즘').selectOption('SHA256');
	await page.getByLabel('자릿수').selectOption('8');
	await page.getByLabel('주기(초)').fill('45');
	await page.getByRole('button', { name: '다음' }).nth(1).click();
	await typePin(page, PIN);
	await typePin(page, PIN);
	await expectCodeMatches(page, card(page, 'Manual').getByTestId('code'), {
		secret: 'GEZDGNBVGY3TQOJQ',
		algorithm: 'SHA256',
		digits: 8,
		period: 45
	});

	// One person, one device: the code screen offers no "add account"; other services' keys are added in settings.
	await expect(page.getByRole('link', { name: /추가|스캔/ })).toHaveCount(0);
	await page.getByRole('navigation').getByRole('link', { name: '설정' }).click();
	const otherKeys = page.getByRole('region', { name: '다른 서비스의 OTP 키' });
	await expect(otherKeys).toContainText('등록 초기화');
	await expect(otherKeys.getByRole('link', { name: '다른 서비스의 QR 코드 스캔' })).toHaveAttribute('href', '/scan');
	await otherKeys.getByRole('link', { name: '키 직접 추가' }).click();
	await page.getByLabel('otpauth:// 링크 붙여넣기').fill(LINKS[2].uri);
	await page.getByRole('button', { name: '다음' }).first().click();
	await page.getByTestId('confirm').click();
	await expect(page.getByTestId('code')).toHaveCount(2);
	await expectCodeMatches(page, card(page, LINKS[2].issuer).getByTestId('code'), LINKS[2].spec);

	// Bad base32 typed by hand is refused with the typed message.
	await page.goto('/add');
	await page.getByLabel('비밀 키 (Base32)').fill('not base32 at all 1!');
	await page.getByRole('button', { name: '다음' }).nth(1).click();
	await expect(page.getByRole('alert')).toContainText('쓸 수 없는 글자');
});

test.describe('before the app has started', () => {
	// page.route sees no request the service worker answers.
	test.use({ serviceWorkers: 'block' });

	test('the lock screen is in the first paint, and a PIN typed and entered before start-up unlocks', async ({ page }) => {
		await enrollUri(page, LINKS[0].uri);
		// Hold every script of the app back, so the page stays as the HTML and src/lib/light/early.js made it.
		let release!: () => void;
		const released = new Promise<void>((r) => (release = r));
		await page.route('**/_app/immutable/**/*.js', async (route) => {
			await released;
			await route.continue();
		});
		await page.goto('/', { waitUntil: 'commit' });
		const field = page.getByTestId('pin');
		await expect(field).toBeVisible();
		await expect(field).toBeFocused();
		await expect(page.getByText('불러오는 중…')).toBeHidden();
		// Key by key, then Enter: nothing of it may be lost, and Enter must not navigate.
		await field.pressSequentially(PIN);
		await field.press('Enter');
		await expect(field).toHaveValue(PIN);
		expect(new URL(page.url()).search).toBe('');
		release();
		await expect(page.getByTestId('code')).toBeVisible();
		await expectCodeMatches(page, page.getByTestId('code'), LINKS[0].spec);
		expect(new URL(page.url()).search).toBe('');
	});

	test('a fresh browser does not see a PIN form before the app has read its storage', async ({ page }) => {
		let release!: () => void;
		const released = new Promise<void>((r) => (release = r));
		await page.route('**/_app/immutable/**/*.js', async (route) => {
			await released;
			await route.continue();
		});
		await page.goto('/', { waitUntil: 'commit' });
		await expect(page.getByText('불러오는 중…')).toBeVisible();
		await expect(page.getByTestId('pin')).toBeHidden();
		release();
		await expect(page.getByTestId('pin')).toHaveCount(0);
	});
});

test('the lock screen opens the vault before the framework has loaded; a wrong PIN there is counted and said', async ({ page }) => {
	await enrollUri(page, LINKS[0].uri);
	const framework: string[] = [];
	page.on('request', (r) => {
		if (/\/_app\/immutable\/entry\/(start|app)\./.test(r.url())) framework.push(r.url());
	});
	await page.reload({ waitUntil: 'networkidle' });
	await expect(page.getByTestId('pin')).toBeVisible();
	// Nothing of SvelteKit or Svelte before the PIN (src/lib/light/lockStart.ts).
	expect(framework).toEqual([]);

	await typePin(page, '000000');
	await expect(page.getByText('PIN이 맞지 않아요. 4번 더 틀리면 등록이 초기화돼요.')).toBeVisible();
	expect(framework.length).toBeGreaterThan(0); // the app took over to say it
	await expect(page.getByTestId('pin')).toHaveValue('');
	await unlock(page);
	await expectCodeMatches(page, page.getByTestId('code'), LINKS[0].spec);
});

test('the right PIN on the light lock screen shows the codes, and the app is the app afterwards', async ({ page }) => {
	await enrollUri(page, LINKS[0].uri);
	await page.reload({ waitUntil: 'networkidle' });
	await unlock(page);
	await expectCodeMatches(page, page.getByTestId('code'), LINKS[0].spec);
	// The framework runs the rest: client-side navigation to settings and back keeps the session.
	await page.getByRole('navigation').getByRole('link', { name: '설정' }).click();
	await expect(page.getByRole('heading', { name: '설정' })).toBeVisible();
	await page.getByRole('navigation').getByRole('link', { name: '코드' }).click();
	await expect(page.getByTestId('code')).toBeVisible();
	await page.getByRole('button', { name: '잠그기' }).click();
	await expect(page.getByTestId('code')).toHaveCount(0);
	await expect(page.getByTestId('pin')).toBeVisible();
});
