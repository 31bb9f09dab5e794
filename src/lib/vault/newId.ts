import { randomBytes, toBase64Url } from '../crypto/bytes';

/**
 * A fresh slot or account id: 16 random bytes as base64url (22 characters). Random rather than
 * sequential so ids never repeat across vaults or reveal an order.
 * @param random - randomness source (tests pass a deterministic one)
 */
export function newId(random: (n: number) => Uint8Array = randomBytes): string {
	const bytes = random(16);
	if (!(bytes instanceof Uint8Array) || bytes.length !== 16) throw new RangeError('random must return 16 bytes');
	return toBase64Url(bytes);
}
