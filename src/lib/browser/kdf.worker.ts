// The PIN KDF (argon2id, or scrypt for a slot written before vault version 3), compiled to
// WebAssembly (hash-wasm), in a dedicated worker: compiling WebAssembly needs CSP
// 'wasm-unsafe-eval', which server.js grants to /_app/immutable/workers/* only, so no page may
// compile WebAssembly (docs/threat-model.md, "The Content Security Policy"), and the page keeps
// painting while the KDF runs.
//
// One worker per derivation (src/lib/browser/pinKdfWorker.ts starts it and terminates it after
// the answer): the WebAssembly memory, which held the PIN and every Argon2 block, is freed with
// the worker instead of lingering until the next unlock.
import { deriveWithWasm } from '../crypto/wasmPinKdf';
import type { KdfParams } from '../crypto/pinKdf';

/** A request from `pinKdfWorker.ts`. `password` (UTF-8 of the PIN) is transferred, and wiped here. */
export interface KdfRequest {
	password: Uint8Array<ArrayBuffer>;
	salt: Uint8Array<ArrayBuffer>;
	params: KdfParams;
}

/** The answer: K (transferred), or why the derivation failed. `ready` is posted once loaded. */
export type KdfReply = { type: 'ready' } | { type: 'key'; key: Uint8Array<ArrayBuffer> } | { type: 'error'; error: string };

/** This worker's global scope (typed by hand: the webworker lib would retype the whole program's DOM). */
const scope = self as unknown as {
	onmessage: ((event: MessageEvent<KdfRequest>) => void) | null;
	postMessage(reply: KdfReply, transfer?: Transferable[]): void;
};

scope.onmessage = async ({ data }) => {
	try {
		const key = await deriveWithWasm(data.password, data.salt, data.params);
		scope.postMessage({ type: 'key', key }, [key.buffer]);
	} catch (error) {
		scope.postMessage({ type: 'error', error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
	} finally {
		data.password.fill(0);
	}
};
scope.postMessage({ type: 'ready' });
