import { utf8 } from './bytes';

/** Options every `@noble/hashes` async KDF takes. */
export interface NobleKdfOptions {
	dkLen: number;
	asyncTick: number;
	onProgress?: (fraction: number) => void;
}

/**
 * The part scrypt and argon2id share when a PIN is stretched in JavaScript: the argument checks,
 * the PIN as UTF-8 bytes, and wiping both the PIN's bytes and the library's own output buffer
 * however the derivation ends. `derive` is the KDF itself, called with the PIN's bytes.
 * @param pin - the PIN
 * @param salt - the slot's salt, at least `minSaltBytes` long
 * @param minSaltBytes - the KDF's minimum salt length
 * @param onProgress - optional, the completed fraction 0..1
 * @param dkLen - the key length
 * @param derive - runs the KDF
 * @returns a fresh copy of the derived key
 * @throws {TypeError} / {RangeError} on bad arguments
 */
export async function stretchPin(
	pin: string,
	salt: Uint8Array,
	minSaltBytes: number,
	onProgress: ((fraction: number) => void) | undefined,
	dkLen: number,
	derive: (password: Uint8Array, options: NobleKdfOptions) => Promise<Uint8Array>
): Promise<Uint8Array<ArrayBuffer>> {
	if (typeof pin !== 'string') throw new TypeError(`pin must be a string, got ${typeof pin}`);
	if (!(salt instanceof Uint8Array)) throw new TypeError('salt must be a Uint8Array');
	if (salt.length < minSaltBytes) throw new RangeError(minSaltBytes <= 1 ? 'salt must not be empty' : `salt must be at least ${minSaltBytes} bytes`);
	if (onProgress !== undefined && typeof onProgress !== 'function') throw new TypeError('onProgress must be a function');
	const password = utf8(pin);
	try {
		// Yield to the event loop every 10 ms, so a long derivation on the page's thread does not
		// freeze the unlock screen's progress.
		const key = await derive(password, { dkLen, asyncTick: 10, ...(onProgress ? { onProgress } : {}) });
		const out = new Uint8Array(key);
		key.fill(0);
		return out;
	} finally {
		password.fill(0);
	}
}
