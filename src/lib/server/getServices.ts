import { loadConfig } from './config/loadConfig';
import { createServices } from './institute/createServices';
import { scheduleAuditRetention } from './institute/scheduleAuditRetention';
import type { Services } from './institute/Services';
import { openStore } from './store/openStore';

let services: Promise<Services> | undefined;

/**
 * The process-wide services, created on first use: the configuration is read, missing keys are
 * generated and the database is opened and migrated then, never at import time, so `vite build`
 * (which imports server code to prerender) touches neither the data directory nor a database.
 * A failed start is not cached: the next request tries again (e.g. once PostgreSQL is up).
 */
export function getServices(): Promise<Services> {
	services ??= (async () => {
		const config = loadConfig(process.env);
		const store = openStore(config);
		try {
			const created = await createServices({ config, store });
			// adapter-node emits this on SIGTERM/SIGINT once requests have drained: close cleanly
			// (SQLite checkpoints its WAL, PostgreSQL connections end instead of timing out).
			const retention = scheduleAuditRetention(created, created.config.auditRetentionDays ?? null);
			process.once('sveltekit:shutdown', () => {
				retention.stop();
				void store.close().catch(() => {});
			});
			console.log(`mOTP: institute service ready (${store.kind}, institute "${config.instituteName}")`);
			return created;
		} catch (error) {
			await store.close().catch(() => {});
			throw error;
		}
	})().catch((error: unknown) => {
		services = undefined;
		throw error;
	});
	return services;
}
