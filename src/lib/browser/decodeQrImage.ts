/**
 * Reads QR codes from an image (a file, a camera frame, a canvas). Uses the browser's native
 * BarcodeDetector where it exists, and otherwise the `barcode-detector` ponyfill (ZXing-C++ in
 * WebAssembly). The fallback is loaded only when needed, and its .wasm is served from our own
 * origin (bundled by Vite), never from the package's default CDN: the app must work offline and
 * under `connect-src 'self'`. Instantiating WebAssembly needs CSP `'wasm-unsafe-eval'`
 * (docs/decisions.md).
 */
type Source = ImageBitmapSource;

interface Detector {
	detect(source: Source): Promise<{ rawValue: string }[]>;
}

let fallback: Promise<Detector> | null = null;

async function nativeDetector(): Promise<Detector | null> {
	const Native = (globalThis as { BarcodeDetector?: { new (o: { formats: string[] }): Detector; getSupportedFormats(): Promise<string[]> } })
		.BarcodeDetector;
	if (!Native) return null;
	try {
		if (!(await Native.getSupportedFormats()).includes('qr_code')) return null;
		return new Native({ formats: ['qr_code'] });
	} catch {
		return null;
	}
}

function loadFallback(): Promise<Detector> {
	fallback ??= (async () => {
		const [{ BarcodeDetector, prepareZXingModule }, { default: wasmUrl }] = await Promise.all([
			import('barcode-detector/ponyfill'),
			import('zxing-wasm/reader/zxing_reader.wasm?url')
		]);
		prepareZXingModule({
			overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path) },
			fireImmediately: false
		});
		return new BarcodeDetector({ formats: ['qr_code'] });
	})();
	return fallback;
}

/** Every QR payload found in the image (empty when none). */
export async function decodeQrImage(source: Source): Promise<string[]> {
	const detector = (await nativeDetector()) ?? (await loadFallback());
	const found = await detector.detect(source);
	return found.map((b) => b.rawValue).filter((v) => v.length > 0);
}
