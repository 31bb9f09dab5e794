import { argon2id, scrypt } from 'hash-wasm';
import { PIN_KEY_LENGTH } from './scryptKdf';
import { assertKdfParams, type KdfParams } from './pinKdf';

/**
 * The PIN KDF compiled to WebAssembly: `hash-wasm` (MIT, maintained; argon2id and scrypt from the
 * reference C code, built with clang). About 4–5× faster than the JavaScript of `@noble/hashes` for
 * argon2id (docs/decisions.md has the figures). Compiling WebAssembly needs CSP 'wasm-unsafe-eval',
 * which only worker scripts get, so the app runs this in `kdf.worker.ts`; tests run it in Node and
 * check that it gives the same bytes as the JavaScript fallback (`deriveFromPin`).
 *
 * @param password - UTF-8 bytes of the PIN; the caller wipes them
 * @param salt - the slot's salt
 * @param params - checked with `assertKdfParams` (floor and ceiling)
 * @returns K, 32 bytes
 */
export async function deriveWithWasm(password: Uint8Array, salt: Uint8Array, params: KdfParams): Promise<Uint8Array<ArrayBuffer>> {
	if (!(password instanceof Uint8Array) || !(salt instanceof Uint8Array)) throw new TypeError('password and salt must be Uint8Arrays');
	assertKdfParams(params);
	const key =
		params.name === 'argon2id'
			? await argon2id({ password, salt, iterations: params.t, parallelism: params.p, memorySize: params.m, hashLength: PIN_KEY_LENGTH, outputType: 'binary' })
			: await scrypt({ password, salt, costFactor: params.N, blockSize: params.r, parallelism: params.p, hashLength: PIN_KEY_LENGTH, outputType: 'binary' });
	const out = new Uint8Array(key);
	key.fill(0);
	return out;
}
