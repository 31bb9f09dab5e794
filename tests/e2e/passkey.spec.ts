import AxeBuilder from '@axe-core/playwright';
import { expect, test, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { enrollUri, expectCodeMatches, PIN, typePin, unlock } from './support/app';

/**
 * Passkey unlock (issue 4) against Chromium's virtual authenticators over CDP: the real
 * WebAuthn stack, PRF / hmac-secret included. The RP ID is the host name, so the tests run on
 * http://localhost (a secure context), never on an IP address.
 */

const MOTP = {
	uri: 'otpauth://totp/HRDK:%ED%99%8D%EA%B8%B8%EB%8F%99?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=HRDK&period=60',
	spec: { secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 60 }
} as const;

// CDP's WebAuthn types, taken from CDPSession.send (playwright-core does not export its Protocol types).
declare const cdpSession: CDPSession;
type Options = NonNullable<Parameters<typeof cdpSession.send<'WebAuthn.addVirtualAuthenticator'>>[1]>['options'];
type VirtualCredential = Awaited<ReturnType<typeof cdpSession.send<'WebAuthn.getCredentials'>>>['credentials'][number];
const BASE: Options = {
	protocol: 'ctap2',
	transport: 'internal',
	hasResidentKey: true,
	hasUserVerification: true,
	isUserVerified: true,
	automaticPresenceSimulation: true
};
/** A phone's or laptop's built-in authenticator: PRF answers already at registration. */
const PLATFORM: Options = { ...BASE, transport: 'internal', hasPrf: true };
/** A USB security key with CTAP2 hmac-secret: PRF answers only in assertions. */
const SECURITY_KEY: Options = { ...BASE, transport: 'usb', hasHmacSecret: true };
/** A built-in authenticator without PRF. */
const NO_PRF: Options = { ...BASE, transport: 'internal' };

interface Authenticator {
	cdp: CDPSession;
	id: string;
	credentials(): Promise<VirtualCredential[]>;
}

async function addAuthenticator(context: BrowserContext, page: Page, options: Options): Promise<Authenticator> {
	const cdp = await context.newCDPSession(page);
	await cdp.send('WebAuthn.enable');
	const { authenticatorId: id } = await cdp.send('WebAuthn.addVirtualAuthenticator', { options });
	return { cdp, id, credentials: async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId: id })).credentials };
}

/** Counts the page's WebAuthn ceremonies (calls through to the real API; replaces nothing). */
async function countCeremonies(page: Page): Promise<void> {
	await page.addInitScript(() => {
		const calls = { create: 0, get: 0 };
		(window as unknown as { __ceremonies: typeof calls }).__ceremonies = calls;
		const c = navigator.credentials;
		const create = c.create.bind(c);
		const get = c.get.bind(c);
		c.create = (o) => (calls.create++, create(o));
		c.get = (o) => (calls.get++, get(o));
	});
}
const ceremonies = (page: Page) => page.evaluate(() => (window as unknown as { __ceremonies: { create: number; get: number } }).__ceremonies);

/** From the unlocked code screen: settings (client-side, so the session stays open). */
async function openSettings(page: Page): Promise<void> {
	await page.getByRole('link', { name: '설정' }).click();
	await expect(page.getByRole('heading', { name: '설정', level: 1 })).toBeVisible();
}

/** Settings → 패스키 추가 → PIN → ceremony. */
async function startAddPasskey(page: Page, pin = PIN): Promise<void> {
	await page.getByTestId('add-passkey').click();
	await expect(page.getByRole('heading', { name: '패스키 추가', level: 1 })).toBeVisible();
	await typePin(page, pin);
}

async function addPasskey(page: Page): Promise<void> {
	const before = await page.getByTestId('passkey-slot').count();
	await startAddPasskey(page);
	await expect(page.getByRole('status')).toContainText('패스키를 추가했어요');
	await expect(page.getByTestId('passkey-slot')).toHaveCount(before + 1);
}

/** Reopens the app: a fresh page load shows the lock screen. */
async function reopen(page: Page): Promise<void> {
	await page.goto('/');
	await expect(page.getByTestId('pin')).toBeVisible();
}

