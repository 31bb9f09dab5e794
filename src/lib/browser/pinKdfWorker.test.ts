import { describe, expect, it } from 'vitest';
import { utf8 } from '../crypto/bytes';
import { KDF_DEFAULT, deriveFromPin } from '../crypto/pinKdf';
import { deriveWithWasm } from '../crypto/wasmPinKdf';
import type { KdfReply, KdfRequest } from './kdf.worker';
import { deriveInWorker, KdfWorkerError, workerPinKdf, type StartWorker } from './pinKdfWorker';

type Behaviour = 'works' | 'fails-to-load' | 'wasm-refused' | 'throws-on-start' | 'silent';

/**
 * A stand-in for the browser's Worker that runs kdf.worker.ts's work (the same WebAssembly KDF)
 * in this thread, with real structured cloning and transfer, so detached buffers are real.
 */
class FakeWorker extends EventTarget {
	static started: FakeWorker[] = [];
	terminated = false;
	received: KdfRequest | null = null;
	constructor(readonly behaviour: Behaviour) {
		super();
		FakeWorker.started.push(this);
		if (behaviour === 'silent') return; // a fetch that stalls: neither loads nor fails
		if (behaviour === 'fails-to-load') setTimeout(() => this.dispatchEvent(Object.assign(new Event('error', { cancelable: true }), { message: 'CSP refused the script' })), 1);
		else setTimeout(() => this.#reply({ type: 'ready' }), 0);
	}
	postMessage(message: KdfRequest, transfer: Transferable[]): void {
		const data = structuredClone(message, { transfer });
		this.received = data;
		if (this.behaviour !== 'works') {
			if (this.behaviour === 'wasm-refused') setTimeout(() => this.#reply({ type: 'error', error: 'CompileError: WebAssembly.compile(): refused by CSP' }), 1);
			return;
		}
		void deriveWithWasm(data.password, data.salt, data.params).then((key) => {
			data.password.fill(0);
			this.#reply({ type: 'key', key }, [key.buffer]);
		});
	}
	terminate(): void {
		this.terminated = true;
	}
	#reply(reply: KdfReply, transfer: Transferable[] = []): void {
		if (this.terminated) return;
		this.dispatchEvent(new MessageEvent('message', { data: structuredClone(reply, { transfer }) }));
	}
}

const starter = (behaviour: Behaviour): StartWorker => () => {
	if (behaviour === 'throws-on-start') throw new ReferenceError('Worker is not defined');
	return new FakeWorker(behaviour) as unknown as ReturnType<StartWorker>;
};
const salt = Uint8Array.from({ length: 16 }, (_, i) => i * 3);

describe('deriveInWorker', () => {
	it('gives the same K as the JavaScript KDF, sends the PIN only as bytes, and ends the worker', async () => {
		FakeWorker.started = [];
		const key = await deriveInWorker('482913', salt, KDF_DEFAULT, starter('works'));
		expect(key).toEqual(await deriveFromPin('482913', salt, KDF_DEFAULT));
		const [w] = FakeWorker.started;
		expect(w!.terminated).toBe(true);
		expect(w!.received!.password).toEqual(new Uint8Array(6)); // the worker wiped its copy
		expect(JSON.stringify(w!.received!.params)).toBe(JSON.stringify(KDF_DEFAULT));
	});

	it('two derivations at once get two workers and their own answers', async () => {
		FakeWorker.started = [];
		const [a, b] = await Promise.all([
			deriveInWorker('111111', salt, KDF_DEFAULT, starter('works')),
			deriveInWorker('222222', salt, KDF_DEFAULT, starter('works'))
		]);
		expect(FakeWorker.started).toHaveLength(2);
		expect(a).toEqual(await deriveWithWasm(utf8('111111'), salt, KDF_DEFAULT));
		expect(b).toEqual(await deriveWithWasm(utf8('222222'), salt, KDF_DEFAULT));
		expect(FakeWorker.started.every((w) => w.terminated)).toBe(true);
	});

	it.each<[Behaviour, string]>([
		['fails-to-load', 'KDF_WORKER_UNAVAILABLE'],
		['throws-on-start', 'KDF_WORKER_UNAVAILABLE'],
		['wasm-refused', 'KDF_WORKER_FAILED']
	])('a worker that %s gives a typed error (%s) and is ended', async (behaviour, code) => {
		FakeWorker.started = [];
		const error = await deriveInWorker('482913', salt, KDF_DEFAULT, starter(behaviour)).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(KdfWorkerError);
		expect((error as KdfWorkerError).code).toBe(code);
		expect(FakeWorker.started.every((w) => w.terminated)).toBe(true);
	});

	it('a worker that neither loads nor fails is given up after the load timeout (KDF_WORKER_UNAVAILABLE), and the fallback derives', async () => {
		FakeWorker.started = [];
		const error = await deriveInWorker('482913', salt, KDF_DEFAULT, starter('silent'), 50).catch((e: unknown) => e);
		expect((error as KdfWorkerError).code).toBe('KDF_WORKER_UNAVAILABLE');
		expect(FakeWorker.started[0]!.terminated).toBe(true);
		const fallbacks: string[] = [];
		const key = await workerPinKdf(starter('silent'), (e) => fallbacks.push(e.code), 50)('482913', salt, KDF_DEFAULT);
		expect(key).toEqual(await deriveFromPin('482913', salt, KDF_DEFAULT));
		expect(fallbacks).toEqual(['KDF_WORKER_UNAVAILABLE']);
	});

	it('refuses parameters below the floor before starting a worker', async () => {
		FakeWorker.started = [];
		await expect(deriveInWorker('482913', salt, { name: 'argon2id', m: 1024, t: 2, p: 1 }, starter('works'))).rejects.toThrow(RangeError);
		expect(FakeWorker.started).toHaveLength(0);
	});
});

describe('workerPinKdf', () => {
	it('falls back to the JavaScript KDF (same K, real progress) when the worker cannot run, says so once, and stops trying the worker', async () => {
		FakeWorker.started = [];
		const fallbacks: KdfWorkerError[] = [];
		const derive = workerPinKdf(starter('fails-to-load'), (e) => fallbacks.push(e));
		const progress: number[] = [];
		const key = await derive('482913', salt, KDF_DEFAULT, (f) => progress.push(f));
		expect(key).toEqual(await deriveFromPin('482913', salt, KDF_DEFAULT));
		expect(progress.filter((f) => f > 0 && f < 1).length).toBeGreaterThan(0);
		expect(progress.at(-1)).toBe(1);
		expect(fallbacks.map((e) => e.code)).toEqual(['KDF_WORKER_UNAVAILABLE']);
		await derive('482913', salt, KDF_DEFAULT);
		expect(FakeWorker.started).toHaveLength(1);
		expect(fallbacks).toHaveLength(1);
	});

	it('reports 0 when the worker starts and 1 when K is back', async () => {
		const progress: number[] = [];
		await workerPinKdf(starter('works'))('482913', salt, KDF_DEFAULT, (f) => progress.push(f));
		expect(progress).toEqual([0, 1]);
	});
});
