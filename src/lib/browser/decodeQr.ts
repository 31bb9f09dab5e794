import { QrError } from './QrError';

/**
 * Reads a QR code from a picture or a video frame: the browser's own `BarcodeDetector` where it
 * exists (Chrome on Android, ChromeOS and macOS; Samsung Internet), else the fallback decoder,
 * loaded on first use (`qrFallback.ts`).
 */
interface DetectedBarcode {
	rawValue: string;
}
interface BarcodeDetectorLike {
	detect(source: ImageBitmapSource): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorStatic {
	new (options?: { formats: string[] }): BarcodeDetectorLike;
	getSupportedFormats(): Promise<string[]>;
}

/** Large photos are scaled down first: a QR code needs a few pixels per module, not 12 megapixels. */
const MAX_SIDE = 1280;

let detector: Promise<BarcodeDetectorLike | null> | null = null;

/** The native detector for QR codes, or `null` (no API, or no QR support on this platform). */
function nativeDetector(): Promise<BarcodeDetectorLike | null> {
	detector ??= (async () => {
		const BD = (globalThis as { BarcodeDetector?: BarcodeDetectorStatic }).BarcodeDetector;
		if (!BD) return null;
		try {
			return (await BD.getSupportedFormats()).includes('qr_code') ? new BD({ formats: ['qr_code'] }) : null;
		} catch {
			return null;
		}
	})();
	return detector;
}

/** Draws a frame or picture into a canvas (scaled to at most MAX_SIDE) and returns its pixels. */
function pixels(source: CanvasImageSource, width: number, height: number): ImageData {
	const scale = Math.min(1, MAX_SIDE / Math.max(width, height));
	const w = Math.max(1, Math.round(width * scale));
	const h = Math.max(1, Math.round(height * scale));
	const canvas = document.createElement('canvas');
	canvas.width = w;
	canvas.height = h;
	const ctx = canvas.getContext('2d', { willReadFrequently: true });
	if (!ctx) throw new QrError('QR_IMAGE_UNREADABLE', 'No 2D canvas.');
	// A white backdrop: a transparent PNG's "black" modules would otherwise sit on transparent black.
	ctx.fillStyle = '#fff';
	ctx.fillRect(0, 0, w, h);
	ctx.drawImage(source, 0, 0, w, h);
	return ctx.getImageData(0, 0, w, h);
}

async function fallback(image: ImageData): Promise<string | null> {
	let mod: typeof import('./qrFallback');
	try {
		mod = await import('./qrFallback');
	} catch (cause) {
		throw new QrError('QR_DECODER_UNAVAILABLE', 'The QR decoder could not be loaded.', { cause });
	}
	return mod.decodeImageData(image);
}

/** Decodes one source; `null` when no QR code is in it. */
async function decode(source: ImageBitmap | HTMLVideoElement, width: number, height: number): Promise<string | null> {
	const native = await nativeDetector();
	if (native) {
		const found = await native.detect(source);
		return found[0]?.rawValue ?? null;
	}
	return fallback(pixels(source, width, height));
}

/** Reads the QR code in an image file (a photo or a screenshot). */
export async function decodeQrFromFile(file: Blob): Promise<string> {
	let bitmap: ImageBitmap;
	try {
		bitmap = await createImageBitmap(file);
	} catch (cause) {
		throw new QrError('QR_IMAGE_UNREADABLE', 'The file is not a readable image.', { cause });
	}
	try {
		const text = await decode(bitmap, bitmap.width, bitmap.height);
		if (text === null) throw new QrError('QR_NOT_FOUND', 'No QR code in the image.');
		return text;
	} finally {
		bitmap.close();
	}
}

/** Reads a QR code from the current video frame, or `null` when there is none (yet). */
export async function decodeQrFromVideo(video: HTMLVideoElement): Promise<string | null> {
	if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || video.videoWidth === 0) return null;
	return decode(video, video.videoWidth, video.videoHeight);
}
