import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { enrollUri, expectCodeMatches, PIN, typePin, unlock } from './support/app';
import { addViaLink, readVaultText } from './support/vaultRecord';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const URI = `otpauth://totp/HRDK:%ED%99%8D%EA%B8%B8%EB%8F%99?secret=${SECRET}&issuer=HRDK&period=60`;
const SPEC = { secret: SECRET, algorithm: 'SHA1', digits: 6, period: 60 } as const;
const NEW_PIN = '907315';

type Record = { version: number; generation: number; header: { keyId: string; slots: { type: string; id: string; salt?: string; wrapped: string }[] }; db: { accounts: { id: string; iv: string; secret: string }[] } };
const stored = async (page: Page): Promise<Record> => JSON.parse((await readVaultText(page))!) as Record;

test('the same secret twice (the same QR scanned again) is refused with a clear message, and stored once', async ({ page }) => {
	await enrollUri(page, URI);
	await page.evaluate((href) => {
		const a = document.createElement('a');
		a.href = href;
		document.querySelector('main')!.append(a);
		a.click();
	}, `/enroll#${URI.replace('HRDK:', 'Again:').replace('issuer=HRDK', 'issuer=Again')}`);
	await page.getByTestId('confirm').click();
	await expect(page.getByRole('alert')).toContainText('이미 이 기기에 등록되어 있어요');
	expect((await stored(page)).db.accounts).toHaveLength(1);
});

test('a PIN change re-keys: new PIN slot, new key id, every secret re-sealed, in one write', async ({ page }) => {
	await enrollUri(page, URI);
	await addViaLink(page, 'otpauth://totp/Other:x?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Other&period=30');
	const before = await stored(page);
	await page.getByRole('link', { name: '설정' }).click();
	await page.getByTestId('change-pin').click();
	await typePin(page, PIN);
	await typePin(page, NEW_PIN);
	await typePin(page, NEW_PIN);
	await expect(page.getByText('PIN을 바꿨어요.')).toBeVisible();
	const after = await stored(page);
	expect(after.generation).toBe(before.generation + 1);
	expect(after.header.keyId).not.toBe(before.header.keyId);
	expect(after.header.slots[0]!.salt).not.toBe(before.header.slots[0]!.salt);
	expect(after.db.accounts.map((a) => a.id)).toEqual(before.db.accounts.map((a) => a.id));
	after.db.accounts.forEach((a, i) => {
		expect(a.iv).not.toBe(before.db.accounts[i]!.iv);
		expect(a.secret).not.toBe(before.db.accounts[i]!.secret);
	});
	await page.goto('/');
	await unlock(page, NEW_PIN);
	await expectCodeMatches(page, page.getByTestId('code').first(), SPEC);
});

test.describe('no password manager is offered the PIN', () => {
	async function expectNotAPassword(page: Page): Promise<void> {
		const pin = page.getByTestId('pin');
		await expect(pin).toBeVisible();
		await expect(page.locator('input[type="password"]')).toHaveCount(0);
		await expect(pin).toHaveAttribute('type', 'text');
		await expect(pin).toHaveAttribute('autocomplete', 'off');
		await expect(pin).toHaveAttribute('inputmode', 'numeric');
		await expect(pin).toHaveAttribute('data-1p-ignore', ''); // 1Password
		await expect(pin).toHaveAttribute('data-lpignore', 'true'); // LastPass
		await expect(pin).toHaveAttribute('data-bwignore', ''); // Bitwarden
		await expect(pin).toHaveAttribute('data-form-type', 'other'); // Dashlane
		await expect(pin.locator('xpath=ancestor::form')).toHaveAttribute('autocomplete', 'off');
		// Still masked on screen.
		expect(await pin.evaluate((el) => getComputedStyle(el).getPropertyValue('-webkit-text-security'))).toBe('disc');
	}

	test('at enrollment, on the lock screen and at PIN change', async ({ page }) => {
		await page.goto(`/enroll#${URI}`);
		await expectNotAPassword(page);
		await typePin(page, PIN);
		await typePin(page, PIN);
		await expect(page.getByTestId('code')).toBeVisible();
		await page.reload();
		await expectNotAPassword(page);
		await unlock(page);
		await page.getByRole('link', { name: '설정' }).click();
		await page.getByTestId('change-pin').click();
		await expectNotAPassword(page);
	});
});

