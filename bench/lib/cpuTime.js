// CPU time of processes from /proc (Linux): user + system, in microseconds. This is what the issue's
// "server CPU per verification" counts: the server processes' own CPU, whatever else the machine
// (the load generator, PostgreSQL, other users) is doing. Clock ticks are USER_HZ, 100 on Linux.
import { readFileSync } from 'node:fs';

const TICK_US = 1_000_000 / 100;

/** User + system CPU of one process so far, µs. */
export function processCpuMicros(pid) {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	// Fields after the command (which may contain spaces, inside parentheses): utime is the 14th field, stime the 15th.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(fields[11]) + Number(fields[12])) * TICK_US;
}

/** Sum over several processes. */
export function cpuMicros(pids) {
	return pids.reduce((sum, pid) => sum + processCpuMicros(pid), 0);
}
