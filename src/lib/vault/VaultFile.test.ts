import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url, utf8 } from '../crypto/bytes';
import { accountInput, asVersion2Text, decodeCurrent, makeFixtureVault, SCRYPT_DEFAULT } from './fixtures.testing';
import { generateIntegrityKey } from './IntegrityKey';
import { decodeVaultFile, encodeVaultFile, signVaultFile, verifyVaultFile, type VaultFile } from './VaultFile';
import { VaultError, type VaultErrorCode } from './VaultError';

/** Decodes and verifies; returns the error code, or 'OK'. */
async function load(text: string, key: CryptoKey): Promise<VaultErrorCode | 'OK'> {
	try {
		await verifyVaultFile(decodeVaultFile(text), key);
		return 'OK';
	} catch (e) {
		if (e instanceof VaultError) return e.code;
		throw e;
	}
}

/** Re-serialises a JSON-level edit of an encoded record. */
function edit(text: string, change: (o: Record<string, any>) => void): string {
	const o = JSON.parse(text);
	change(o);
	return JSON.stringify(o);
}

const code = (fn: () => unknown) => {
	try {
		fn();
		return 'OK';
	} catch (e) {
		if (e instanceof VaultError) return e.code;
		throw e;
	}
};

describe('encodeVaultFile / decodeVaultFile', () => {
	it('round-trips, and the encoding is canonical', async () => {
		const { file } = await makeFixtureVault({ passkey: true });
		const text = encodeVaultFile(file);
		const decoded = decodeCurrent(text);
		expect(decoded).toEqual(file);
		expect(encodeVaultFile(decoded)).toBe(text);
		expect(text).toMatch(/^\{"version":3,"generation":1,"header":\{"keyId":"[\w-]{22}","slots":\[\{"type":"pin","id":"pin-slot","kdf":\{"name":"argon2id","m":19456,"t":2,"p":1\},"salt":"[\w-]{22}","wrapped":"[\w-]{43}","check":\d+\},/);
		expect(text).toMatch(/\{"type":"passkey","id":"passkey-slot","credentialId":"[\w-]+","prfSalt":"[\w-]{43}","iv":"[\w-]{16}","wrapped":"[\w-]{64}","createdAt":1700000000000\}/);
		expect(text).toMatch(/"db":\{"accounts":\[\{"id":"[\w-]{22}","issuer":"HRDK","account":"홍길동 a","algorithm":"SHA1","digits":6,"period":60,"iv":"[\w-]{22}","secret":"[\w-]{27}","addedAt":1700000000000\},/);
		expect(text).toMatch(/,"mac":"[\w-]{43}"\}$/);
	});

	it('encodes independently of the in-memory key order', async () => {
		const { file } = await makeFixtureVault();
		const shuffled = JSON.parse(JSON.stringify(file), (_, v) =>
			v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v
		) as VaultFile;
		expect(Object.keys(shuffled)[0]).toBe('mac');
		expect(encodeVaultFile(shuffled)).toBe(encodeVaultFile(file));
	});

	it('MACs exactly the encoding without its mac field (HMAC-SHA256 under the device key)', async () => {
		const raw = globalThis.crypto.getRandomValues(new Uint8Array(32));
		const key = await globalThis.crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
		const { file } = await makeFixtureVault({ integrityKey: key });
		const text = encodeVaultFile(file);
		const unsigned = text.replace(/,"mac":"[\w-]+"\}$/, '}');
		const mac = await globalThis.crypto.subtle.sign('HMAC', key, utf8(unsigned));
		expect(file.mac).toBe(toBase64Url(new Uint8Array(mac)));
	});
});

describe('verifyVaultFile', () => {
	it('accepts the record under its key and refuses it under another', async () => {
		const { file, integrityKey } = await makeFixtureVault();
		await expect(verifyVaultFile(file, integrityKey)).resolves.toBeUndefined();
		await expect(verifyVaultFile(file, await generateIntegrityKey())).rejects.toMatchObject({ code: 'VAULT_TAMPERED' });
	});

	it.each<[string, (o: Record<string, any>) => void]>([
		['digits 6 → 8', (o) => (o.db.accounts[0].digits = 8)],
		['period 60 → 30', (o) => (o.db.accounts[0].period = 30)],
		['issuer renamed', (o) => (o.db.accounts[0].issuer = 'Evil')],
		['secrets swapped between accounts', (o) => {
			const [a, b] = o.db.accounts;
			[a.secret, b.secret, a.iv, b.iv] = [b.secret, a.secret, b.iv, a.iv];
		}],
		['accounts reordered', (o) => o.db.accounts.reverse()],
		['an account removed', (o) => o.db.accounts.pop()],
		['the passkey slot removed', (o) => o.header.slots.pop()],
		['check byte changed', (o) => (o.header.slots[0].check = (o.header.slots[0].check + 1) % 256)],
		['kdf raised', (o) => (o.header.slots[0].kdf.m = 2 ** 16)],
		['kdf passes raised', (o) => (o.header.slots[0].kdf.t = 3)],
		['mac replaced', (o) => (o.mac = toBase64Url(new Uint8Array(32)))]
	])('refuses a record with %s as VAULT_TAMPERED', async (_, change) => {
		const { file, integrityKey } = await makeFixtureVault({ passkey: true });
		expect(await load(edit(encodeVaultFile(file), change), integrityKey)).toBe('VAULT_TAMPERED');
	});

	it('refuses a non-HMAC key with TypeError', async () => {
		const { file } = await makeFixtureVault();
		const aes = await globalThis.crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt']);
		await expect(verifyVaultFile(file, aes)).rejects.toThrow(TypeError);
		await expect(signVaultFile(file, aes)).rejects.toThrow(TypeError);
		await expect(verifyVaultFile(file, null as unknown as CryptoKey)).rejects.toThrow(TypeError);
	});
});

describe('tampering with the stored text', () => {
	const ALLOWED = ['VAULT_TAMPERED', 'VAULT_CORRUPT', 'VAULT_UNSUPPORTED_VERSION', 'VAULT_KDF_TOO_WEAK'];

	it('refuses every single-character change (two substitutes per position)', async () => {
		const { file, integrityKey } = await makeFixtureVault({ passkey: true });
		const text = encodeVaultFile(file);
		const seen = new Map<string, number>();
		for (let i = 0; i < text.length; i++) {
			const c = text.charCodeAt(i);
			for (const sub of [c ^ 1, c === 0x41 ? 0x42 : 0x41]) {
				const result = await load(text.slice(0, i) + String.fromCharCode(sub) + text.slice(i + 1), integrityKey);
				expect(ALLOWED, `position ${i}`).toContain(result);
				seen.set(result, (seen.get(result) ?? 0) + 1);
			}
		}
		console.log(`single-character edits of a ${text.length}-character record:`, Object.fromEntries(seen));
	});

	it('refuses every single-bit flip of the UTF-8 bytes', async () => {
		const { file, integrityKey } = await makeFixtureVault();
		const bytes = utf8(encodeVaultFile(file));
		const decoder = new TextDecoder();
		for (let i = 0; i < bytes.length; i++) {
			for (const bit of [0x01, 0x80]) {
				const copy = new Uint8Array(bytes);
				copy[i]! ^= bit;
				expect(ALLOWED, `byte ${i}`).toContain(await load(decoder.decode(copy), integrityKey));
			}
		}
	});

	it('refuses every truncation as VAULT_CORRUPT', async () => {
		const { file } = await makeFixtureVault();
		const text = encodeVaultFile(file);
		for (let n = 0; n < text.length; n++) expect(code(() => decodeVaultFile(text.slice(0, n))), `length ${n}`).toBe('VAULT_CORRUPT');
	});

	it('refuses a downgraded KDF even when the MAC is valid (the attacker may hold the device key)', async () => {
		const { file, integrityKey } = await makeFixtureVault();
		const pin = file.header.slots[0]!;
		const weak = { ...pin, kdf: { name: 'scrypt' as const, N: 2 ** 10, r: 8, p: 1 } };
		const resigned = await signVaultFile({ ...file, header: { keyId: file.header.keyId, slots: [weak] } }, integrityKey);
		expect(code(() => decodeVaultFile(encodeVaultFile(resigned)))).toBe('VAULT_KDF_TOO_WEAK');
	});
});

describe('versions', () => {
	it.each([4, 999, 2 ** 40])('refuses version %s as VAULT_UNSUPPORTED_VERSION, whatever else the record holds', async (v) => {
		const { file } = await makeFixtureVault();
		expect(code(() => decodeVaultFile(edit(encodeVaultFile(file), (o) => (o.version = v))))).toBe('VAULT_UNSUPPORTED_VERSION');
		expect(code(() => decodeVaultFile(JSON.stringify({ version: v, vault: 'some future shape' })))).toBe('VAULT_UNSUPPORTED_VERSION');
	});

	it('reads a version-2 record (scrypt PIN slot) as version 2, with its version-2 MAC', async () => {
		const { file, integrityKey } = await makeFixtureVault({ kdf: SCRYPT_DEFAULT, passkey: true });
		const text = await asVersion2Text(file, integrityKey);
		expect(text.startsWith('{"version":2,"generation":1,')).toBe(true);
		const decoded = decodeVaultFile(text);
		expect(decoded.version).toBe(2);
		await expect(verifyVaultFile(decoded, integrityKey)).resolves.toBeUndefined();
		expect(decoded.header.slots[0]).toEqual(file.header.slots[0]);
	});

	it('refuses an argon2id PIN slot in a version-2 record (version 2 defines scrypt only)', async () => {
		const { file } = await makeFixtureVault();
		expect(code(() => decodeVaultFile(edit(encodeVaultFile(file), (o) => (o.version = 2))))).toBe('VAULT_CORRUPT');
	});

	// 1 on a version-3 record: the version-1 shape has no generation or keyId, so it is corrupt.
	it.each([0, -1, 1, 1.5, '1', '2', null, true, undefined])('refuses version %j as VAULT_CORRUPT', async (v) => {
		const { file } = await makeFixtureVault();
		expect(code(() => decodeVaultFile(edit(encodeVaultFile(file), (o) => (o.version = v))))).toBe('VAULT_CORRUPT');
	});
});

describe('the PIN slot KDF as stored', () => {
	const withKdf = async (kdf: unknown) => {
		const { file } = await makeFixtureVault();
		return code(() => decodeVaultFile(edit(encodeVaultFile(file), (o) => (o.header.slots[0].kdf = kdf))));
	};

	it.each<[unknown, VaultErrorCode | 'OK']>([
		[{ name: 'argon2id', m: 19456, t: 2, p: 1 }, 'OK'],
		[{ name: 'argon2id', m: 65536, t: 3, p: 1 }, 'OK'],
		[{ name: 'scrypt', N: 65536, r: 8, p: 2 }, 'OK'],
		[{ name: 'argon2id', m: 19455, t: 2, p: 1 }, 'VAULT_KDF_TOO_WEAK'],
		[{ name: 'argon2id', m: 47104, t: 1, p: 1 }, 'VAULT_KDF_TOO_WEAK'], // OWASP's m=46 MiB t=1 line is below our t ≥ 2 floor
		[{ name: 'argon2id', m: 19456, t: 2, p: 0 }, 'VAULT_KDF_TOO_WEAK'],
		[{ name: 'argon2id', m: 4096, t: 64, p: 1 }, 'VAULT_KDF_TOO_WEAK'],
		[{ name: 'argon2id', m: 262145, t: 2, p: 1 }, 'VAULT_CORRUPT'], // above 256 MiB: a denial of service
		[{ name: 'argon2id', m: 262144, t: 8, p: 1 }, 'VAULT_CORRUPT'], // m·t above 2^20
		[{ name: 'argon2id', m: 19456, t: 65, p: 1 }, 'VAULT_CORRUPT'],
		[{ name: 'argon2id', m: 19456, t: 2, p: 17 }, 'VAULT_CORRUPT'],
		[{ name: 'argon2id', m: 19456.5, t: 2, p: 1 }, 'VAULT_CORRUPT'],
		[{ name: 'argon2id', m: '19456', t: 2, p: 1 }, 'VAULT_CORRUPT'],
		[{ name: 'argon2id', m: 19456, t: 2 }, 'VAULT_CORRUPT'],
		[{ name: 'argon2id', m: 19456, t: 2, p: 1, N: 65536 }, 'VAULT_CORRUPT'], // no mixed shapes
		[{ name: 'argon2id', N: 65536, r: 8, p: 2 }, 'VAULT_CORRUPT'],
		[{ name: 'scrypt', m: 19456, t: 2, p: 1 }, 'VAULT_CORRUPT'],
		[{ name: 'argon2i', m: 19456, t: 2, p: 1 }, 'VAULT_CORRUPT'],
		[{ name: 'Argon2id', m: 19456, t: 2, p: 1 }, 'VAULT_CORRUPT']
	])('%j → %s', async (kdf, expected) => {
		expect(await withKdf(kdf)).toBe(expected);
	});

	it('writes argon2id parameters in the canonical order name, m, t, p', async () => {
		const { file } = await makeFixtureVault();
		const shuffled = edit(encodeVaultFile(file), (o) => (o.header.slots[0].kdf = { p: 1, t: 2, m: 19456, name: 'argon2id' }));
		expect(encodeVaultFile(decodeCurrent(shuffled))).toContain('"kdf":{"name":"argon2id","m":19456,"t":2,"p":1}');
	});
});

describe('decodeVaultFile refuses malformed records as VAULT_CORRUPT', () => {
	it.each([
		['an empty string', ''],
		['not JSON', 'vault'],
		['JSON null', 'null'],
		['a JSON array', '[1]'],
		['a JSON string', '"{}"'],
		['an empty object', '{}']
	])('%s', (_, text) => expect(code(() => decodeVaultFile(text))).toBe('VAULT_CORRUPT'));

	it('a non-string', () => expect(code(() => decodeVaultFile(42 as unknown as string))).toBe('VAULT_CORRUPT'));

	it('a record beyond 256 KiB, even if otherwise valid', async () => {
		const { file } = await makeFixtureVault();
		const text = encodeVaultFile(file);
		expect(code(() => decodeVaultFile(text + ' '.repeat(256 * 1024)))).toBe('VAULT_CORRUPT');
	});

	it.each<[string, (o: Record<string, any>) => void]>([
		['no PIN slot', (o) => (o.header.slots = o.header.slots.filter((s: any) => s.type !== 'pin'))],
		['two PIN slots', (o) => o.header.slots.push({ ...o.header.slots[0], id: 'second' })],
		['duplicate slot ids', (o) => (o.header.slots[1].id = o.header.slots[0].id)],
		['duplicate credential ids', (o) => o.header.slots.push({ ...o.header.slots[1], id: 'another' })],
		['nine passkey slots', (o) => {
			for (let i = 0; i < 8; i++) o.header.slots.push({ ...o.header.slots[1], id: `p${i}`, credentialId: `AAA${i}` });
		}],
		['duplicate account ids', (o) => (o.db.accounts[1].id = o.db.accounts[0].id)],
		['51 accounts', (o) => {
			for (let i = 0; o.db.accounts.length < 51; i++) o.db.accounts.push({ ...o.db.accounts[0], id: `a${i}` });
		}],
		['an unknown slot type', (o) => (o.header.slots[1].type = 'password')],
		['an unknown top-level field', (o) => (o.params = {})],
		['an own __proto__ field', (o) => Object.defineProperty(o, '__proto__', { value: {}, enumerable: true })],
		['header missing', (o) => delete o.header],
		['slots not an array', (o) => (o.header.slots = {})],
		['accounts not an array', (o) => (o.db.accounts = 'x')],
		['mac of 31 bytes', (o) => (o.mac = toBase64Url(new Uint8Array(31)))],
		['mac missing', (o) => delete o.mac],
		['salt in standard base64', (o) => (o.header.slots[0].salt = o.header.slots[0].salt.replace(/[-_]/g, '+') + '==')],
		['account secret of 2 bytes', (o) => (o.db.accounts[0].secret = 'AAA')]
	])('%s', async (_, change) => {
		const { file } = await makeFixtureVault({ passkey: true });
		expect(code(() => decodeVaultFile(edit(encodeVaultFile(file), change)))).toBe('VAULT_CORRUPT');
	});

	it('wraps the lower-level error as cause', () => {
		try {
			decodeVaultFile('{');
		} catch (e) {
			expect(e).toBeInstanceOf(VaultError);
			expect((e as VaultError).cause).toBeInstanceOf(SyntaxError);
		}
	});
});

describe('signVaultFile', () => {
	it('refuses to sign a record that breaks the cross-field rules', async () => {
		const { file, integrityKey } = await makeFixtureVault();
		await expect(signVaultFile({ ...file, header: { keyId: file.header.keyId, slots: [] } }, integrityKey)).rejects.toMatchObject({ code: 'VAULT_CORRUPT' });
	});

	it('reads back 50 maximal accounts within the size limit', async () => {
		const accounts = Array.from({ length: 50 }, (_, i) => ({
			...accountInput(`${i}`, 'SHA512', 128),
			issuer: '한'.repeat(128),
			account: '🎓'.repeat(64)
		}));
		const { file, integrityKey } = await makeFixtureVault({ accounts, passkey: true });
		const text = encodeVaultFile(file);
		expect(text.length).toBeLessThan(256 * 1024);
		expect(await load(text, integrityKey)).toBe('OK');
		expect(fromBase64Url(decodeVaultFile(text).db.accounts[49]!.secret)).toHaveLength(128);
	});
});
