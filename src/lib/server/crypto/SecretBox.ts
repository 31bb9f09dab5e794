import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SecretBoxError } from './SecretBoxError';

/** Format byte of a sealed box; bump it when the layout or algorithm changes. */
const VERSION = 0x01;
const NONCE_BYTES = 12; // NIST SP 800-38D §8.2: 96-bit IVs, random, are the recommended case.
const TAG_BYTES = 16;

/**
 * AES-256-GCM sealing of TOTP secrets at rest.
 *
 * Layout: `version(1) ‖ nonce(12) ‖ ciphertext ‖ tag(16)`. The additional data binds a box to
 * its owner (the trainee id), so a ciphertext copied onto another trainee's row fails to open
 * instead of silently handing that trainee someone else's secret.
 */
export class SecretBox {
	readonly #key: Buffer;

	/** @param key 32-byte AES-256 key (derive it with `deriveKey(master, 'secret-box')`). */
	constructor(key: Uint8Array) {
		if (key.length !== 32) throw new RangeError(`key must be 32 bytes, got ${key.length}`);
		this.#key = Buffer.from(key);
	}

	/** Encrypts `plaintext`, bound to `aad`. A fresh random nonce every call. */
	seal(plaintext: Uint8Array, aad: string): Buffer {
		const nonce = randomBytes(NONCE_BYTES);
		const cipher = createCipheriv('aes-256-gcm', this.#key, nonce, { authTagLength: TAG_BYTES });
		cipher.setAAD(Buffer.from(aad, 'utf8'));
		const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
		return Buffer.concat([Buffer.of(VERSION), nonce, body, cipher.getAuthTag()]);
	}

	/**
	 * Decrypts a box made by {@link seal} with the same `aad`.
	 * @throws SecretBoxError when the box is malformed, from another key or bound to another owner:
	 *   stored data was tampered with or the master key changed, never a client mistake.
	 */
	open(box: Uint8Array, aad: string): Uint8Array {
		if (box.length < 1 + NONCE_BYTES + TAG_BYTES || box[0] !== VERSION) {
			throw new SecretBoxError('UNKNOWN_FORMAT', 'stored secret has an unknown format');
		}
		const nonce = box.subarray(1, 1 + NONCE_BYTES);
		const tag = box.subarray(box.length - TAG_BYTES);
		const body = box.subarray(1 + NONCE_BYTES, box.length - TAG_BYTES);
		try {
			const decipher = createDecipheriv('aes-256-gcm', this.#key, nonce, { authTagLength: TAG_BYTES });
			decipher.setAAD(Buffer.from(aad, 'utf8'));
			decipher.setAuthTag(tag);
			return new Uint8Array(Buffer.concat([decipher.update(body), decipher.final()]));
		} catch (cause) {
			throw new SecretBoxError('AUTHENTICATION_FAILED', 'stored secret failed authentication', { cause });
		}
	}
}

/** The additional data that binds a trainee's sealed secret to that trainee. */
export function secretAad(traineeId: string): string {
	return `motp-web/secret/v1/${traineeId}`;
}
