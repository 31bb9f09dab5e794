import { join } from 'node:path';
import type { Config } from '../config/Config';
import { PostgresStore } from './PostgresStore';
import { SqliteStore } from './SqliteStore';
import type { Store } from './Store';

/**
 * PostgreSQL when `DATABASE_URL` is set (several processes can share it), otherwise SQLite at
 * `<MOTP_DATA_DIR>/motp.db` (one process).
 */
export function openStore(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Store {
	if (config.databaseUrl) {
		if (!/^postgres(ql)?:\/\//i.test(config.databaseUrl)) {
			throw new Error('mOTP: DATABASE_URL must be a postgres:// or postgresql:// URL');
		}
		return new PostgresStore({ connectionString: config.databaseUrl });
	}
	return new SqliteStore(join(config.dataDir, 'motp.db'));
}
