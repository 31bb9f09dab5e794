import { createHmac } from 'node:crypto';

/** What a lookup hash stands for; part of the MAC input so a token never matches as a code. */
export type LookupKind = 'enroll-token' | 'enroll-code' | 'session' | 'session-api-key' | 'key-fingerprint' | 'redeem-retry-key' | 'idempotency-key' | 'idempotency-request';

/**
 * Keyed hashing (HMAC-SHA-256) of one-time tokens, typed codes and session ids before they are
 * stored or looked up. A plain SHA-256 of an 8-character code (~39 bits) could be brute-forced
 * from a database dump in minutes; keyed with a subkey of the master key, the dump alone is useless.
 */
export class LookupHasher {
	readonly #key: Buffer;

	/** @param key 32-byte key (derive it with `deriveKey(master, 'lookup')`). */
	constructor(key: Uint8Array) {
		if (key.length !== 32) throw new RangeError(`key must be 32 bytes, got ${key.length}`);
		this.#key = Buffer.from(key);
	}

	/** Hex MAC of `value` for `kind`. Equal inputs give equal outputs, so it works as an index key. */
	hash(kind: LookupKind, value: string): string {
		return createHmac('sha256', this.#key).update(`${kind}\0${value}`, 'utf8').digest('hex');
	}
}
