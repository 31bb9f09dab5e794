import { QrError } from './QrError';

/**
 * Opens the back camera for scanning. Maps getUserMedia's DOMException names to our codes:
 * NotAllowedError/SecurityError → CAMERA_DENIED (permission refused, or blocked by policy),
 * NotReadableError/AbortError → CAMERA_DENIED (another app holds it), NotFoundError/
 * OverconstrainedError or no API at all → CAMERA_UNAVAILABLE.
 */
export async function openCamera(): Promise<MediaStream> {
	if (!navigator.mediaDevices?.getUserMedia) throw new QrError('CAMERA_UNAVAILABLE', 'No camera API on this page.');
	try {
		return await navigator.mediaDevices.getUserMedia({
			video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
			audio: false
		});
	} catch (cause) {
		const name = cause instanceof DOMException ? cause.name : '';
		const denied = ['NotAllowedError', 'SecurityError', 'NotReadableError', 'AbortError'].includes(name);
		throw new QrError(denied ? 'CAMERA_DENIED' : 'CAMERA_UNAVAILABLE', `Camera failed: ${name || 'unknown'}.`, { cause });
	}
}

/** Stops every track, so the camera light goes off. */
export function closeCamera(stream: MediaStream | null): void {
	for (const track of stream?.getTracks() ?? []) track.stop();
}