/** Unlocks with the PIN and checks the code against the independent implementation. */
async function expectPinStillWorks(page: Page): Promise<void> {
	await expect(page.getByTestId('pin')).toBeEnabled();
	await unlock(page);
	await expectCodeMatches(page, page.getByTestId('code'), MOTP.spec);
}

const axeViolations = async (page: Page) => (await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.help}`);

for (const { name, options, getsAtRegistration } of [
	{ name: "a platform authenticator ('internal', PRF)", options: PLATFORM, getsAtRegistration: 0 },
	{ name: "a security key ('usb', hmac-secret: PRF only in assertions)", options: SECURITY_KEY, getsAtRegistration: 1 }
]) {
	test(`adds a passkey and unlocks with it alone after a reload: ${name}`, async ({ page, context }) => {
		const authenticator = await addAuthenticator(context, page, options);
		await countCeremonies(page);
		await enrollUri(page, MOTP.uri);
		await openSettings(page);
		expect(await axeViolations(page)).toEqual([]);
		await addPasskey(page);
		// Registration, plus ONE assertion where the authenticator gives no PRF result at creation.
		expect(await ceremonies(page)).toEqual({ create: 1, get: getsAtRegistration });
		expect(await authenticator.credentials()).toHaveLength(1);
		expect(await axeViolations(page)).toEqual([]);

		await page.reload();
		await reopen(page);
		expect(await axeViolations(page)).toEqual([]);
		await page.getByTestId('unlock-passkey').click();
		await expectCodeMatches(page, page.getByTestId('code'), MOTP.spec);
		expect(await ceremonies(page)).toEqual({ create: 0, get: 1 });
		await expect(page.getByTestId('pin')).toHaveCount(0);
	});
}

test('a cancelled passkey prompt says so and leaves the PIN path working', async ({ page, context }) => {
	const authenticator = await addAuthenticator(context, page, PLATFORM);
	await enrollUri(page, MOTP.uri);
	await openSettings(page);
	await addPasskey(page);
	await reopen(page);
	// Chromium rejects the ceremony with NotAllowedError when user verification fails, exactly
	// as when the person cancels the fingerprint prompt.
	await authenticator.cdp.send('WebAuthn.setUserVerified', { authenticatorId: authenticator.id, isUserVerified: false });
	await page.getByTestId('unlock-passkey').click();
	await expect(page.getByTestId('passkey-error')).toContainText('확인을 취소했거나 시간이 지났어요');
	await expect(page.getByTestId('unlock-passkey')).toBeEnabled();
	// Not a PIN strike: no "attempts left" warning.
	await expect(page.getByText('PIN이 맞지 않아요')).toHaveCount(0);
	await expectPinStillWorks(page);
});

test('a cancelled registration adds no slot, and a second passkey on the same authenticator is refused', async ({ page, context }) => {
	const authenticator = await addAuthenticator(context, page, PLATFORM);
	await enrollUri(page, MOTP.uri);
	await openSettings(page);
	await authenticator.cdp.send('WebAuthn.setUserVerified', { authenticatorId: authenticator.id, isUserVerified: false });
	await startAddPasskey(page);
	await expect(page.getByRole('alert')).toContainText('패스키를 만들지 않았어요');
	expect(await authenticator.credentials()).toHaveLength(0);

	// After a failed verification Chromium's virtual authenticator refuses every later one (like a
	// blocked fingerprint sensor), so the retry uses a fresh authenticator.
	await authenticator.cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: authenticator.id });
	const fresh = await addAuthenticator(context, page, PLATFORM);
	await typePin(page, PIN);
	await expect(page.getByRole('status')).toContainText('패스키를 추가했어요');
	await startAddPasskey(page);
	await expect(page.getByRole('alert')).toContainText('이미 이 앱의 패스키가 있어요');
	await page.getByRole('button', { name: '취소' }).click();
	await expect(page.getByTestId('passkey-slot')).toHaveCount(1);
	expect(await fresh.credentials()).toHaveLength(1);
});

test('a wrong PIN adds no slot, counts as a strike, and the new passkey is forgotten again', async ({ page, context }) => {
	const authenticator = await addAuthenticator(context, page, PLATFORM);
	await enrollUri(page, MOTP.uri);
	await openSettings(page);
	await startAddPasskey(page, '000000');
	await expect(page.getByRole('alert')).toContainText('PIN이 맞지 않아요. 4번 더 틀리면');
	await page.getByRole('button', { name: '취소' }).click();
	await expect(page.getByTestId('passkey-slot')).toHaveCount(0);
	// signalUnknownCredential: Chromium deletes it from the authenticator.
	expect(await authenticator.credentials()).toHaveLength(0);
});

test('an authenticator without PRF: the passkey is not added, the reason is given, and no passkey unlock is offered', async ({ page, context }) => {
	const authenticator = await addAuthenticator(context, page, NO_PRF);
	await enrollUri(page, MOTP.uri);
	await openSettings(page);
	await startAddPasskey(page);
	await expect(page.getByRole('alert')).toContainText('잠금을 푸는 기능(PRF)을 지원하지 않아서 추가하지 않았어요');
	await page.getByRole('button', { name: '취소' }).click();
	await expect(page.getByTestId('passkey-slot')).toHaveCount(0);
	expect(await authenticator.credentials()).toHaveLength(0);
	await reopen(page);
	await expect(page.getByTestId('unlock-passkey')).toHaveCount(0);
	await expectPinStillWorks(page);
});

test('a passkey deleted from the password manager: a clear message, and the PIN works', async ({ page, context }) => {
	const authenticator = await addAuthenticator(context, page, PLATFORM);
	await enrollUri(page, MOTP.uri);
	await openSettings(page);
	await addPasskey(page);
	await authenticator.cdp.send('WebAuthn.clearCredentials', { authenticatorId: authenticator.id });
	await reopen(page);
	await page.getByTestId('unlock-passkey').click();
	await expect(page.getByTestId('passkey-error')).toContainText('비밀번호 관리자에서 패스키를 지웠다면');
	await expectPinStillWorks(page);
});

test('a copy of the passkey that cannot evaluate the PRF (moved to another device) is refused clearly', async ({ page, context }) => {
	const first = await addAuthenticator(context, page, PLATFORM);
	await enrollUri(page, MOTP.uri);
	await openSettings(page);
	await addPasskey(page);
	// The same credential (id and private key) on another authenticator, without its PRF secret.
	const [credential] = await first.credentials();
	await first.cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: first.id });
	const second = await addAuthenticator(context, page, PLATFORM);
	await second.cdp.send('WebAuthn.addCredential', { authenticatorId: second.id, credential: { ...credential!, signCount: 0 } });
	await reopen(page);
	await page.getByTestId('unlock-passkey').click();
	await expect(page.getByTestId('passkey-error')).toContainText('이 패스키가 잠금을 푸는 값을 주지 않았어요');
	await expectPinStillWorks(page);
});

test('a credential that does not open its slot fails clearly instead of showing wrong codes', async ({ page, context }) => {
	await addAuthenticator(context, page, SECURITY_KEY);
	await enrollUri(page, MOTP.uri);
	await openSettings(page);
	await addPasskey(page);
	// A storage writer holding the device key points the slot at another PRF input and re-signs
	// the record: the passkey now yields a key of another vault. AES-GCM must refuse it.
	await page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((res, rej) => {
			const r = indexedDB.open('motp');
			r.onsuccess = () => res(r.result);
			r.onerror = () => rej(r.error);
		});
		const request = <T,>(r: IDBRequest<T>) => new Promise<T>((res, rej) => ((r.onsuccess = () => res(r.result)), (r.onerror = () => rej(r.error))));
		const store = (mode: IDBTransactionMode) => db.transaction('kv', mode).objectStore('kv');
		const text = (await request(store('readonly').get('vault'))) as string;
		const key = (await request(store('readonly').get('integrityKey'))) as CryptoKey;
		const b64u = (b: Uint8Array) => btoa(String.fromCharCode(...b)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
		const vault = JSON.parse(text);
		const slot = vault.header.slots.find((s: { type: string }) => s.type === 'passkey');
		slot.prfSalt = b64u(crypto.getRandomValues(new Uint8Array(32)));
		delete vault.mac;
		const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(JSON.stringify(vault)));
		vault.mac = b64u(new Uint8Array(mac));
		await request(store('readwrite').put(JSON.stringify(vault), 'vault'));
		db.close();
	});
	await reopen(page);
	await page.getByTestId('unlock-passkey').click();
	await expect(page.getByTestId('passkey-error')).toContainText('이 패스키는 이 기기의 등록과 맞지 않아요');
	await expect(page.getByTestId('code')).toHaveCount(0);
	await expectPinStillWorks(page);
});

test('removing a passkey slot: it is gone from the vault, the lock screen and the authenticator', async ({ page, context }) => {
	const authenticator = await addAuthenticator(context, page, PLATFORM);
	await enrollUri(page, MOTP.uri);
	await openSettings(page);
	await addPasskey(page);
	await addAuthenticator(context, page, SECURITY_KEY);
	await addPasskey(page);
	const slots = page.getByTestId('passkey-slot');
	await slots.first().getByTestId('remove-passkey').click();
	await slots.first().getByTestId('confirm').click();
	await expect(page.getByRole('status')).toContainText('패스키를 삭제했어요');
	await expect(slots).toHaveCount(1);
	await expect.poll(() => authenticator.credentials()).toHaveLength(0);

	// The other passkey still unlocks.
	await reopen(page);
	await page.getByTestId('unlock-passkey').click();
	await expectCodeMatches(page, page.getByTestId('code'), MOTP.spec);
	await openSettings(page);
	await page.getByTestId('remove-passkey').click();
	await page.getByTestId('confirm').click();
	await expect(page.getByTestId('passkey-slot')).toHaveCount(0);
	await reopen(page);
	await expect(page.getByTestId('unlock-passkey')).toHaveCount(0);
	await expectPinStillWorks(page);
});

test('a reset removes every passkey slot', async ({ page, context }) => {
	const authenticator = await addAuthenticator(context, page, PLATFORM);
	await enrollUri(page, MOTP.uri);
	await openSettings(page);
	await addPasskey(page);
	await expect(page.getByTestId('passkey-section')).toBeVisible();
	await page.getByTestId('reset').click();
	await page.getByTestId('confirm').click();
	await expect(page.getByRole('heading', { name: '원격훈련 본인인증 mOTP' })).toBeVisible();
	await expect.poll(() => authenticator.credentials()).toHaveLength(0);

	await enrollUri(page, MOTP.uri);
	await openSettings(page);
	await expect(page.getByTestId('passkey-slot')).toHaveCount(0);
	await reopen(page);
	await expect(page.getByTestId('unlock-passkey')).toHaveCount(0);
	await expectPinStillWorks(page);
});

for (const { name, script } of [
	{
		name: 'the browser reports no PRF (getClientCapabilities)',
		script: () => {
			PublicKeyCredential.getClientCapabilities = async () => ({ 'extension:prf': false }) as PublicKeyCredentialClientCapabilities;
		}
	},
	{
		name: 'the browser has no WebAuthn at all',
		script: () => {
			delete (window as { PublicKeyCredential?: unknown }).PublicKeyCredential;
		}
	}
]) {
	test(`where PRF is unavailable it says so and offers nothing: ${name}`, async ({ page, context }) => {
		await addAuthenticator(context, page, PLATFORM);
		await enrollUri(page, MOTP.uri);
		await openSettings(page);
		await addPasskey(page);
		// From the next page load on, this is an older browser.
		await page.addInitScript(script);
		await reopen(page);
		await expect(page.getByTestId('passkey-unavailable')).toContainText('이 브라우저에서는 패스키로 열 수 없어요');
		await expect(page.getByTestId('unlock-passkey')).toHaveCount(0);
		await expectPinStillWorks(page);
		await openSettings(page);
		await expect(page.getByTestId('passkey-unsupported')).toContainText('PRF');
		await expect(page.getByTestId('add-passkey')).toHaveCount(0);
		await expect(page.getByTestId('passkey-slot')).toHaveCount(1);
	});
}
