// The QR fallback decoder, in a dedicated worker: the maintained `barcode-detector` ponyfill, which
// runs ZXing-C++ compiled to WebAssembly. It lives in a worker because compiling WebAssembly needs
// CSP 'wasm-unsafe-eval', and a worker runs under the policy of its own script's answer: server.js
// grants 'wasm-unsafe-eval' to /_app/immutable/workers/* only, so no page, the console included,
// may compile WebAssembly (issue 12; docs/threat-model.md, "The Content Security Policy").
//
// The package fetches its .wasm from a CDN by default; `locateFile` points it at the copy Vite
// bundles into our own origin, so scanning works offline and under `connect-src 'self'`.
import { BarcodeDetector, prepareZXingModule } from 'barcode-detector/ponyfill';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

/** A request from `qrFallback.ts`. */
export interface QrDecodeRequest {
	id: number;
	image: ImageData;
}

/** The worker's answer: the first QR payload (or `null`), or why decoding failed. */
export type QrDecodeReply = { id: number; text: string | null } | { id: number; error: string };

prepareZXingModule({
	overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path) },
	fireImmediately: false
});
const detector = new BarcodeDetector({ formats: ['qr_code'] });
/** This worker's global scope (typed by hand: the webworker lib would retype the whole program's DOM). */
const scope = self as unknown as { onmessage: ((event: MessageEvent<QrDecodeRequest>) => void) | null; postMessage(reply: QrDecodeReply): void };

scope.onmessage = async ({ data }) => {
	let reply: QrDecodeReply;
	try {
		const found = await detector.detect(data.image);
		reply = { id: data.id, text: found.find((b) => b.rawValue.length > 0)?.rawValue ?? null };
	} catch (error) {
		reply = { id: data.id, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
	}
	scope.postMessage(reply);
};
