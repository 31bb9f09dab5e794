import { createHash } from 'node:crypto';

/** SHA-256 of a UTF-8 string or bytes, as a Buffer (32 bytes). */
export function sha256(data: string | Uint8Array): Buffer {
	return createHash('sha256').update(data).digest();
}
