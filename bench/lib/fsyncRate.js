// The disk's durable-write rate: how many 4 KiB append + fdatasync pairs it completes per second.
// A verification must be durable before it is answered (the lockout and the replay guard live in
// the database), and SQLite commits one writer at a time, so this is the physical limit of a
// single SQLite file on this disk.
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** @param {number} [ms] - how long to measure */
export function measureFsyncRate(ms = 2000) {
	const dir = mkdtempSync(join(tmpdir(), 'motp-bench-fsync-'));
	const fd = openSync(join(dir, 'probe'), 'w');
	const block = Buffer.alloc(4096, 1);
	let n = 0;
	const t0 = performance.now();
	try {
		while (performance.now() - t0 < ms) {
			writeSync(fd, block);
			fdatasyncSync(fd);
			n++;
		}
	} finally {
		closeSync(fd);
		rmSync(dir, { recursive: true, force: true });
	}
	return Math.round((n * 1000) / (performance.now() - t0));
}
