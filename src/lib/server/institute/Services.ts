import type { Config } from '../config/Config';
import type { LookupHasher } from '../crypto/LookupHasher';
import type { SecretBox } from '../crypto/SecretBox';
import type { RateLimits } from '../limits/RateLimits';
import type { AuditSealer } from '../store/auditChain';
import type { Store } from '../store/Store';

/**
 * Everything a request handler needs, built once per process (`getServices`) or per test
 * (`createServices`). Time is a function so tests move it; nothing here reads `Date.now()`.
 */
export interface Services {
	config: Pick<Config, 'instituteName' | 'origin' | 'apiKey' | 'enrollTtlMs' | 'lockout'> & Partial<Pick<Config, 'auditRetentionDays'>>;
	store: Store;
	box: SecretBox;
	lookup: LookupHasher;
	limits: RateLimits;
	/** Seals the audit chain's head; the same key the store seals with, for checking it. */
	sealAuditHead: AuditSealer;
	/** Milliseconds since the epoch. */
	now: () => number;
}
