import { randomBytes } from 'node:crypto';

/** Random bytes in a link token: 192 bits, comfortably above the 128-bit floor, 32 base64url chars. */
export const ENROLL_TOKEN_BYTES = 24;

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{22,128}$/;

/** A fresh one-time link token (base64url, no padding). It rides in the URL fragment only. */
export function generateEnrollToken(): string {
	return randomBytes(ENROLL_TOKEN_BYTES).toString('base64url');
}

/** Whether `value` could be a token at all; anything else is refused before any lookup. */
export function isEnrollTokenShape(value: string): boolean {
	return TOKEN_SHAPE.test(value);
}
