import { join } from 'node:path';
import type { Config } from '../config/Config';
import { deriveKey } from '../crypto/deriveKey';
import { auditSealer } from './auditChain';
import { PostgresStore } from './PostgresStore';
import { SqliteStore } from './SqliteStore';
import type { Store } from './Store';

/**
 * PostgreSQL when `DATABASE_URL` is set (several processes can share it), otherwise SQLite at
 * `<MOTP_DATA_DIR>/motp.db` (one process).
 */
export function openStore(config: Pick<Config, 'databaseUrl' | 'dataDir' | 'masterKey'>): Store {
	const seal = auditSealer(deriveKey(config.masterKey, 'audit'));
	if (config.databaseUrl) {
		if (!/^postgres(ql)?:\/\//i.test(config.databaseUrl)) {
			throw new Error('mOTP: DATABASE_URL must be a postgres:// or postgresql:// URL');
		}
		return new PostgresStore({ connectionString: config.databaseUrl, seal });
	}
	return new SqliteStore(join(config.dataDir, 'motp.db'), seal);
}
