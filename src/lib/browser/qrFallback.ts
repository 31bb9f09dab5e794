import { QrError } from './QrError';
import type { QrDecodeReply, QrDecodeRequest } from './qrDecoder.worker';

/**
 * The QR decoder for browsers without a native `BarcodeDetector` (Safari, Firefox, desktop Chrome
 * on Linux/Windows). It runs ZXing's WebAssembly in a dedicated worker (`qrDecoder.worker.ts`,
 * which says why), started on the first scan that needs it, so neither the script nor the .wasm is
 * part of the first load.
 */
let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (text: string | null) => void; reject: (error: unknown) => void }>();

function start(): Worker {
	if (worker) return worker;
	const w = new Worker(new URL('./qrDecoder.worker.ts', import.meta.url), { type: 'module', name: 'qr-decoder' });
	w.onmessage = ({ data }: MessageEvent<QrDecodeReply>) => {
		const waiting = pending.get(data.id);
		pending.delete(data.id);
		if ('error' in data) waiting?.reject(new Error(data.error));
		else waiting?.resolve(data.text);
	};
	// The script or its WebAssembly could not load (offline before the first scan, a CSP refusal):
	// fail every waiting scan and let a later one start a fresh worker.
	w.onerror = (event) => {
		event.preventDefault();
		stop(new Error(event.message || 'the QR decoder worker failed'));
	};
	worker = w;
	return w;
}

function stop(reason: unknown): void {
	worker?.terminate();
	worker = null;
	for (const waiting of pending.values()) waiting.reject(reason);
	pending.clear();
}

/** The first QR payload in the image, or `null` when there is none. */
export async function decodeImageData(image: ImageData): Promise<string | null> {
	try {
		const w = start();
		const id = nextId++;
		return await new Promise<string | null>((resolve, reject) => {
			pending.set(id, { resolve, reject });
			const request: QrDecodeRequest = { id, image };
			w.postMessage(request, [image.data.buffer]);
		});
	} catch (cause) {
		// A decoder that failed once may be broken for good (its WebAssembly did not compile): start over.
		stop(cause);
		throw new QrError('QR_DECODER_UNAVAILABLE', 'The QR decoder could not be loaded.', { cause });
	}
}
