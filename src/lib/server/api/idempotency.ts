import { ApiError } from '../ApiError';
import type { ApiContext } from '../http/ApiContext';
import { jsonReply, type ApiReply } from '../http/ApiReply';
import type { IdempotentRecord } from '../store/Store';

/** How long an answer is kept for retries with the same `Idempotency-Key` (docs/api.md). */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

/** How often a process sweeps expired records (they are ignored as soon as they expire either way). */
const PURGE_EVERY_MS = 10 * 60_000;

/** The header on an answer that was stored for an earlier request with the same key. */
export const IDEMPOTENT_REPLAYED_HEADER = 'idempotent-replayed';

/** A key as the header carries it: 1–255 visible ASCII characters, optionally as a quoted sf-string. */
const KEY = /^[\x21-\x7e]{1,255}$/;

/** The request's `Idempotency-Key`, hashed and scoped to the API key, or `null` when it sent none. */
export interface IdempotencyKey {
	keyHash: string;
}

/**
 * Reads `Idempotency-Key` (draft-ietf-httpapi-idempotency-key-header): the raw value, or a quoted
 * string (`"…"`, the draft's structured-field form), both meaning the same key. The stored form is a
 * keyed lookup hash over the API key and the key, so keys are scoped to the institute's API key
 * (a rotated key starts a fresh scope) and a database dump shows neither.
 * @throws ApiError `BAD_REQUEST` (field `Idempotency-Key`) for an empty, over-long or non-ASCII value
 */
export function readIdempotencyKey(ctx: Pick<ApiContext, 'request' | 'services'>): IdempotencyKey | null {
	const raw = ctx.request.headers.get('idempotency-key');
	if (raw === null) return null;
	let value = raw.trim();
	if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
	if (!KEY.test(value) || value.includes('"')) {
		throw ApiError.badRequest('Idempotency-Key', 'Idempotency-Key must be 1–255 visible ASCII characters (a UUID is a good choice)');
	}
	return { keyHash: ctx.services.lookup.hash('idempotency-key', `${ctx.services.config.apiKey}\0${value}`) };
}

/** The fingerprint of what a request asks, for refusing the same key with another request. */
export function requestFingerprint(ctx: Pick<ApiContext, 'services'>, what: unknown): string {
	return ctx.services.lookup.hash('idempotency-request', JSON.stringify(what));
}

/**
 * The answer for a request whose key already holds one: the stored answer when it asked the same,
 * byte for byte as the first time plus `Idempotent-Replayed: true`.
 * @throws ApiError `IDEMPOTENCY_KEY_REUSED` (422) when the key was used for a different request
 */
export function replayReply(earlier: IdempotentRecord, requestHash: string): ApiReply {
	if (earlier.requestHash !== requestHash) {
		throw new ApiError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for a different request; use a new key for a new request', {
			field: 'Idempotency-Key'
		});
	}
	const reply = jsonReply(null, 200, { [IDEMPOTENT_REPLAYED_HEADER]: 'true' });
	return { ...reply, body: earlier.reply };
}

const lastPurge = new WeakMap<object, number>();

/** Sweeps expired records at most every ten minutes per store (a cheap indexed DELETE). */
export async function purgeIdempotencyNow(ctx: Pick<ApiContext, 'services'>): Promise<void> {
	const { store, now } = ctx.services;
	const t = now();
	const last = lastPurge.get(store);
	if (last !== undefined && t - last < PURGE_EVERY_MS && t >= last) return;
	lastPurge.set(store, t);
	await store.purgeIdempotency(t);
}
