import { pruneAuditLog } from './pruneAuditLog';
import type { Services } from './Services';

const FIRST_RUN_MS = 60_000;
const EVERY_MS = 24 * 3_600_000;

/**
 * Runs the audit retention prune a minute after start and then once a day (docs/decisions-server.md,
 * "Audit retention"). Several processes on one PostgreSQL may all run it: the head's row lock
 * serialises them, and the later ones find nothing left to delete. Failures (a broken chain, a
 * database away) are logged and tried again the next day; the timers never hold the process open.
 * @param retentionDays - `null` keeps every row (`MOTP_AUDIT_RETENTION_DAYS=off`)
 */
export function scheduleAuditRetention(services: Services, retentionDays: number | null): { stop(): void } {
	if (retentionDays === null) return { stop() {} };
	const run = async () => {
		try {
			const removed = await pruneAuditLog(services, { retentionDays });
			if (removed > 0) console.log(`mOTP: audit retention: ${removed} rows older than ${retentionDays} days removed; the chain's anchor moved`);
		} catch (error) {
			console.error('mOTP: audit retention did not run:', error instanceof Error ? error.message : typeof error);
		}
	};
	const first = setTimeout(() => void run(), FIRST_RUN_MS);
	const daily = setInterval(() => void run(), EVERY_MS);
	first.unref();
	daily.unref();
	return {
		stop() {
			clearTimeout(first);
			clearInterval(daily);
		}
	};
}