test.describe('common PINs get a warning and a second confirmation, not a refusal', () => {
	test('at enrollment: "choose another" starts over; "use it anyway" goes on to the repetition', async ({ page }) => {
		await page.goto(`/enroll#${URI}`);
		await typePin(page, '123456');
		const warning = page.getByTestId('common-pin');
		await expect(warning).toContainText('많이 쓰는 PIN이에요');
		expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);
		await warning.getByRole('button', { name: '다른 PIN 고르기' }).click();
		await expect(page.getByRole('heading', { name: '새 PIN 만들기' })).toBeVisible();
		await typePin(page, '111111');
		await warning.getByRole('button', { name: '그래도 이 PIN 쓰기' }).click();
		await expect(page.getByRole('heading', { name: 'PIN 한 번 더 입력' })).toBeVisible();
		await typePin(page, '111111');
		await expect(page.getByTestId('code')).toBeVisible();
		await page.reload();
		await unlock(page, '111111');
	});

	test('at PIN change', async ({ page }) => {
		await enrollUri(page, URI);
		await page.getByRole('link', { name: '설정' }).click();
		await page.getByTestId('change-pin').click();
		await typePin(page, PIN);
		await typePin(page, '000000');
		await expect(page.getByTestId('common-pin')).toBeVisible();
		await page.getByTestId('confirm').click();
		await typePin(page, '000000');
		await expect(page.getByText('PIN을 바꿨어요.')).toBeVisible();
		await page.goto('/');
		await unlock(page, '000000');
	});

	test('a PIN that is not common asks nothing more', async ({ page }) => {
		await page.goto(`/enroll#${URI}`);
		await typePin(page, PIN);
		await expect(page.getByTestId('common-pin')).toHaveCount(0);
		await expect(page.getByRole('heading', { name: 'PIN 한 번 더 입력' })).toBeVisible();
	});
});

test('a version-1 vault stored by main still opens, and its unlock re-wraps it under argon2id, with nothing lost', async ({ page }) => {
	const fixture = JSON.parse(readFileSync('tests/fixtures/vault-v1.json', 'utf8')) as {
		pin: string;
		integrityKeyHex: string;
		record: string;
		accounts: { issuer: string; secret: string; algorithm: 'SHA1' | 'SHA256'; digits: number; period: number }[];
	};
	await page.goto('/');
	await expect(page.getByRole('heading', { name: '원격훈련 본인인증 mOTP' })).toBeVisible();
	// What main left in IndexedDB: the version-1 record and its device key (imported non-extractable).
	await page.evaluate(
		async ({ record, keyHex }) => {
			const raw = new Uint8Array(keyHex.match(/../g)!.map((h) => parseInt(h, 16)));
			const key = await crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
			await new Promise<void>((res, rej) => {
				const r = indexedDB.open('motp');
				r.onsuccess = () => {
					const tx = r.result.transaction('kv', 'readwrite');
					tx.objectStore('kv').put(record, 'vault');
					tx.objectStore('kv').put(key, 'integrityKey');
					tx.oncomplete = () => (r.result.close(), res());
					tx.onerror = () => rej(tx.error);
				};
			});
		},
		{ record: fixture.record, keyHex: fixture.integrityKeyHex }
	);
	const fallbacks: string[] = [];
	page.on('console', (m) => void (m.text().includes('JavaScript fallback') && fallbacks.push(m.text())));
	await page.reload();
	await unlock(page, fixture.pin);
	const codes = page.getByTestId('code');
	await expect(codes).toHaveCount(2);
	for (const [i, a] of fixture.accounts.entries()) await expectCodeMatches(page, codes.nth(i), a);
	// The unlock re-wrapped the scrypt slot under argon2id (version 3, one write), keeping everything else.
	const before = JSON.parse(fixture.record) as Record;
	const upgraded = await stored(page);
	expect(upgraded.version).toBe(3);
	expect(upgraded.generation).toBe(1);
	expect(upgraded.header.slots[0]).toMatchObject({ type: 'pin', id: before.header.slots[0]!.id, kdf: { name: 'argon2id', m: 19456, t: 2, p: 1 } });
	expect(upgraded.header.slots[0]!.salt).not.toBe(before.header.slots[0]!.salt);
	expect(upgraded.header.slots[1]).toEqual(before.header.slots[1]);
	expect(upgraded.db).toEqual(before.db);
	// The new slot opens with the same PIN, in a fresh page (argon2id in the worker now).
	await page.reload();
	await unlock(page, fixture.pin);
	await expect(page.getByTestId('code')).toHaveCount(2);
	for (const [i, a] of fixture.accounts.entries()) await expectCodeMatches(page, page.getByTestId('code').nth(i), a);
	expect((await stored(page)).generation).toBe(1); // a current slot: unlocking writes nothing
	await addViaLink(page, 'otpauth://totp/New:y?secret=KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU&issuer=New&period=30');
	const after = await stored(page);
	expect(after.version).toBe(3);
	expect(after.generation).toBe(2);
	expect(after.db.accounts).toHaveLength(3);
	expect(fallbacks).toEqual([]); // the worker ran every derivation
	await page.reload();
	await unlock(page, fixture.pin);
	await expect(page.getByTestId('code')).toHaveCount(3);
	for (const [i, a] of fixture.accounts.entries()) await expectCodeMatches(page, page.getByTestId('code').nth(i), a);
});

