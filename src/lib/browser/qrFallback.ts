import { QrError } from './QrError';

/**
 * The pure-JavaScript QR decoder for browsers without `BarcodeDetector` (Safari, Firefox, desktop
 * Chrome on Linux/Windows). Loaded with `import()` only when a scan needs it, so it is its own chunk
 * and never part of the first load; self-hosted like every other script (CSP `script-src 'self'`).
 *
 * PENDING: the decoder package (jsqr@1.4.0) is not installed yet. Until it is, this refuses with
 * QR_DECODER_UNAVAILABLE and the scan screen says so. With it, the body becomes:
 *   import jsQR from 'jsqr';
 *   return jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' })?.data ?? null;
 */
export async function decodeImageData(image: ImageData): Promise<string | null> {
	void image;
	throw new QrError('QR_DECODER_UNAVAILABLE', 'No fallback QR decoder is bundled.');
}
