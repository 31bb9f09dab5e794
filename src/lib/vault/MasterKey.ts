import { constantTimeEqual, randomBytes } from '../crypto/bytes';

/** Master key length: 32 bytes, an AES-256 key. */
export const MASTER_KEY_LENGTH = 32;

/**
 * Draws a new master key MK: 32 uniformly random bytes. Every account secret is encrypted
 * under MK; each slot (PIN, passkey) wraps MK, so changing the PIN never re-encrypts accounts.
 * The caller wipes the returned bytes once they are wrapped and imported.
 * @param random - randomness source (tests pass a deterministic one)
 */
export function generateMasterKey(random: (n: number) => Uint8Array = randomBytes): Uint8Array<ArrayBuffer> {
	const mk = new Uint8Array(random(MASTER_KEY_LENGTH));
	if (mk.length !== MASTER_KEY_LENGTH) throw new RangeError(`random must return ${MASTER_KEY_LENGTH} bytes`);
	return mk;
}

/**
 * Imports raw MK bytes as a non-extractable AES-CTR key (WebCrypto §26), so an unlocked session
 * can seal new accounts without keeping the raw bytes around. The caller still owns (and wipes)
 * `raw`.
 * @param raw - the 32-byte master key
 * @throws {TypeError} when `raw` is not a `Uint8Array`
 * @throws {RangeError} when `raw` is not 32 bytes
 */
export async function importMasterKey(raw: Uint8Array): Promise<CryptoKey> {
	assertMasterKeyBytes(raw);
	const scratch = new Uint8Array(raw);
	try {
		return await globalThis.crypto.subtle.importKey('raw', scratch, { name: 'AES-CTR' }, false, ['encrypt', 'decrypt']);
	} finally {
		scratch.fill(0);
	}
}

/** A fixed counter block for `masterKeyMatches`; never used to encrypt data. */
const PROBE_COUNTER = new Uint8Array(16);
const PROBE_BLOCK = new Uint8Array(32);

/**
 * Whether raw MK bytes are the master key behind an imported key, by comparing the two
 * AES-CTR keystreams on a fixed counter block. Only someone who already holds the unlocked
 * session's key can ask, so this is no PIN oracle; `changePin` and `addPasskeySlot` use it to
 * avoid re-wrapping a wrong MK after a wrong PIN that happened to pass the 8-bit check.
 * @param key - the session's AES-CTR master key
 * @param raw - candidate 32-byte master key
 */
export async function masterKeyMatches(key: CryptoKey, raw: Uint8Array): Promise<boolean> {
	assertMasterKeyBytes(raw);
	const candidate = await importMasterKey(raw);
	const params = { name: 'AES-CTR', counter: PROBE_COUNTER, length: 64 };
	const [a, b] = await Promise.all([
		globalThis.crypto.subtle.encrypt(params, key, PROBE_BLOCK),
		globalThis.crypto.subtle.encrypt(params, candidate, PROBE_BLOCK)
	]);
	return constantTimeEqual(new Uint8Array(a), new Uint8Array(b));
}

function assertMasterKeyBytes(raw: unknown): asserts raw is Uint8Array {
	if (!(raw instanceof Uint8Array)) throw new TypeError('raw must be a Uint8Array');
	if (raw.length !== MASTER_KEY_LENGTH) throw new RangeError(`raw must be ${MASTER_KEY_LENGTH} bytes, got ${raw.length}`);
}