test.describe('the PIN KDF runs in a worker, with a fallback', () => {
	// page.route does not see what a service worker answers; these tests watch the worker's requests.
	test.use({ serviceWorkers: 'block' });

	test('each derivation starts a worker from /_app/immutable/workers/ and ends it; no fallback', async ({ page }) => {
		const started: string[] = [];
		let closed = 0;
		page.on('worker', (w) => {
			started.push(new URL(w.url()).pathname);
			w.on('close', () => closed++);
		});
		const warnings: string[] = [];
		page.on('console', (m) => void (m.type() === 'warning' && warnings.push(m.text())));
		await enrollUri(page, URI);
		await expectCodeMatches(page, page.getByTestId('code').first(), SPEC);
		await page.reload();
		await unlock(page);
		await expectCodeMatches(page, page.getByTestId('code').first(), SPEC);
		const kdfWorkers = started.filter((p) => /^\/_app\/immutable\/workers\/kdf\.worker-[\w-]+\.js$/.test(p));
		expect(kdfWorkers.length).toBe(2); // one for the new PIN, one for the unlock after the reload
		await expect.poll(() => closed).toBeGreaterThanOrEqual(2);
		expect(warnings.filter((w) => w.includes('PIN KDF'))).toEqual([]);
	});

	test('a worker that cannot load: the JavaScript KDF derives the same key, the reason is logged, and the page still refuses WebAssembly', async ({ page }) => {
		await page.route('**/_app/immutable/workers/kdf.worker-*.js', (route) => route.abort('blockedbyclient'));
		const warnings: string[] = [];
		page.on('console', (m) => void (m.text().includes('PIN KDF') && warnings.push(m.text())));
		await enrollUri(page, URI);
		await expectCodeMatches(page, page.getByTestId('code').first(), SPEC);
		expect(warnings.some((w) => w.includes('KDF') && w.includes('JavaScript fallback'))).toBe(true);
		// The vault it wrote is an ordinary argon2id vault: the worker opens it once it loads again.
		expect(JSON.parse((await readVaultText(page))!).header.slots[0].kdf).toEqual({ name: 'argon2id', m: 19456, t: 2, p: 1 });
		await page.unroute('**/_app/immutable/workers/kdf.worker-*.js');
		warnings.length = 0;
		await page.reload();
		await unlock(page);
		await expectCodeMatches(page, page.getByTestId('code').first(), SPEC);
		expect(warnings).toEqual([]);
		// The fallback never moved WebAssembly into the page.
		expect(await page.evaluate(() => WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])).then(() => 'compiled', (e: Error) => e.name))).toBe('CompileError');
	});
});
