import { QrError } from './QrError';

/**
 * The QR decoder for browsers without a native `BarcodeDetector` (Safari, Firefox, desktop Chrome
 * on Linux/Windows): the maintained `barcode-detector` ponyfill, which runs ZXing-C++ compiled to
 * WebAssembly. Loaded with `import()` only when a scan needs it, so neither the script nor the
 * .wasm is part of the first load.
 *
 * The package fetches its .wasm from a CDN by default; here `locateFile` points it at the copy
 * Vite bundles into our own origin, so scanning works offline and under `connect-src 'self'`.
 * Compiling WebAssembly needs CSP `'wasm-unsafe-eval'` (docs/decisions.md, "QR decoder").
 */
let detector: Promise<{ detect(image: ImageData): Promise<{ rawValue: string }[]> }> | null = null;

function load() {
	detector ??= (async () => {
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
	return detector;
}

/** The first QR payload in the image, or `null` when there is none. */
export async function decodeImageData(image: ImageData): Promise<string | null> {
	let found;
	try {
		found = await (await load()).detect(image);
	} catch (cause) {
		detector = null; // let a later scan retry loading
		throw new QrError('QR_DECODER_UNAVAILABLE', 'The QR decoder could not be loaded.', { cause });
	}
	return found.find((b) => b.rawValue.length > 0)?.rawValue ?? null;
}
