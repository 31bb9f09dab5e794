import { DEFAULT_AUDIT_RETENTION_DAYS, type Config } from '../config/Config';
import { deriveKey } from '../crypto/deriveKey';
import { LookupHasher } from '../crypto/LookupHasher';
import { SecretBox } from '../crypto/SecretBox';
import { RateLimits } from '../limits/RateLimits';
import { DEFAULT_LOCKOUT } from '../config/LockoutPolicy';
import { auditSealer } from '../store/auditChain';
import type { Store } from '../store/Store';
import type { Services } from './Services';

/** Options for {@link createServices}. */
export interface CreateServicesOptions {
	config: Pick<Config, 'instituteName' | 'origin' | 'apiKey' | 'enrollTtlMs' | 'masterKey'> & Partial<Pick<Config, 'lockout' | 'auditRetentionDays'>>;
	store: Store;
	now?: () => number;
	limits?: RateLimits;
}

/**
 * Wires a migrated store to the keys derived from the master key, and checks that the database
 * was not set up under a different master key (which would make every stored secret unreadable).
 * @throws Error when the database belongs to another master key
 */
export async function createServices(options: CreateServicesOptions): Promise<Services> {
	const { config, store } = options;
	const lookup = new LookupHasher(deriveKey(config.masterKey, 'lookup'));
	await store.migrate();
	if (!(await store.claimKeyFingerprint(lookup.hash('key-fingerprint', 'v1')))) {
		throw new Error(
			'mOTP: this database was set up with a different master key (MOTP_MASTER_KEY or data/master-key); ' +
				'every process sharing it must use the same key'
		);
	}
	return {
		config: {
			instituteName: config.instituteName,
			origin: config.origin,
			apiKey: config.apiKey,
			enrollTtlMs: config.enrollTtlMs,
			lockout: config.lockout ?? DEFAULT_LOCKOUT,
			auditRetentionDays: config.auditRetentionDays === undefined ? DEFAULT_AUDIT_RETENTION_DAYS : config.auditRetentionDays
		},
		store,
		box: new SecretBox(deriveKey(config.masterKey, 'secret-box')),
		lookup,
		limits: options.limits ?? new RateLimits(),
		sealAuditHead: auditSealer(deriveKey(config.masterKey, 'audit')),
		now: options.now ?? Date.now
	};
}
