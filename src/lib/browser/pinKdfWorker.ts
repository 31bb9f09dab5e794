import { utf8, wipe } from '../crypto/bytes';
import { assertKdfParams, deriveFromPin, type KdfParams, type PinKdf } from '../crypto/pinKdf';
import type { KdfReply, KdfRequest } from './kdf.worker';

/**
 * Why the worker could not derive the key:
 * - `KDF_WORKER_UNAVAILABLE`: no Worker here, or its script did not load (offline before it was
 *   ever cached, a CSP refusal, a browser without module workers);
 * - `KDF_WORKER_FAILED`: the worker loaded but the derivation failed (its WebAssembly did not
 *   compile, memory ran out).
 */
export type KdfWorkerErrorCode = 'KDF_WORKER_UNAVAILABLE' | 'KDF_WORKER_FAILED';

export class KdfWorkerError extends Error {
	readonly code: KdfWorkerErrorCode;
	constructor(code: KdfWorkerErrorCode, message: string, options?: ErrorOptions) {
		super(message, options);
		this.name = 'KdfWorkerError';
		this.code = code;
	}
}

/** What starts a worker; the browser's `Worker` in the app, a fake in tests. */
export type StartWorker = () => Pick<Worker, 'postMessage' | 'terminate' | 'addEventListener'>;

const startKdfWorker: StartWorker = () => new Worker(new URL('./kdf.worker.ts', import.meta.url), { type: 'module', name: 'pin-kdf' });

/**
 * How long a worker may take to load (its `ready` message) before it counts as unavailable: a
 * script that neither loads nor fails (a stalled fetch) must not hang the unlock. Generous, since
 * the script comes from the service worker's cache; the derivation itself has no limit.
 */
export const WORKER_LOAD_TIMEOUT_MS = 15_000;

/**
 * Derives K in a worker (WebAssembly, `kdf.worker.ts`). One worker per derivation, terminated
 * after its answer, so concurrent derivations never share one and nothing of the PIN outlives
 * the call in the worker. The PIN's UTF-8 bytes are transferred (the page's copy is detached,
 * the worker wipes its own); K comes back transferred. A JavaScript string cannot be wiped: the
 * PIN string itself lives as long as the page keeps it.
 * @throws {KdfWorkerError} when the worker cannot run or fails
 */
export async function deriveInWorker(
	pin: string,
	salt: Uint8Array,
	params: KdfParams,
	start: StartWorker = startKdfWorker,
	loadTimeoutMs: number = WORKER_LOAD_TIMEOUT_MS
): Promise<Uint8Array<ArrayBuffer>> {
	assertKdfParams(params);
	const password = utf8(pin);
	let worker: ReturnType<StartWorker>;
	try {
		worker = start();
	} catch (cause) {
		wipe(password);
		throw new KdfWorkerError('KDF_WORKER_UNAVAILABLE', 'The key-derivation worker could not start.', { cause });
	}
	return new Promise<Uint8Array<ArrayBuffer>>((resolve, reject) => {
		let settled = false;
		const finish = (outcome: () => void) => {
			if (settled) return;
			settled = true;
			clearTimeout(loading);
			worker.terminate();
			outcome();
		};
		const loading = setTimeout(
			() => finish(() => reject(new KdfWorkerError('KDF_WORKER_UNAVAILABLE', `The key-derivation worker did not load within ${loadTimeoutMs} ms.`))),
			loadTimeoutMs
		);
		worker.addEventListener('message', (event: MessageEvent<KdfReply>) => {
			const reply = event.data;
			if (reply.type === 'ready') clearTimeout(loading);
			else if (reply.type === 'key' && reply.key instanceof Uint8Array && reply.key.length === 32) finish(() => resolve(reply.key));
			else if (reply.type === 'error') finish(() => reject(new KdfWorkerError('KDF_WORKER_FAILED', `The key-derivation worker failed: ${reply.error}`)));
			else finish(() => reject(new KdfWorkerError('KDF_WORKER_FAILED', 'The key-derivation worker answered something unexpected.')));
		});
		// The script did not load or threw while loading (a CSP refusal, offline before it was cached).
		worker.addEventListener('error', (event: Event) => {
			event.preventDefault();
			finish(() => reject(new KdfWorkerError('KDF_WORKER_UNAVAILABLE', `The key-derivation worker did not load: ${(event as ErrorEvent).message || 'error'}`)));
		});
		worker.addEventListener('messageerror', () => finish(() => reject(new KdfWorkerError('KDF_WORKER_FAILED', 'The key-derivation worker sent an unreadable answer.'))));
		const request: KdfRequest = { password, salt: new Uint8Array(salt), params: { ...params } };
		try {
			worker.postMessage(request, [password.buffer]);
		} catch (cause) {
			wipe(password);
			finish(() => reject(new KdfWorkerError('KDF_WORKER_FAILED', 'The PIN could not be sent to the key-derivation worker.', { cause })));
		}
	});
}

/**
 * The app's PIN KDF: WebAssembly in a worker, and when the worker cannot run (see
 * `KdfWorkerError`), the core's JavaScript KDF on the page's thread: the same bytes, about 4–5×
 * slower (CPU 223 vs 48 ms at the default), with real progress. After one failure the page stops trying the worker.
 * Progress from the worker is only "started" (0) and "done" (1): the WebAssembly runs in one call.
 * @param start - starts a worker (tests pass a fake)
 * @param onFallback - told once, with the reason, when the page falls back to JavaScript
 */
export function workerPinKdf(start: StartWorker = startKdfWorker, onFallback?: (error: KdfWorkerError) => void, loadTimeoutMs = WORKER_LOAD_TIMEOUT_MS): PinKdf {
	let workerBroken = false;
	return async (pin, salt, params, onProgress) => {
		assertKdfParams(params);
		if (!workerBroken) {
			onProgress?.(0);
			try {
				const key = await deriveInWorker(pin, salt, params, start, loadTimeoutMs);
				onProgress?.(1);
				return key;
			} catch (error) {
				if (!(error instanceof KdfWorkerError)) throw error;
				workerBroken = true;
				onFallback?.(error);
			}
		}
		return deriveFromPin(pin, salt, params, onProgress);
	};
}

/**
 * The page's PIN KDF for `KeeperDeps.derive`: the worker, falling back to JavaScript with the
 * reason logged once. Touches nothing in the browser until a PIN is derived.
 */
export const browserPinKdf: PinKdf = workerPinKdf(undefined, (e) => console.warn(`PIN KDF: ${e.message} Using the JavaScript fallback.`));
