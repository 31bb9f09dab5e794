export type QrErrorCode =
	/** The picture was read but holds no QR code we could find. */
	| 'QR_NOT_FOUND'
	/** The file is not a picture the browser can open. */
	| 'QR_IMAGE_UNREADABLE'
	/** No BarcodeDetector and the fallback decoder could not be loaded (offline, or not bundled). */
	| 'QR_DECODER_UNAVAILABLE'
	/** The camera was refused (permission) or is in use. */
	| 'CAMERA_DENIED'
	/** No camera, or no camera API (insecure page, old browser). */
	| 'CAMERA_UNAVAILABLE';

/** A QR or camera failure with a stable `code` for the UI, wrapping its cause. */
export class QrError extends Error {
	readonly code: QrErrorCode;
	constructor(code: QrErrorCode, message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'QrError';
		this.code = code;
	}
}
