import { timingSafeEqual } from 'node:crypto';
import { sha256 } from './sha256';

/**
 * Compares two secrets (API keys, session ids) without leaking where they differ or how long
 * the expected one is: both sides are hashed to 32 bytes first, because `timingSafeEqual`
 * needs equal lengths and an early length check would itself be a timing signal.
 */
export function constantTimeEqual(a: string | Uint8Array, b: string | Uint8Array): boolean {
	return timingSafeEqual(sha256(a), sha256(b));
}
